package dev.ticketloop.platform.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * What happens to a request no service rule allows. If an endpoint answers it, it is
 * denied (403): an endpoint nobody wrote a rule for is closed. If none does (an unknown
 * path, or a method the path does not allow), an authenticated client is let through, so
 * that it learns the truth: 404 or 405, as problem+json. A client without a valid key
 * learns nothing about which paths exist (401).
 */
final class UnmappedRequests implements AuthorizationManager<RequestAuthorizationContext> {

	private final ApplicationContext context;

	private volatile List<RequestMappingInfoHandlerMapping> mappings;

	UnmappedRequests(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext request) {
		Authentication client = authentication.get();
		boolean authenticated = client != null && client.isAuthenticated()
				&& !(client instanceof AnonymousAuthenticationToken);
		return new AuthorizationDecision(authenticated && !answered(request.getRequest()));
	}

	/** Whether an endpoint answers this path and method (whatever else it requires). */
	private boolean answered(HttpServletRequest request) {
		for (RequestMappingInfoHandlerMapping mapping : mappings()) {
			HttpServletRequest probe = new LocalAttributes(request);
			try {
				ServletRequestPathUtils.parseAndCache(probe);
				if (mapping.getHandler(probe) != null) {
					return true;
				}
			}
			catch (HttpRequestMethodNotSupportedException ex) {
				// the path exists, not with this method: 405
			}
			catch (Exception ex) {
				// an endpoint matched and refused the request's media type or parameters
				return true;
			}
		}
		return false;
	}

	private List<RequestMappingInfoHandlerMapping> mappings() {
		List<RequestMappingInfoHandlerMapping> found = this.mappings;
		if (found == null) {
			found = List.copyOf(this.context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values());
			this.mappings = found;
		}
		return found;
	}

	/** The request, with the attributes a handler lookup sets kept away from it. */
	private static final class LocalAttributes extends HttpServletRequestWrapper {

		private final Map<String, Object> attributes = new HashMap<>();

		LocalAttributes(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Object getAttribute(String name) {
			return this.attributes.containsKey(name) ? this.attributes.get(name) : super.getAttribute(name);
		}

		@Override
		public void setAttribute(String name, Object value) {
			this.attributes.put(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			this.attributes.put(name, null);
		}

	}

}
