package dev.ticketloop.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ticketloop.platform.PlatformProperties.ApiKey;
import dev.ticketloop.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code X-Api-Key}. Keys are held only as SHA-256 digests and looked up by
 * digest, so the comparison does not leak the key through timing. A present but unknown
 * key is refused at once (401); a missing key leaves the request anonymous, and the
 * authorization rules decide.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	public static final String HEADER = "X-Api-Key";

	private final Map<String, ApiClient> clientsByDigest;

	public ApiKeyAuthenticationFilter(List<ApiKey> keys) {
		this.clientsByDigest = keys.stream()
			.collect(
					Collectors.toUnmodifiableMap((k) -> digest(k.key()), ApiKeyAuthenticationFilter::client, (a, b) -> {
						throw new IllegalStateException("Two API keys are equal: " + a.name() + " and " + b.name());
					}));
	}

	private static ApiClient client(ApiKey key) {
		if (key.key() == null || key.key().length() < 16) {
			throw new IllegalStateException("API key of " + key.name() + " must have at least 16 characters");
		}
		ApiClient.Role role = ApiClient.Role.valueOf(key.role().toUpperCase(Locale.ROOT));
		if (role == ApiClient.Role.ADAPTER && (key.channel() == null || key.channel().isBlank())) {
			throw new IllegalStateException("Adapter key " + key.name() + " must name its channel");
		}
		return new ApiClient(key.name(), role, (key.channel() != null) ? key.channel().toLowerCase(Locale.ROOT) : null);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (key != null) {
			ApiClient client = this.clientsByDigest.get(digest(key));
			if (client == null) {
				Problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "The API key is not valid.");
				return;
			}
			// a lead is an agent too: every rule that lets agents in lets leads in
			var authentication = UsernamePasswordAuthenticationToken.authenticated(client, null,
					(client.role() == ApiClient.Role.LEAD)
							? List.of(new SimpleGrantedAuthority("ROLE_LEAD"), new SimpleGrantedAuthority("ROLE_AGENT"))
							: List.of(new SimpleGrantedAuthority("ROLE_" + client.role().name())));
			SecurityContextHolder.getContext().setAuthentication(authentication);
		}
		chain.doFilter(request, response);
	}

	static String digest(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
