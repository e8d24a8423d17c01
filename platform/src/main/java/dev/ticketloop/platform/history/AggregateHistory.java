package dev.ticketloop.platform.history;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import dev.ticketloop.platform.eventstore.MongoEventStorageEngine;
import dev.ticketloop.platform.eventstore.PositionedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Revision;

/**
 * An aggregate's history as operators read it, the same for every kind of aggregate: its
 * events a page at a time (sequence number, global position, type, revision, timestamp,
 * payload), and its events up to an instant, which a view as of then is computed from.
 */
public class AggregateHistory {

	/** The most events a page holds. */
	public static final int MAX_LIMIT = 1000;

	private final MongoEventStorageEngine engine;

	public AggregateHistory(EventStorageEngine engine) {
		if (!(engine instanceof MongoEventStorageEngine mongo)) {
			throw new IllegalStateException("An aggregate's history is read from the MongoEventStorageEngine, not "
					+ engine.getClass().getName());
		}
		this.engine = mongo;
	}

	/**
	 * The aggregate's events after sequence number {@code after} (from its first when
	 * null), at most {@code limit}; the page's {@code next} is the {@code after} of the
	 * following page, null on the last.
	 * @param unknown what is thrown when the aggregate has no event at all (its 404)
	 * @throws IllegalArgumentException (400) for a limit outside 1 to {@value #MAX_LIMIT}
	 * or a negative {@code after}
	 */
	public EventPage page(String aggregateId, Long after, int limit, Supplier<? extends RuntimeException> unknown) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit: must be between 1 and " + MAX_LIMIT);
		}
		if (after != null && after < 0) {
			throw new IllegalArgumentException("after: must be a sequence number (0 or more)");
		}
		long from = (after != null) ? after + 1 : 0;
		List<EventView> events = this.engine.readPositionedEvents(aggregateId, from, limit + 1)
			.stream()
			.map(AggregateHistory::view)
			.toList();
		if (events.isEmpty() && from == 0) {
			throw unknown.get();
		}
		boolean more = events.size() > limit;
		List<EventView> page = more ? events.subList(0, limit) : events;
		return new EventPage(aggregateId, page, more ? page.get(page.size() - 1).sequence() : null);
	}

	/**
	 * The aggregate's events from its first up to the first one after the instant: what
	 * it was made of then (none before it existed).
	 */
	public List<DomainEventMessage<?>> until(String aggregateId, Instant instant) {
		return this.engine.readEvents(aggregateId, 0)
			.asStream()
			.takeWhile((e) -> !e.getTimestamp().isAfter(instant))
			.<DomainEventMessage<?>>map((e) -> e)
			.toList();
	}

	private static EventView view(PositionedEvent positioned) {
		DomainEventMessage<?> e = positioned.event();
		Revision revision = e.getPayloadType().getAnnotation(Revision.class);
		return new EventView(e.getSequenceNumber(), positioned.globalPosition(), e.getPayloadType().getSimpleName(),
				(revision != null) ? revision.value() : null, e.getTimestamp(), e.getPayload());
	}

	/**
	 * One event of an aggregate.
	 *
	 * @param sequence its number in the aggregate's stream (0 for the first)
	 * @param globalPosition its position among all events of the service's store (what
	 * tracking tokens, processors' positions and lag count)
	 */
	public record EventView(long sequence, long globalPosition, String type, String revision, Instant timestamp,
			Object payload) {
	}

	/**
	 * A page of an aggregate's events, oldest first.
	 *
	 * @param next the {@code after} of the next page; null on the last
	 */
	public record EventPage(String aggregateId, List<EventView> events, Long next) {
	}

}
