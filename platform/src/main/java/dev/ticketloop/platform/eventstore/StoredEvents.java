package dev.ticketloop.platform.eventstore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

/**
 * The event store read as stored, in order of global position, a window of positions at a
 * time (each window one {@code _id $in} lookup, the one query that stays fast on the
 * embedded stand-in): for exports and for reading it raw. Nothing is deserialized or
 * upcast; payloads are the stored JSON. Markers and tombstones are skipped.
 */
public final class StoredEvents {

	private static final int WINDOW = 256;

	private final MongoCollection<Document> commits;

	private final MongoCollection<Document> positions;

	public StoredEvents(MongoDatabase database) {
		this.commits = database.getCollection(MongoEventStorageEngine.COMMITS);
		this.positions = database.getCollection(MongoEventStorageEngine.POSITIONS);
	}

	/** One stored event with its global position. */
	public record StoredEvent(long position, String eventId, String aggregateType, String aggregateId, Long sequence,
			String payloadType, String payloadRevision, Instant timestamp, String payload, String metaData) {
	}

	/** The position after the newest reserved one (the head when read). */
	public long bound() {
		Document counter = this.positions.find(Filters.eq("_id", "global")).first();
		return (counter != null) ? counter.get("next", Number.class).longValue() : 0;
	}

	/**
	 * The events of the commits from position {@code from} (inclusive) to {@code until}
	 * (exclusive) whose commit matches the filter, a window at a time, oldest first.
	 * @param stopAt a commit at which the reading ends (whether it matches or not)
	 * @param visitor gets each event; returns false to stop
	 */
	public void read(long from, long until, Predicate<Document> stopAt, Predicate<Document> commitFilter,
			Visitor visitor) throws Exception {
		for (long start = from; start < until; start += WINDOW) {
			List<Long> window = LongStream.range(start, Math.min(start + WINDOW, until)).boxed().toList();
			TreeMap<Long, Document> found = new TreeMap<>();
			for (Document commit : this.commits.find(Filters.in("_id", window))) {
				if (!commit.containsKey("tombstone") && !commit.containsKey("of")) {
					found.put(commit.get("_id", Number.class).longValue(), commit);
				}
			}
			for (Document commit : found.values()) {
				if (stopAt.test(commit)) {
					return;
				}
				if (!commitFilter.test(commit)) {
					continue;
				}
				for (StoredEvent event : eventsOf(commit)) {
					if (!visitor.visit(event)) {
						return;
					}
				}
			}
		}
	}

	private static List<StoredEvent> eventsOf(Document commit) {
		long position = commit.get("_id", Number.class).longValue();
		List<Document> events = commit.getList("events", Document.class);
		List<StoredEvent> result = new ArrayList<>(events.size());
		for (int i = 0; i < events.size(); i++) {
			Document e = events.get(i);
			Number sequence = e.get("seq", Number.class);
			result.add(new StoredEvent(position + i, e.getString("id"), commit.getString("type"),
					commit.getString("agg"), (sequence != null) ? sequence.longValue() : null, e.getString("pt"),
					e.getString("pr"), e.getDate("ts").toInstant(), e.getString("p"), e.getString("m")));
		}
		return result;
	}

	/** Gets the events read, one by one. */
	@FunctionalInterface
	public interface Visitor {

		boolean visit(StoredEvent event) throws Exception;

	}

}
