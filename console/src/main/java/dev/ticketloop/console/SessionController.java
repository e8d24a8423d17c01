package dev.ticketloop.console;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfLogoutHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signing in and out: {@code POST /session} with a person's key opens a session (a new
 * session id, a new CSRF token), {@code GET /session} says who is signed in and which
 * pages they may open, {@code DELETE /session} signs out.
 */
@RestController
class SessionController {

	/**
	 * The session attribute holding when the person signed in (the absolute lifetime).
	 */
	static final String SIGNED_IN_AT = "ticketloop.signedInAt";

	private final Upstreams upstreams;

	private final SecurityContextRepository contexts;

	private final SessionAuthenticationStrategy sessionStrategy;

	private final ConsoleProperties properties;

	private final CsrfTokenRepository csrfTokens;

	private final SignInThrottle throttle;

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	SessionController(Upstreams upstreams, SecurityContextRepository contexts,
			SessionAuthenticationStrategy sessionStrategy, ConsoleProperties properties, CsrfTokenRepository csrfTokens,
			SignInThrottle throttle) {
		this.csrfTokens = csrfTokens;
		this.throttle = throttle;
		this.upstreams = upstreams;
		this.contexts = contexts;
		this.sessionStrategy = sessionStrategy;
		this.properties = properties;
	}

	@PostMapping("/session")
	ResponseEntity<SignedIn> signIn(@Valid @RequestBody SignIn body, HttpServletRequest request,
			HttpServletResponse response) {
		String address = request.getRemoteAddr();
		this.throttle.check(address);
		ConsoleUser user = this.upstreams.whoIs(body.key().strip()).orElseThrow(() -> {
			this.throttle.failed(address);
			return new ConsoleProblems.Refused(HttpStatus.UNAUTHORIZED, "sign-in-refused", "This key is not valid.");
		});
		Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(user, null,
				user.authorities().stream().map(SimpleGrantedAuthority::new).toList());
		request.getSession(true);
		this.sessionStrategy.onAuthentication(authentication, request, response);
		// the new CSRF token's cookie goes with this answer (the old one is gone)
		if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
			token.getToken();
		}
		SecurityContext context = this.holder.createEmptyContext();
		context.setAuthentication(authentication);
		this.holder.setContext(context);
		this.contexts.saveContext(context, request, response);
		HttpSession session = request.getSession();
		Instant now = Instant.now();
		session.setAttribute(SIGNED_IN_AT, now);
		return ResponseEntity.ok(signedIn(user, session, now));
	}

	@GetMapping("/session")
	SignedIn current(@AuthenticationPrincipal ConsoleUser user, HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		Instant at = (session != null && session.getAttribute(SIGNED_IN_AT) instanceof Instant i) ? i : Instant.now();
		return signedIn(user, session, at);
	}

	@DeleteMapping("/session")
	ResponseEntity<Void> signOut(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) {
		new SecurityContextLogoutHandler().logout(request, response, authentication);
		new CsrfLogoutHandler(this.csrfTokens).logout(request, response, authentication);
		return ResponseEntity.noContent().build();
	}

	private SignedIn signedIn(ConsoleUser user, HttpSession session, Instant signedInAt) {
		Instant idleUntil = (session != null)
				? Instant.ofEpochMilli(session.getLastAccessedTime()).plusSeconds(session.getMaxInactiveInterval())
				: signedInAt;
		Instant until = signedInAt.plus(this.properties.sessionLifetime());
		return new SignedIn(user.getName(), user.role().name().toLowerCase(Locale.ROOT),
				user.pages().stream().map((p) -> p.name().toLowerCase(Locale.ROOT)).toList(),
				until.isBefore(idleUntil) ? until : idleUntil);
	}

	/** A sign-in: the person's key (an OIDC sign-in will come next to it). */
	record SignIn(@NotBlank @Size(max = 200) String key) {
	}

	/**
	 * @param expiresAt when the session ends unless used again (at most the absolute
	 * lifetime)
	 */
	record SignedIn(String name, String role, List<String> pages, Instant expiresAt) {
	}

}
