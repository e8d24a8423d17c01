package dev.ticketloop.notificationservice.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.ticketloop.notificationservice.webhook.WebhookEndpoints.Endpoint;
import dev.ticketloop.notificationservice.webhook.WebhookEndpoints.Registration;
import dev.ticketloop.platform.security.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Channel adapters register where their customers' notifications go: {@code PUT} the
 * callback URL (the answer to the first registration carries the signing secret, the only
 * time it is shown), rotate the secret, look at or remove the registration. An adapter
 * manages only its own channel's callback; operators manage any.
 */
@RestController
@Tag(name = "Webhooks",
		description = "Channel adapters register where notifications for their channel are delivered, signed.")
class WebhookController {

	/** The channels whose adapters answer their customers themselves (e-mail is SMTP). */
	private static final Set<String> CHANNELS = Set.of("chat", "app", "social");

	private final WebhookEndpoints endpoints;

	private final CallbackAddressGuard guard;

	private final WebhookSettings settings;

	private final Clock clock;

	WebhookController(WebhookEndpoints endpoints, CallbackAddressGuard guard, WebhookSettings settings, Clock clock) {
		this.endpoints = endpoints;
		this.guard = guard;
		this.settings = settings;
		this.clock = clock;
	}

	@Operation(summary = "Register or change the channel's webhook",
			description = "Registers the callback URL for the adapter's channel (201 the first time, 200 after); the answer holds the signing secret.")
	@ApiResponse(responseCode = "201", description = "Registered for the first time; `Location` names it.")
	@ApiResponse(responseCode = "200", description = "The registration is changed.")
	@ApiResponse(responseCode = "422",
			description = "The callback URL is refused (not https, or it resolves to a private address).")
	@PutMapping("/webhooks/{channel}")
	ResponseEntity<WebhookView> register(@PathVariable String channel, @Valid @RequestBody CallbackRequest request,
			@AuthenticationPrincipal ApiClient client) {
		String ch = allowed(channel, client);
		String url = this.guard.check(request.url()).toString();
		Registration registration = this.endpoints.register(ch, url, client.name());
		WebhookView view = view(registration.endpoint(), registration.newSecret());
		return registration.newSecret().isPresent()
				? ResponseEntity.created(java.net.URI.create("/webhooks/" + ch)).body(view) : ResponseEntity.ok(view);
	}

	@Operation(summary = "Read the channel's webhook", description = "The registration (without its secret).")
	@ApiResponse(responseCode = "200", description = "The registration.")
	@ApiResponse(responseCode = "404", description = "The channel has no webhook.")
	@GetMapping("/webhooks/{channel}")
	WebhookView get(@PathVariable String channel, @AuthenticationPrincipal ApiClient client) {
		String ch = allowed(channel, client);
		return this.endpoints.find(ch)
			.map((e) -> view(e, Optional.empty()))
			.orElseThrow(() -> new NoWebhookException(ch));
	}

	@Operation(summary = "Rotate the signing secret",
			description = "A new signing secret; the old one stays valid for a grace period.")
	@ApiResponse(responseCode = "200", description = "The registration with its new secret.")
	@ApiResponse(responseCode = "404", description = "The channel has no webhook.")
	@PostMapping("/webhooks/{channel}/secret-rotation")
	WebhookView rotate(@PathVariable String channel, @AuthenticationPrincipal ApiClient client) {
		String ch = allowed(channel, client);
		return this.endpoints.rotate(ch, this.settings.secretOverlap(), client.name())
			.map((r) -> view(r.endpoint(), r.newSecret()))
			.orElseThrow(() -> new NoWebhookException(ch));
	}

	@Operation(summary = "Remove the channel's webhook",
			description = "Notifications for the channel are no longer delivered by webhook.")
	@ApiResponse(responseCode = "204", description = "Removed.")
	@ApiResponse(responseCode = "404", description = "The channel has no webhook.")
	@DeleteMapping("/webhooks/{channel}")
	ResponseEntity<Void> remove(@PathVariable String channel, @AuthenticationPrincipal ApiClient client) {
		String ch = allowed(channel, client);
		if (!this.endpoints.remove(ch)) {
			throw new NoWebhookException(ch);
		}
		return ResponseEntity.noContent().build();
	}

	private static String allowed(String channel, ApiClient client) {
		String ch = channel.toLowerCase(Locale.ROOT);
		if (!CHANNELS.contains(ch)) {
			throw new IllegalArgumentException("channel: unknown channel '" + channel + "', expected one of "
					+ String.join(", ", new java.util.TreeSet<>(CHANNELS)));
		}
		if (!client.maySee(ch)) {
			throw new AccessDeniedException(client.name() + " manages only its own channel's callback");
		}
		return ch;
	}

	private WebhookView view(Endpoint endpoint, Optional<String> newSecret) {
		Instant now = this.clock.instant();
		List<SecretView> secrets = endpoint.secrets()
			.stream()
			.filter((s) -> s.validAt(now))
			.map((s) -> new SecretView(s.createdAt(), s.expiresAt()))
			.toList();
		return new WebhookView(endpoint.channel(), endpoint.url(), secrets, newSecret.orElse(null),
				endpoint.updatedAt(), endpoint.updatedBy());
	}

	/**
	 * @param url where notifications are POSTed: a public https URL
	 */
	record CallbackRequest(@NotBlank @Size(max = 2000) String url) {
	}

	/**
	 * @param secrets the valid signing secrets (not their values)
	 * @param secret the new secret, only in the answer that created it
	 */
	record WebhookView(String channel, String url, List<SecretView> secrets, String secret, Instant updatedAt,
			String updatedBy) {
	}

	record SecretView(Instant createdAt, Instant expiresAt) {
	}

	/** No callback registered for a channel. */
	static class NoWebhookException extends RuntimeException {

		NoWebhookException(String channel) {
			super("No callback is registered for the " + channel + " channel.");
		}

	}

}
