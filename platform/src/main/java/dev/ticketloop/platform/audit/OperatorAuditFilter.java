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
 * authentication never reach it. The query string is recorded as sent (operators'
 * requests carry ids and instants, not personal data).
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
			return asOf || path.endsWith("/events") || path.startsWith("/operations/events");
		}
		return path.startsWith("/operations/") || path.startsWith("/dead-letters/");
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
							request.getMethod(), request.getRequestURI(), request.getQueryString(),
							response.getStatus());
				}
				catch (RuntimeException ex) {
					log.error("An operator's action could not be recorded in the audit: {} {} by {}: {}",
							request.getMethod(), request.getRequestURI(), client.name(), ex.toString());
				}
			}
		}
	}

}
