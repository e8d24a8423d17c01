package dev.ticketloop.platform.eventstore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;

/**
 * Reading an aggregate's commits through its stream documents: one {@code _id $in} for
 * the stream documents of the next {@value #STREAM_WINDOW} sequence numbers, one for the
 * commits they point at, so a short stream costs two queries whatever its number of
 * commits; aggregates a unit of work announced as new cost none.
 */
final class AggregateReads {

	/**
	 * Sequence numbers whose stream documents an aggregate read asks for at once; most
	 * aggregates have fewer commits than that.
	 */
	static final int STREAM_WINDOW = 32;

	/** Resource of a root unit of work: the aggregates known to have no events yet. */
	private static final String KNOWN_NEW = AggregateReads.class.getName() + ".knownNew";

	private final Claims claims;

	private final Commits commits;

	private final MongoCollection<Document> snapshots;

	AggregateReads(Claims claims, Commits commits, MongoCollection<Document> snapshots) {
		this.claims = claims;
		this.commits = commits;
		this.snapshots = snapshots;
	}

	/** See {@link MongoEventStorageEngine#expectNew}. */
	void expectNew(Collection<String> aggregateIdentifiers) {
		if (aggregateIdentifiers.isEmpty() || !CurrentUnitOfWork.isStarted()) {
			return;
		}
		Set<String> candidates = new HashSet<>(aggregateIdentifiers);
		Set<String> firstStreams = new HashSet<>();
		candidates.forEach((id) -> firstStreams.add(EventDocuments.streamId(id, 0)));
		Set<String> known = new HashSet<>(candidates);
		for (Document stream : this.claims.streams()
			.find(Filters.in("_id", firstStreams))
			.projection(new Document("_id", 1))) {
			String id = stream.getString("_id");
			known.remove(id.substring(0, id.lastIndexOf('/')));
		}
		for (Document snapshot : this.snapshots.find(Filters.in("_id", candidates))
			.projection(new Document("_id", 1))) {
			known.remove(snapshot.getString("_id"));
		}
		CurrentUnitOfWork.get()
			.root()
			.<Set<String>>getOrComputeResource(KNOWN_NEW, (key) -> new HashSet<>())
			.addAll(known);
	}

	/** Whether the unit of work under way knows the aggregate has no events. */
	static boolean knownNew(String aggregateIdentifier) {
		if (!CurrentUnitOfWork.isStarted()) {
			return false;
		}
		Set<String> known = CurrentUnitOfWork.get().root().getResource(KNOWN_NEW);
		return known != null && known.contains(aggregateIdentifier);
	}

	/**
	 * Whole commits' events from the commit starting at {@code firstSequenceNumber} (see
	 * {@link MongoEventStorageEngine#fetchDomainEvents}).
	 */
	List<DomainEventData<?>> domainEvents(String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
		if (firstSequenceNumber == 0 && knownNew(aggregateIdentifier)) {
			return List.of();
		}
		List<DomainEventData<?>> result = new ArrayList<>();
		for (Document commit : commitsFrom(aggregateIdentifier, firstSequenceNumber, batchSize)) {
			for (Document e : commit.getList("events", Document.class)) {
				result.add(EventDocuments.entry(commit, e));
			}
		}
		return result;
	}

	/**
	 * The aggregate's committed commits in order, from the one starting at
	 * {@code firstSequenceNumber}, until they hold at least {@code minEvents} events, the
	 * stream ends, or a commit is not written yet.
	 */
	List<Document> commitsFrom(String aggregateIdentifier, long firstSequenceNumber, long minEvents) {
		List<Document> result = new ArrayList<>();
		long events = 0;
		long sequence = firstSequenceNumber;
		while (events < minEvents) {
			long windowEnd = sequence + STREAM_WINDOW;
			List<String> candidates = new ArrayList<>(STREAM_WINDOW);
			for (long s = sequence; s < windowEnd; s++) {
				candidates.add(EventDocuments.streamId(aggregateIdentifier, s));
			}
			Map<String, Document> found = new HashMap<>();
			for (Document stream : this.claims.streams().find(Filters.in("_id", candidates))) {
				found.put(stream.getString("_id"), stream);
			}
			List<Document> chain = new ArrayList<>();
			for (Document stream = found
				.get(EventDocuments.streamId(aggregateIdentifier, sequence)); stream != null; stream = found
					.get(EventDocuments.streamId(aggregateIdentifier, sequence))) {
				chain.add(stream);
				sequence = stream.get("last", Number.class).longValue() + 1;
			}
			if (chain.isEmpty()) {
				break;
			}
			Map<Long, Document> byPosition = this.commits.find(chain.stream().map(EventDocuments::position).toList());
			for (Document stream : chain) {
				Document commit = this.claims.committed(stream, byPosition.get(EventDocuments.position(stream)));
				if (commit == null) {
					return result;
				}
				result.add(commit);
				events += commit.getList("events", Document.class).size();
			}
			if (sequence < windowEnd) {
				break; // the stream ends inside the window
			}
		}
		return result;
	}

	/**
	 * The first sequence number of the commit that holds this one, looked up among the
	 * stream documents of the window before it: the sequence number itself when no commit
	 * there reaches it (the stream ends before it), 0 when none is in the window (a
	 * commit longer than the window: read from the first).
	 */
	long commitStartOf(String aggregateIdentifier, long sequenceNumber) {
		if (sequenceNumber == 0) {
			return 0;
		}
		List<String> candidates = new ArrayList<>(STREAM_WINDOW);
		for (long s = Math.max(0, sequenceNumber - STREAM_WINDOW + 1); s <= sequenceNumber; s++) {
			candidates.add(EventDocuments.streamId(aggregateIdentifier, s));
		}
		long start = -1;
		boolean anyInWindow = false;
		for (Document stream : this.claims.streams().find(Filters.in("_id", candidates))) {
			anyInWindow = true;
			String id = stream.getString("_id");
			long first = Long.parseLong(id.substring(id.lastIndexOf('/') + 1));
			if (first > start && stream.get("last", Number.class).longValue() >= sequenceNumber) {
				start = first;
			}
		}
		if (start >= 0) {
			return start;
		}
		return anyInWindow ? sequenceNumber : 0;
	}

	/** The sequence number of the aggregate's last committed event. */
	Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
		Long last = null;
		long sequence = 0;
		while (true) {
			Document stream = this.claims.streams()
				.find(Filters.eq("_id", EventDocuments.streamId(aggregateIdentifier, sequence)))
				.first();
			if (stream == null || this.claims.committed(stream) == null) {
				return Optional.ofNullable(last);
			}
			last = stream.get("last", Number.class).longValue();
			sequence = last + 1;
		}
	}

}
