package dev.ticketloop.platform.security;

import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /me}: who the API key belongs to and its role, for any valid key. The
 * console signs a person in with it (the services stay the only holders of the keys).
 */
@RestController
@Tag(name = "Callers", description = "Who an API key belongs to.")
class CallerController {

	@Operation(summary = "Who am I", description = "The name and role of the API key sent (and an adapter's channel).")
	@ApiResponse(responseCode = "200", description = "The key's name, role and channel.")
	@GetMapping(path = "/me", produces = MediaType.APPLICATION_JSON_VALUE)
	Caller me(@AuthenticationPrincipal ApiClient client) {
		return new Caller(client.name(), client.role().name().toLowerCase(Locale.ROOT),
				client.boundChannel().orElse(null));
	}

	/**
	 * @param name the key's name (an agent's id)
	 * @param role adapter, agent, lead, operator or engineering
	 * @param channel an adapter's channel; null for people
	 */
	record Caller(String name, String role, String channel) {
	}

}
