package dev.ticketloop.notificationservice.webhook;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The callback of each channel adapter ({@code webhook_endpoints}, one document per
 * channel): its URL and its signing secrets. A new endpoint gets a secret; a rotation
 * adds a new one and keeps the previous one valid for an overlap (both sign meanwhile),
 * so an adapter can switch without missing a message. Secrets never appear in events or
 * logs, and are shown only when created.
 */
@Component
class WebhookEndpoints {

	private static final Duration CACHE_FOR = Duration.ofSeconds(5);

	private final MongoCollection<Document> endpoints;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	WebhookEndpoints(MongoDatabase database, Clock clock) {
		this.endpoints = database.getCollection("webhook_endpoints");
		this.clock = clock;
	}

	/** A secret and when it stops being valid (never, for the current one). */
	record Secret(String value, Instant createdAt, Instant expiresAt) {

		boolean validAt(Instant now) {
			return this.expiresAt == null || now.isBefore(this.expiresAt);
		}

	}

	record Endpoint(String channel, String url, List<Secret> secrets, Instant updatedAt, String updatedBy) {

		/** The secrets that sign now, newest first. */
		List<Secret> signingSecrets(Instant now) {
			return this.secrets.stream()
				.filter((s) -> s.validAt(now))
				.sorted(Comparator.comparing(Secret::createdAt).reversed())
				.toList();
		}

	}

	/** The endpoint and, for a new endpoint, its first secret. */
	record Registration(Endpoint endpoint, Optional<String> newSecret) {
	}

	Optional<Endpoint> find(String channel) {
		Instant now = this.clock.instant();
		Cached cached = this.cache.get(channel);
		if (cached != null && now.isBefore(cached.until())) {
			return cached.endpoint();
		}
		Optional<Endpoint> endpoint = Optional.ofNullable(this.endpoints.find(Filters.eq("_id", channel)).first())
			.map(WebhookEndpoints::toEndpoint);
		this.cache.put(channel, new Cached(endpoint, now.plus(CACHE_FOR)));
		return endpoint;
	}

	synchronized Registration register(String channel, String url, String by) {
		Instant now = this.clock.instant();
		Optional<Endpoint> existing = find(channel);
		this.cache.remove(channel);
		String secret = null;
		List<Secret> secrets;
		if (existing.isPresent()) {
			secrets = existing.get().secrets();
		}
		else {
			secret = newSecret();
			secrets = List.of(new Secret(secret, now, null));
		}
		Endpoint endpoint = new Endpoint(channel, url, secrets, now, by);
		save(endpoint);
		return new Registration(endpoint, Optional.ofNullable(secret));
	}

	/** A new secret; the ones before it sign for {@code overlap} more, then expire. */
	synchronized Optional<Registration> rotate(String channel, Duration overlap, String by) {
		Instant now = this.clock.instant();
		this.cache.remove(channel);
		return find(channel).map((endpoint) -> {
			String secret = newSecret();
			List<Secret> secrets = new ArrayList<>();
			secrets.add(new Secret(secret, now, null));
			for (Secret old : endpoint.secrets()) {
				if (old.validAt(now)) {
					Instant expires = (old.expiresAt() == null || old.expiresAt().isAfter(now.plus(overlap)))
							? now.plus(overlap) : old.expiresAt();
					secrets.add(new Secret(old.value(), old.createdAt(), expires));
				}
			}
			Endpoint rotated = new Endpoint(channel, endpoint.url(), List.copyOf(secrets), now, by);
			save(rotated);
			this.cache.remove(channel);
			return new Registration(rotated, Optional.of(secret));
		});
	}

	synchronized boolean remove(String channel) {
		this.cache.remove(channel);
		return this.endpoints.deleteOne(Filters.eq("_id", channel)).getDeletedCount() > 0;
	}

	private void save(Endpoint endpoint) {
		List<Document> secrets = endpoint.secrets()
			.stream()
			.map((s) -> new Document("value", s.value()).append("createdAt", Date.from(s.createdAt()))
				.append("expiresAt", (s.expiresAt() != null) ? Date.from(s.expiresAt()) : null))
			.toList();
		this.endpoints.replaceOne(Filters.eq("_id", endpoint.channel()),
				new Document("_id", endpoint.channel()).append("url", endpoint.url())
					.append("secrets", secrets)
					.append("updatedAt", Date.from(endpoint.updatedAt()))
					.append("updatedBy", endpoint.updatedBy()),
				new ReplaceOptions().upsert(true));
	}

	private static Endpoint toEndpoint(Document d) {
		List<Secret> secrets = d.getList("secrets", Document.class, List.of())
			.stream()
			.map((s) -> new Secret(s.getString("value"), s.getDate("createdAt").toInstant(),
					(s.getDate("expiresAt") != null) ? s.getDate("expiresAt").toInstant() : null))
			.toList();
		return new Endpoint(d.getString("_id"), d.getString("url"), secrets, d.getDate("updatedAt").toInstant(),
				d.getString("updatedBy"));
	}

	private String newSecret() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private record Cached(Optional<Endpoint> endpoint, Instant until) {
	}

}
