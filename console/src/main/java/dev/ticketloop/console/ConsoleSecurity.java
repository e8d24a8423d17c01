package dev.ticketloop.console;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may open what: pages by role (a page refused is a page that says so, a page without
 * a session sends to the sign-in), {@code /api/**} and {@code /session} answer 401/403 as
 * problem details; a session cookie (HttpOnly, SameSite=Strict, set in the yml) after
 * sign-in, and a CSRF token (cookie {@code XSRF-TOKEN}, header {@code X-XSRF-TOKEN}) on
 * every change, sign-in included.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

	@Bean
	CsrfTokenRepository csrfTokens() {
		CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
		tokens.setCookieCustomizer((cookie) -> cookie.sameSite("Strict").path("/"));
		return tokens;
	}

	@Bean
	SecurityContextRepository securityContexts() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	SessionAuthenticationStrategy sessionStrategy(CsrfTokenRepository csrfTokens) {
		return new CompositeSessionAuthenticationStrategy(
				List.of(new ChangeSessionIdAuthenticationStrategy(), new CsrfAuthenticationStrategy(csrfTokens)));
	}

	@Bean
	SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, CsrfTokenRepository csrfTokens,
			SecurityContextRepository contexts, ConsoleProperties properties) throws Exception {
		JsonMapper json = JsonMapper.builder().build();
		http.csrf((csrf) -> csrf.spa().csrfTokenRepository(csrfTokens))
			.securityContext((c) -> c.securityContextRepository(contexts))
			.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.headers((h) -> h.contentSecurityPolicy((csp) -> csp
				.policyDirectives("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
						+ "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")))
			.addFilterBefore(new SessionLifetime(properties), SecurityContextHolderFilter.class)
			.addFilterAfter(new CsrfCookie(), CsrfFilter.class)
			.exceptionHandling((e) -> e.authenticationEntryPoint((request, response, ex) -> {
				if (isPage(request)) {
					String query = request.getQueryString();
					String next = request.getRequestURI() + ((query != null) ? "?" + query : "");
					response.sendRedirect("/sign-in?next="
							+ java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
				}
				else {
					write(json, response, ConsoleProblems.problem(HttpStatus.UNAUTHORIZED, "unauthorized",
							"Sign in first (your session may have ended)."));
				}
			}).accessDeniedHandler((request, response, ex) -> {
				if (ex instanceof CsrfException) {
					write(json, response, ConsoleProblems.problem(HttpStatus.FORBIDDEN, "csrf",
							"The request's CSRF token is missing or wrong; reload the page."));
				}
				else if (isPage(request)) {
					response.setStatus(HttpStatus.FORBIDDEN.value());
					response.setContentType(MediaType.TEXT_HTML_VALUE);
					try (var page = ConsoleSecurity.class.getResourceAsStream("/console-web/forbidden.html")) {
						page.transferTo(response.getOutputStream());
					}
				}
				else {
					write(json, response,
							ConsoleProblems.problem(HttpStatus.FORBIDDEN, "forbidden", "Your role may not do that."));
				}
			}))
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers("/assets/**", "/sign-in", "/sign-in.html", "/forbidden.html", "/favicon.ico",
						"/actuator/health", "/actuator/health/**", "/error")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/session")
				.permitAll()
				.requestMatchers("/session")
				.authenticated()
				.requestMatchers("/api/**")
				.authenticated()
				.requestMatchers("/", "/index.html")
				.authenticated()
				.requestMatchers("/queue", "/queue.html")
				.hasAnyRole("AGENT", "OPERATOR")
				.requestMatchers("/status", "/status.html")
				.hasAnyRole("LEAD", "OPERATOR")
				.requestMatchers("/tickets/*", "/ticket.html")
				.hasAnyRole("AGENT", "OPERATOR")
				.requestMatchers("/reports", "/reports.html")
				.hasAnyRole("AGENT", "OPERATOR")
				.requestMatchers("/operations", "/operations.html")
				.hasRole("OPERATOR")
				.requestMatchers("/issues", "/issues.html", "/issues/*", "/issue.html")
				.hasAnyRole("AGENT", "OPERATOR", "ENGINEERING")
				.anyRequest()
				.denyAll());
		return http.build();
	}

	private static boolean isPage(HttpServletRequest request) {
		String uri = request.getRequestURI();
		return !uri.startsWith("/api/") && !uri.equals("/session") && HttpMethod.GET.matches(request.getMethod());
	}

	private static void write(JsonMapper json, HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		json.writeValue(response.getOutputStream(), body);
	}

	/**
	 * Sends the CSRF token's cookie with every response that has a new one (after a
	 * sign-in or sign-out), not only when a page happens to read it: the pages read it
	 * from the cookie.
	 */
	static final class CsrfCookie extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}

	}

	/**
	 * Ends a session older than the absolute lifetime, however active it was (the idle
	 * timeout is the servlet container's), before the session's security context is read.
	 */
	static final class SessionLifetime extends OncePerRequestFilter {

		private final ConsoleProperties properties;

		SessionLifetime(ConsoleProperties properties) {
			this.properties = properties;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			HttpSession session = request.getSession(false);
			if (session != null && session.getAttribute(SessionController.SIGNED_IN_AT) instanceof Instant at
					&& at.plus(this.properties.sessionLifetime()).isBefore(Instant.now())) {
				session.invalidate();
				SecurityContextHolder.clearContext();
			}
			chain.doFilter(request, response);
		}

	}

}
