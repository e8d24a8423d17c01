package dev.ticketloop.platform.audit;

import java.io.IOException;

import dev.ticketloop.platform.security.ApiClient;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records operators' actions in the {@link OperatorAudit} once they are answered: every
 * change under {@code /operations/} and {@code /dead-letters/}, every read of an
 * aggregate's events, of a ticket (or any aggregate) as it was ({@code asOf}), and every
 * export. Runs inside the security chain, so the caller is known; requests refused by
 * authentication never reach it. Of the query, only the parameters that say what was
 * asked of history are kept (instants, ranges, paging), never a search's terms.
 */
public final class OperatorAuditFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(OperatorAuditFilter.class);

	private final OperatorAudit audit;

	public OperatorAuditFilter(OperatorAudit audit) {
		this.audit = audit;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !audited(request.getMethod(), request.getRequestURI(), request.getParameter("asOf") != null);
	}

	static boolean audited(String method, String path, boolean asOf) {
		if ("GET".equals(method) || "HEAD".equals(method)) {
			return asOf || path.endsWith("/events") || path.startsWith("/operations/events")
					|| path.startsWith("/operations/dead-letter-records/");
		}
		return path.startsWith("/operations/") || path.startsWith("/dead-letters/");
	}

	/**
	 * The query parameters that say what was asked of history, and only those: a search
	 * that also carries {@code asOf} may name a customer, which the audit does not keep.
	 */
	private static final java.util.List<String> RECORDED = java.util.List.of("asOf", "from", "to", "aggregateType",
			"after", "before", "limit", "kind");

	static String recordedQuery(HttpServletRequest request) {
		java.util.StringJoiner query = new java.util.StringJoiner("&");
		for (String name : RECORDED) {
			String[] values = request.getParameterValues(name);
			if (values != null && request.getQueryString() != null && request.getQueryString().contains(name + "=")) {
				for (String value : values) {
					query.add(name + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
				}
			}
		}
		return (query.length() > 0) ? query.toString() : null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication != null && authentication.getPrincipal() instanceof ApiClient client) {
				try {
					this.audit.record(client.name(), client.role().name().toLowerCase(java.util.Locale.ROOT),
							request.getMethod(), request.getRequestURI(), recordedQuery(request), response.getStatus());
				}
				catch (RuntimeException ex) {
					log.error("An operator's action could not be recorded in the audit: {} {} by {}: {}",
							request.getMethod(), request.getRequestURI(), client.name(), ex.toString());
				}
			}
		}
	}

}
