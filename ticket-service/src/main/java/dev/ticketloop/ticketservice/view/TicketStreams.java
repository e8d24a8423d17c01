package dev.ticketloop.ticketservice.view;

import java.time.Duration;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.ticketloop.platform.web.ChangeStreams;
import org.bson.Document;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells a ticket's followers (server-sent events, {@link ChangeStreams}) that it changed:
 * an event with the view's new version whenever it moves, checked every
 * {@code ticketloop.tickets.push-interval} against the shared read model by {@code _id}
 * (the stand-in scans the collection for any other filter); one read per followed ticket
 * and check. The follower reads the ticket again (the event carries no personal data).
 * Bounded by {@code ticketloop.tickets.stream-timeout}, {@code max-streams-per-key} and
 * {@code max-streams}.
 */
@Component
class TicketStreams implements SmartLifecycle {

	private final MongoCollection<Document> views;

	private final ChangeStreams streams;

	TicketStreams(MongoDatabase database, @Value("${ticketloop.tickets.push-interval:1s}") Duration interval,
			@Value("${ticketloop.tickets.stream-timeout:30m}") Duration timeout,
			@Value("${ticketloop.tickets.max-streams-per-key:8}") int maxPerKey,
			@Value("${ticketloop.tickets.max-streams:500}") int max) {
		this.views = database.getCollection(TicketViewProjection.COLLECTION);
		this.streams = new ChangeStreams("ticket", interval, timeout, maxPerKey, max);
	}

	/**
	 * Follows a ticket; the stream starts with its view's version now.
	 * @throws ChangeStreams.TooManyStreamsException when the key or the instance holds as
	 * many streams as allowed
	 */
	SseEmitter follow(String ticketId, String subscriber) {
		return this.streams.open(subscriber, new ChangeStreams.Source<>(ticketId, () -> versionOf(ticketId),
				(version) -> version, "ticket", (version) -> Map.of("ticketId", ticketId, "version", version)));
	}

	private Long versionOf(String ticketId) {
		Document view = this.views.find(Filters.eq("_id", ticketId)).projection(Projections.include("version")).first();
		return (view != null) ? view.get("version", Number.class).longValue() : null;
	}

	@Override
	public void start() {
		this.streams.start();
	}

	@Override
	public void stop() {
		this.streams.stop();
	}

	@Override
	public boolean isRunning() {
		return this.streams.isRunning();
	}

}
