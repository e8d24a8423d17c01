package dev.ticketloop.ticketservice.view;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells a ticket's followers (server-sent events) that it changed: an event with the
 * view's new version whenever it grows, checked every
 * {@code ticketloop.tickets.push-interval} against the shared read model, so a follower
 * of any instance sees every instance's work; one read per followed ticket and check. The
 * follower reads the ticket again (the event carries no personal data). A comment every
 * 15 seconds keeps idle connections open and finds the ones whose client went away.
 * Bounded: a stream ends after {@code ticketloop.tickets.stream-timeout} (an
 * {@code EventSource} reconnects by itself), a key holds at most
 * {@code ticketloop.tickets.max-streams-per-key} streams, the instance at most
 * {@code ticketloop.tickets.max-streams}; beyond that a stream is refused (429).
 */
@Component
class TicketStreams implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TicketStreams.class);

	private final MongoCollection<Document> views;

	private final Duration interval;

	private final Duration timeout;

	private final int maxPerKey;

	private final int max;

	private final List<Follower> followers = new CopyOnWriteArrayList<>();

	private ScheduledExecutorService scheduler;

	private long ticks;

	TicketStreams(MongoDatabase database, @Value("${ticketloop.tickets.push-interval:1s}") Duration interval,
			@Value("${ticketloop.tickets.stream-timeout:30m}") Duration timeout,
			@Value("${ticketloop.tickets.max-streams-per-key:8}") int maxPerKey,
			@Value("${ticketloop.tickets.max-streams:500}") int max) {
		this.views = database.getCollection(TicketViewProjection.COLLECTION);
		this.interval = interval;
		this.timeout = timeout;
		this.maxPerKey = maxPerKey;
		this.max = max;
	}

	/**
	 * Follows a ticket whose view is at {@code version} now; the stream starts with that
	 * version.
	 * @throws TooManyStreamsException when the key or the instance holds as many streams
	 * as allowed
	 */
	SseEmitter follow(String ticketId, long version, String subscriber) {
		SseEmitter emitter = new SseEmitter(this.timeout.toMillis());
		Follower follower = new Follower(ticketId, subscriber, emitter, version);
		synchronized (this.followers) {
			if (this.followers.size() >= this.max) {
				throw new TooManyStreamsException(
						"This instance serves " + this.max + " ticket streams already; try again later.");
			}
			if (this.followers.stream().filter((f) -> f.subscriber.equals(subscriber)).count() >= this.maxPerKey) {
				throw new TooManyStreamsException("This API key follows " + this.maxPerKey
						+ " ticket(s) already; close a stream (or wait for it to time out) first.");
			}
			this.followers.add(follower);
		}
		emitter.onCompletion(() -> this.followers.remove(follower));
		emitter.onTimeout(() -> {
			this.followers.remove(follower);
			emitter.complete();
		});
		emitter.onError((ex) -> this.followers.remove(follower));
		send(follower, version);
		return emitter;
	}

	private void tick() {
		this.ticks++;
		boolean heartbeat = this.ticks % Math.max(1, 15_000 / this.interval.toMillis()) == 0;
		Map<String, Long> versions = new HashMap<>();
		for (Follower follower : this.followers) {
			try {
				// by _id alone: the stand-in scans the collection for any other filter
				Long version = versions.computeIfAbsent(follower.ticketId, this::versionOf);
				if (version != null && version > follower.version) {
					send(follower, version);
				}
				else if (heartbeat) {
					follower.emitter.send(SseEmitter.event().comment("keep-alive"));
				}
			}
			catch (IOException | IllegalStateException ex) {
				this.followers.remove(follower);
			}
			catch (RuntimeException ex) {
				log.warn("Following a ticket failed: {}", ex.toString());
			}
		}
	}

	private Long versionOf(String ticketId) {
		Document view = this.views.find(Filters.eq("_id", ticketId)).projection(Projections.include("version")).first();
		return (view != null) ? view.get("version", Number.class).longValue() : null;
	}

	private void send(Follower follower, long version) {
		try {
			follower.emitter.send(SseEmitter.event()
				.name("ticket")
				.data(Map.of("ticketId", follower.ticketId, "version", version), MediaType.APPLICATION_JSON));
			follower.version = version;
		}
		catch (IOException | IllegalStateException ex) {
			this.followers.remove(follower);
		}
	}

	/** Refused: as many streams as allowed are open (429). */
	static class TooManyStreamsException extends RuntimeException {

		TooManyStreamsException(String message) {
			super(message);
		}

	}

	@Override
	public void start() {
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ticket-streams").daemon().factory());
		this.scheduler.scheduleWithFixedDelay(this::tick, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
		this.followers.forEach((f) -> f.emitter.complete());
		this.followers.clear();
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private static final class Follower {

		private final String ticketId;

		private final String subscriber;

		private final SseEmitter emitter;

		private volatile long version;

		Follower(String ticketId, String subscriber, SseEmitter emitter, long version) {
			this.ticketId = ticketId;
			this.subscriber = subscriber;
			this.emitter = emitter;
			this.version = version;
		}

	}

}
