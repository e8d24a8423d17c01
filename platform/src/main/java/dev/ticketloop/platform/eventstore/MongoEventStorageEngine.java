package dev.ticketloop.platform.eventstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/**
 * An Axon event storage engine on MongoDB with a global position per event and gap-aware
 * tracking tokens, that needs no multi-document transactions and reads and writes through
 * {@code _id} only (so it behaves the same on MongoDB and on the embedded stand-in, where
 * {@code _id} is the only index queries use).
 *
 * <h2>Layout</h2>
 * <ul>
 * <li>{@code event_positions}: one document {@code {_id: "global", next}}; positions
 * below {@code next} are reserved.</li>
 * <li>{@code event_commits}: one document per commit of one aggregate (all events of one
 * unit of work), {@code _id} = the global position of its first event; its events occupy
 * the following positions. A single-document insert is atomic, so a commit is seen whole
 * or not at all. A <em>tombstone</em> ({@code {_id: p, tombstone: true}}) marks a
 * reserved position that will never hold an event.</li>
 * <li>{@code event_streams}: one document per commit, {@code _id} = aggregate id + "/" +
 * first sequence number, pointing at the commit's position. Its unique {@code _id} is the
 * per-aggregate optimistic lock: two commits starting at the same sequence number cannot
 * both be inserted.</li>
 * <li>{@code event_snapshots}: the latest snapshot per aggregate, {@code _id} = aggregate
 * id.</li>
 * </ul>
 *
 * <h2>Append</h2> Reserve positions ({@code $inc}), insert the stream document (a
 * duplicate is a {@link ConcurrencyException}), insert the commit document. A writer that
 * dies between the steps leaves reserved positions without a commit: a gap.
 *
 * <h2>Aggregate read</h2> One {@code _id $in} query for the stream documents of the next
 * {@value #STREAM_WINDOW} sequence numbers (only those where a commit starts exist), one
 * {@code _id $in} for the commits they point at: a short stream costs two queries,
 * whatever its number of commits. A batch that is about to create many aggregates (a
 * consumer creating one per ticket opened) says so first ({@link #expectNew}): one query
 * for all of them, and their loads in that unit of work cost none.
 *
 * <h2>Tracking</h2> Every event has a token of its own, its position (a commit's events
 * are at its consecutive positions: the commit document, then its markers), so a token
 * may point into a commit and a read from it goes on with the commit's next event. (One
 * token for all events of a commit loses events: Axon's processors skip an event whose
 * token the last one delivered covers, and take same-token events together only when the
 * stream already holds them all.) A reader asks for exactly the positions it needs (its
 * gaps and the next window) with {@code _id $in}. A position reserved but missing becomes
 * a gap of the token. A gap missing for longer than the gap timeout is released by
 * inserting a tombstone at its position: if that insert succeeds, no commit can ever be
 * written there (a slow writer's insert fails and it retries at new positions, see
 * {@link #appendEvents}); if it fails, the commit exists and is read. So gaps never stall
 * a reader for longer than the timeout, and a committed event is never skipped.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

	static final String POSITIONS = "event_positions";

	static final String COMMITS = "event_commits";

	static final String STREAMS = "event_streams";

	static final String SNAPSHOTS = "event_snapshots";

	private static final int MAX_POSITION_RETRIES = 10;

	private static final Map<String, Object> RESERVATION_LOCKS = new ConcurrentHashMap<>();

	private final MongoCollection<Document> positions;

	private final MongoCollection<Document> commits;

	private final MongoCollection<Document> streams;

	private final MongoCollection<Document> snapshots;

	private final Duration gapTimeout;

	private final int trackingWindow;

	/**
	 * Sequence numbers whose stream documents an aggregate read asks for at once; most
	 * aggregates have fewer commits than that.
	 */
	static final int STREAM_WINDOW = 32;

	private final Clock clock;

	/** When this engine first saw a reserved position missing (per engine instance). */
	private final Map<Long, Instant> missingSince = new ConcurrentHashMap<>();

	private volatile AppendHook appendHook = (step) -> {
	};

	protected MongoEventStorageEngine(Builder builder) {
		super(builder);
		this.positions = builder.database.getCollection(POSITIONS);
		this.commits = builder.database.getCollection(COMMITS);
		this.streams = builder.database.getCollection(STREAMS);
		this.snapshots = builder.database.getCollection(SNAPSHOTS);
		this.gapTimeout = builder.gapTimeout;
		this.trackingWindow = builder.trackingWindow;
		this.clock = builder.clock;
	}

	public static Builder builder() {
		return new Builder();
	}

	// ---------------------------------------------------------------- append

	/**
	 * Appends the events of one unit of work, which may hold commits of many aggregates
	 * (a release fan-out chunk, a batch of a processor whose handlers send commands): one
	 * reservation, one insert of all their stream documents, one insert of all their
	 * commits. When one aggregate's stream is taken (a concurrent change), the stream
	 * documents this append inserted are removed again and the whole append fails, as a
	 * unit of work should; its reserved positions become gaps that readers release.
	 */
	@Override
	protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
		if (events.isEmpty()) {
			return;
		}
		long next = reserve(events.size());
		List<PendingCommit> pending = new ArrayList<>();
		for (List<EventMessage<?>> commit : groupIntoCommits(events)) {
			List<Document> serialized = commit.stream().map((e) -> serialize(e, serializer)).toList();
			pending.add(new PendingCommit(commit, serialized, next));
			next += commit.size();
		}
		claimStreams(pending);
		this.appendHook.after(AppendStep.STREAM_CLAIMED);
		for (PendingCommit commit : insertCommits(pending)) {
			moveAndInsert(commit);
		}
		this.appendHook.after(AppendStep.COMMITTED);
	}

	/**
	 * Inserts the stream document of every aggregate commit: the per-aggregate optimistic
	 * lock. All or none: on a conflict the ones inserted are deleted again. A conflict
	 * with the claim of a writer that died before its commit (its position released, or
	 * older than the gap timeout) removes that claim and tries once more, so a dead
	 * writer never blocks an aggregate, not even its creation (which loads nothing
	 * first).
	 */
	private void claimStreams(List<PendingCommit> pending) {
		List<PendingCommit> domain = pending.stream().filter(PendingCommit::isDomain).toList();
		if (domain.isEmpty()) {
			return;
		}
		Date now = Date.from(this.clock.instant());
		List<Document> documents = domain.stream().map((c) -> c.streamDocument(now)).toList();
		for (int attempt = 0;; attempt++) {
			Conflict conflict = insertStreams(documents);
			if (conflict == null) {
				return;
			}
			List<String> taken = conflict.indexes().stream().map((i) -> documents.get(i).getString("_id")).toList();
			if (attempt > 0 || !removeDeadClaims(taken)) {
				throw conflict(domain.get(conflict.indexes().get(0)), conflict.cause());
			}
		}
	}

	/** The stream documents already taken, by index, and the store's answer. */
	private record Conflict(List<Integer> indexes, Exception cause) {
	}

	/**
	 * @return null when all were inserted, else the conflict (none is left inserted)
	 */
	private Conflict insertStreams(List<Document> documents) {
		try {
			if (documents.size() == 1) {
				this.streams.insertOne(documents.get(0));
			}
			else {
				this.streams.insertMany(documents, new InsertManyOptions().ordered(false));
			}
			return null;
		}
		catch (MongoWriteException ex) {
			if (!isDuplicateKey(ex)) {
				throw ex;
			}
			return new Conflict(List.of(0), ex);
		}
		catch (MongoBulkWriteException ex) {
			Set<Integer> failed = new HashSet<>();
			List<Integer> duplicates = new ArrayList<>();
			for (BulkWriteError error : ex.getWriteErrors()) {
				failed.add(error.getIndex());
				if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
					duplicates.add(error.getIndex());
				}
			}
			List<String> inserted = new ArrayList<>();
			for (int i = 0; i < documents.size(); i++) {
				if (!failed.contains(i)) {
					inserted.add(documents.get(i).getString("_id"));
				}
			}
			if (!inserted.isEmpty()) {
				this.streams.deleteMany(Filters.in("_id", inserted));
			}
			if (duplicates.size() != failed.size()) {
				throw ex;
			}
			return new Conflict(duplicates, ex);
		}
	}

	/**
	 * Removes the claims of dead writers among these stream documents.
	 * @return whether none of them is in the way any more (all were dead, or gone)
	 */
	private boolean removeDeadClaims(List<String> streamIds) {
		Map<String, Document> claims = new HashMap<>();
		for (Document stream : this.streams.find(Filters.in("_id", streamIds))) {
			claims.put(stream.getString("_id"), stream);
		}
		if (claims.isEmpty()) {
			return true;
		}
		Map<Long, Document> commits = find(
				claims.values().stream().map((d) -> d.get("pos", Number.class).longValue()).toList());
		boolean clear = true;
		for (Document stream : claims.values()) {
			Document commit = commits.get(stream.get("pos", Number.class).longValue());
			clear &= claimState(stream, commit) == Claim.REMOVED;
		}
		return clear;
	}

	private static RuntimeException conflict(PendingCommit commit, Exception cause) {
		DomainEventMessage<?> head = commit.head();
		String description = String.format("An event for aggregate [%s] at sequence [%d] was already inserted",
				head.getAggregateIdentifier(), head.getSequenceNumber());
		return (head.getSequenceNumber() == 0) ? new AggregateStreamCreationException(description, cause)
				: new ConcurrencyException(description, cause);
	}

	/**
	 * Writes all commits (with their markers) in one insert.
	 * @return the commits whose positions were taken meanwhile (released as gaps by a
	 * reader, or claimed by an overlapping reservation): they move to new positions
	 */
	private List<PendingCommit> insertCommits(List<PendingCommit> pending) {
		if (pending.size() == 1) {
			return insertCommit(pending.get(0).position(), pending.get(0).serialized(), pending.get(0).aggregateId(),
					pending.get(0).type()) ? List.of() : pending;
		}
		List<Document> documents = new ArrayList<>();
		List<PendingCommit> owners = new ArrayList<>();
		for (PendingCommit commit : pending) {
			for (Document document : commitDocuments(commit.position(), commit.serialized(), commit.aggregateId(),
					commit.type())) {
				documents.add(document);
				owners.add(commit);
			}
		}
		try {
			this.commits.insertMany(documents, new InsertManyOptions().ordered(false));
			return List.of();
		}
		catch (MongoBulkWriteException ex) {
			Set<PendingCommit> displaced = new LinkedHashSet<>();
			for (BulkWriteError error : ex.getWriteErrors()) {
				if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
				displaced.add(owners.get(error.getIndex()));
			}
			// documents written for a displaced commit stay behind as non-events
			return new ArrayList<>(displaced);
		}
	}

	/** Places a commit whose reserved positions were taken at new ones. */
	private void moveAndInsert(PendingCommit commit) {
		long position = commit.position();
		for (int attempt = 0;; attempt++) {
			if (attempt >= MAX_POSITION_RETRIES) {
				throw new ConcurrencyException("Could not place the commit of [" + commit.aggregateId()
						+ "]: its positions kept being released", null);
			}
			long moved = reserve(commit.serialized().size());
			if (commit.isDomain() && this.streams
				.updateOne(Filters.and(Filters.eq("_id", commit.streamId()), Filters.eq("pos", position)),
						Updates.combine(Updates.set("pos", moved), Updates.set("at", Date.from(this.clock.instant()))))
				.getMatchedCount() == 0) {
				throw new ConcurrencyException(
						"The commit of [" + commit.aggregateId() + "] was given up as dead before it could be written",
						null);
			}
			position = moved;
			if (insertCommit(position, commit.serialized(), commit.aggregateId(), commit.type())) {
				return;
			}
		}
	}

	/**
	 * One commit of an append: consecutive events of one aggregate, or one event that
	 * belongs to none.
	 */
	private record PendingCommit(List<EventMessage<?>> events, List<Document> serialized, long position) {

		boolean isDomain() {
			return events.get(0) instanceof DomainEventMessage<?> domain && domain.getType() != null;
		}

		DomainEventMessage<?> head() {
			return (DomainEventMessage<?>) events.get(0);
		}

		String aggregateId() {
			return isDomain() ? head().getAggregateIdentifier() : null;
		}

		String type() {
			return isDomain() ? head().getType() : null;
		}

		String streamId() {
			return MongoEventStorageEngine.streamId(head().getAggregateIdentifier(), head().getSequenceNumber());
		}

		Document streamDocument(Date now) {
			long last = ((DomainEventMessage<?>) events.get(events.size() - 1)).getSequenceNumber();
			return new Document("_id", streamId()).append("pos", position).append("last", last).append("at", now);
		}

	}

	/**
	 * Writes a commit at its reserved positions: first a marker on every position after
	 * the first, then the commit document on the first. Each is a unique {@code _id}, so
	 * two commits can never share a position even if reservations overlapped.
	 * @return false when a position was taken meanwhile (released as a gap, or claimed by
	 * an overlapping reservation): the caller moves the commit to new positions
	 */
	private boolean insertCommit(long position, List<Document> events, String aggregateId, String type) {
		List<Document> documents = commitDocuments(position, events, aggregateId, type);
		try {
			if (documents.size() == 1) {
				this.commits.insertOne(documents.get(0));
			}
			else {
				this.commits.insertMany(documents, new InsertManyOptions().ordered(true));
			}
			return true;
		}
		catch (MongoWriteException ex) {
			if (isDuplicateKey(ex)) {
				return false;
			}
			throw ex;
		}
		catch (MongoBulkWriteException ex) {
			if (ex.getWriteErrors()
				.stream()
				.allMatch((e) -> ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
				return false; // markers already written stay behind as non-events
			}
			throw ex;
		}
	}

	/**
	 * The documents of a commit: a marker on every position after the first, then the
	 * commit document on the first (so a commit is never visible before its markers).
	 */
	private static List<Document> commitDocuments(long position, List<Document> events, String aggregateId,
			String type) {
		List<Document> documents = new ArrayList<>(events.size());
		for (int i = events.size() - 1; i > 0; i--) {
			documents.add(new Document("_id", position + i).append("of", position));
		}
		Document commit = new Document("_id", position).append("n", events.size())
			.append("at", events.get(0).get("ts"))
			.append("events", events);
		if (aggregateId != null) {
			commit.append("agg", aggregateId).append("type", type);
		}
		documents.add(commit);
		return documents;
	}

	/** One commit per run of consecutive events of the same aggregate; others alone. */
	private static List<List<EventMessage<?>>> groupIntoCommits(List<? extends EventMessage<?>> events) {
		List<List<EventMessage<?>>> result = new ArrayList<>();
		List<EventMessage<?>> current = null;
		String currentAggregate = null;
		for (EventMessage<?> event : events) {
			String aggregate = (event instanceof DomainEventMessage<?> d && d.getType() != null)
					? d.getAggregateIdentifier() : null;
			if (current == null || aggregate == null || !aggregate.equals(currentAggregate)) {
				current = new ArrayList<>();
				result.add(current);
			}
			current.add(event);
			currentAggregate = aggregate;
		}
		return result;
	}

	/**
	 * Reserves {@code count} consecutive positions and returns the first. Serialized
	 * within this process, because the embedded stand-in does not apply concurrent
	 * {@code $inc}s atomically (measured: overlapping ranges under 10 concurrent
	 * writers); overlaps that remain possible across processes are caught by the unique
	 * positions of {@link #insertCommit}.
	 */
	private long reserve(int count) {
		synchronized (RESERVATION_LOCKS.computeIfAbsent(this.positions.getNamespace().getFullName(),
				(name) -> new Object())) {
			return reserveUnserialized(count);
		}
	}

	private long reserveUnserialized(int count) {
		Document counter = this.positions.findOneAndUpdate(Filters.eq("_id", "global"), Updates.inc("next", count),
				new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
		this.appendHook.after(AppendStep.RESERVED);
		return counter.get("next", Number.class).longValue() - count;
	}

	private long reservedBound() {
		Document counter = this.positions.find(Filters.eq("_id", "global")).first();
		return (counter != null) ? counter.get("next", Number.class).longValue() : 0;
	}

	private Document serialize(EventMessage<?> event, Serializer serializer) {
		SerializedObject<String> payload = event.serializePayload(serializer, String.class);
		SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
		Document document = new Document("id", event.getIdentifier()).append("ts", Date.from(event.getTimestamp()))
			.append("pt", payload.getType().getName())
			.append("pr", payload.getType().getRevision())
			.append("p", payload.getData())
			.append("m", metaData.getData());
		if (event instanceof DomainEventMessage<?> domain && domain.getType() != null) {
			document.append("seq", domain.getSequenceNumber());
		}
		return document;
	}

	// ---------------------------------------------------------------- aggregates

	/** Resource of a root unit of work: the aggregates known to have no events yet. */
	private static final String KNOWN_NEW = MongoEventStorageEngine.class.getName() + ".knownNew";

	/**
	 * Tells the store which aggregates the unit of work under way is about to load that
	 * are probably new (a creation per record of a batch): one query for their first
	 * stream documents and one for their snapshots find those that have neither, and the
	 * loads of those in this unit of work (its root) are answered as empty streams
	 * without a round trip each. An aggregate created by someone else meanwhile is no
	 * risk: its first stream document exists, so this unit of work's append of a second
	 * first commit fails as any concurrent change does. Outside a unit of work it does
	 * nothing.
	 */
	public void expectNew(Collection<String> aggregateIdentifiers) {
		if (aggregateIdentifiers.isEmpty() || !CurrentUnitOfWork.isStarted()) {
			return;
		}
		Set<String> candidates = new HashSet<>(aggregateIdentifiers);
		Set<String> firstStreams = new HashSet<>();
		candidates.forEach((id) -> firstStreams.add(streamId(id, 0)));
		Set<String> known = new HashSet<>(candidates);
		for (Document stream : this.streams.find(Filters.in("_id", firstStreams)).projection(new Document("_id", 1))) {
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
	private static boolean knownNew(String aggregateIdentifier) {
		if (!CurrentUnitOfWork.isStarted()) {
			return false;
		}
		Set<String> known = CurrentUnitOfWork.get().root().getResource(KNOWN_NEW);
		return known != null && known.contains(aggregateIdentifier);
	}

	/**
	 * Whole commits of the aggregate from the one starting at
	 * {@code firstSequenceNumber}: the first event, the one after a snapshot, or the one
	 * after the last event read, which are always where a commit starts (a snapshot is
	 * taken of a whole aggregate). A sequence number inside a commit finds nothing; read
	 * from 0 for that.
	 */
	@Override
	protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
			int batchSize) {
		if (firstSequenceNumber == 0 && knownNew(aggregateIdentifier)) {
			return List.of();
		}
		List<DomainEventData<?>> result = new ArrayList<>();
		for (Document commit : commitsFrom(aggregateIdentifier, firstSequenceNumber, batchSize)) {
			result.addAll(domainEvents(commit));
		}
		return result;
	}

	/**
	 * The aggregate's committed commits in order, from the one starting at
	 * {@code firstSequenceNumber}, until they hold at least {@code minEvents} events, the
	 * stream ends, or a commit is not written yet.
	 */
	private List<Document> commitsFrom(String aggregateIdentifier, long firstSequenceNumber, long minEvents) {
		List<Document> result = new ArrayList<>();
		long events = 0;
		long sequence = firstSequenceNumber;
		while (events < minEvents) {
			// the stream documents of every commit that can start in the window, then
			// their commits: two queries for a whole short stream, not two per commit
			long windowEnd = sequence + STREAM_WINDOW;
			List<String> candidates = new ArrayList<>(STREAM_WINDOW);
			for (long s = sequence; s < windowEnd; s++) {
				candidates.add(streamId(aggregateIdentifier, s));
			}
			Map<String, Document> found = new HashMap<>();
			for (Document stream : this.streams.find(Filters.in("_id", candidates))) {
				found.put(stream.getString("_id"), stream);
			}
			List<Document> chain = new ArrayList<>();
			for (Document stream = found.get(streamId(aggregateIdentifier, sequence)); stream != null; stream = found
				.get(streamId(aggregateIdentifier, sequence))) {
				chain.add(stream);
				sequence = stream.get("last", Number.class).longValue() + 1;
			}
			if (chain.isEmpty()) {
				break;
			}
			Map<Long, Document> commits = find(
					chain.stream().map((d) -> d.get("pos", Number.class).longValue()).toList());
			for (Document stream : chain) {
				Document commit = committed(stream, commits.get(stream.get("pos", Number.class).longValue()));
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

	// ---------------------------------------------------------------- history

	/**
	 * At most {@code limit} of the aggregate's events, oldest first, from the one at
	 * {@code fromSequenceNumber} (which may be inside a commit), each with its global
	 * position: the position tracking tokens count, its commit's {@code _id} plus its
	 * index in the commit. Upcast and deserialized as an aggregate read is. For
	 * operators' listings of a history; aggregates load through
	 * {@link #readEvents(String, long)}.
	 */
	public List<PositionedEvent> readPositionedEvents(String aggregateIdentifier, long fromSequenceNumber, int limit) {
		List<DomainEventData<?>> data = new ArrayList<>();
		Map<Long, Long> positions = new HashMap<>();
		long start = commitStartOf(aggregateIdentifier, fromSequenceNumber);
		for (Document commit : commitsFrom(aggregateIdentifier, start, fromSequenceNumber - start + limit)) {
			long first = commit.get("_id", Number.class).longValue();
			List<Document> events = commit.getList("events", Document.class);
			for (int i = 0; i < events.size() && data.size() < limit; i++) {
				long sequence = events.get(i).get("seq", Number.class).longValue();
				if (sequence >= fromSequenceNumber) {
					data.add(entry(commit, events.get(i)));
					positions.put(sequence, first + i);
				}
			}
		}
		// an upcaster keeps an event's sequence number (and may make several of one)
		return EventStreamUtils
			.upcastAndDeserializeDomainEvents(data.stream(), getEventSerializer(), this.upcasterChain)
			.asStream()
			.map((event) -> new PositionedEvent(positions.get(event.getSequenceNumber()), event))
			.toList();
	}

	/**
	 * The first sequence number of the commit that holds this one, looked up among the
	 * stream documents of the window before it: the sequence number itself when no commit
	 * there reaches it (the stream ends before it), 0 when none is in the window (a
	 * commit longer than the window: read from the first).
	 */
	private long commitStartOf(String aggregateIdentifier, long sequenceNumber) {
		if (sequenceNumber == 0) {
			return 0;
		}
		List<String> candidates = new ArrayList<>(STREAM_WINDOW);
		for (long s = Math.max(0, sequenceNumber - STREAM_WINDOW + 1); s <= sequenceNumber; s++) {
			candidates.add(streamId(aggregateIdentifier, s));
		}
		long start = -1;
		boolean anyInWindow = false;
		for (Document stream : this.streams.find(Filters.in("_id", candidates))) {
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

	/** A batch shorter than asked for is the end of the stream: no extra round trip. */
	@Override
	protected boolean fetchForAggregateUntilEmpty() {
		return false;
	}

	/**
	 * The commit a stream document points at, or null when it is not (yet) committed. A
	 * stream document whose commit is released, or missing for longer than the gap
	 * timeout (its writer died), is removed so that the aggregate can move on.
	 */
	private Document committed(Document stream) {
		return committed(stream,
				this.commits.find(Filters.eq("_id", stream.get("pos", Number.class).longValue())).first());
	}

	/**
	 * As {@link #committed(Document)}, with the commit document already read (or null).
	 */
	private Document committed(Document stream, Document commit) {
		return (claimState(stream, commit) == Claim.COMMITTED) ? commit : null;
	}

	/** What became of a writer's claim on a stream. */
	private enum Claim {

		/** Its commit is there. */
		COMMITTED,
		/** Not yet: its writer may still be at work. */
		PENDING,
		/**
		 * Its writer died before committing (its position released, or too old): removed.
		 */
		REMOVED

	}

	/**
	 * Whether the claim's commit is there; a claim whose commit is released, or missing
	 * for longer than the gap timeout (its writer died), is removed so that the aggregate
	 * can move on.
	 */
	private Claim claimState(Document stream, Document commit) {
		long position = stream.get("pos", Number.class).longValue();
		if (commit != null && !isNonEvent(commit) && stream.getString("_id").equals(streamIdOf(commit))) {
			return Claim.COMMITTED;
		}
		boolean dead = commit != null;
		if (!dead) {
			Instant claimedAt = stream.getDate("at").toInstant();
			if (this.clock.instant().isAfter(claimedAt.plus(this.gapTimeout))) {
				Document taken;
				dead = tombstone(position) || ((taken = this.commits.find(Filters.eq("_id", position)).first()) != null
						&& isNonEvent(taken));
			}
		}
		if (dead) {
			this.streams
				.deleteOne(Filters.and(Filters.eq("_id", stream.getString("_id")), Filters.eq("pos", position)));
			return Claim.REMOVED;
		}
		return Claim.PENDING;
	}

	private List<DomainEventData<?>> domainEvents(Document commit) {
		List<DomainEventData<?>> events = new ArrayList<>();
		for (Document e : commit.getList("events", Document.class)) {
			events.add(entry(commit, e));
		}
		return events;
	}

	private static GenericDomainEventEntry<String> entry(Document commit, Document e) {
		String aggregate = commit.getString("agg");
		boolean domain = aggregate != null;
		return new GenericDomainEventEntry<>(domain ? commit.getString("type") : null,
				domain ? aggregate : e.getString("id"), domain ? e.get("seq", Number.class).longValue() : 0L,
				e.getString("id"), e.getDate("ts").toInstant(), e.getString("pt"), e.getString("pr"), e.getString("p"),
				e.getString("m"));
	}

	@Override
	public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
		Long last = null;
		long sequence = 0;
		while (true) {
			Document stream = this.streams.find(Filters.eq("_id", streamId(aggregateIdentifier, sequence))).first();
			if (stream == null || committed(stream) == null) {
				return Optional.ofNullable(last);
			}
			last = stream.get("last", Number.class).longValue();
			sequence = last + 1;
		}
	}

	// ---------------------------------------------------------------- snapshots

	@Override
	protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
		Document event = serialize(snapshot, serializer).append("seq", snapshot.getSequenceNumber());
		Document document = new Document("_id", snapshot.getAggregateIdentifier()).append("type", snapshot.getType())
			.append("agg", snapshot.getAggregateIdentifier())
			.append("event", event);
		try {
			this.snapshots.replaceOne(
					Filters.and(Filters.eq("_id", snapshot.getAggregateIdentifier()),
							Filters.lt("event.seq", snapshot.getSequenceNumber())),
					document, new ReplaceOptions().upsert(true));
		}
		catch (MongoWriteException ex) {
			if (!isDuplicateKey(ex)) {
				throw ex;
			}
			// a snapshot at the same or a later sequence is stored already: keep it
		}
	}

	@Override
	protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
		if (knownNew(aggregateIdentifier)) {
			return Stream.empty();
		}
		Document snapshot = this.snapshots.find(Filters.eq("_id", aggregateIdentifier)).first();
		if (snapshot == null) {
			return Stream.empty();
		}
		return Stream.of(entry(snapshot, snapshot.get("event", Document.class)));
	}

	// ---------------------------------------------------------------- tracking

	@Override
	protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
		GapAwareTrackingToken token = (lastToken == null) ? GapAwareTrackingToken.newInstance(-1, List.of())
				: (GapAwareTrackingToken) lastToken;
		long bound = reservedBound();
		List<TrackedEventData<?>> result = new ArrayList<>();
		long windowStart = token.getIndex() + 1;
		SortedSet<Long> gaps = new TreeSet<>(token.getGaps());
		long index = token.getIndex();
		while (result.isEmpty()) {
			long windowEnd = Math.min(windowStart + Math.max(batchSize, this.trackingWindow), bound);
			SortedSet<Long> candidates = new TreeSet<>(gaps);
			LongStream.range(windowStart, windowEnd).forEach(candidates::add);
			if (candidates.isEmpty()) {
				return result;
			}
			Map<Long, Document> found = find(candidates);
			addCommitsOfMarkers(found);
			releaseTimedOutGaps(candidates, found, bound);
			long coveredUntil = -1;
			Instant now = this.clock.instant();
			for (long position : candidates) {
				if (position <= coveredUntil) {
					continue;
				}
				Document doc = found.get(position);
				if (doc == null) {
					if (position < bound) {
						this.missingSince.putIfAbsent(position, now);
					}
					continue;
				}
				this.missingSince.remove(position);
				long start = doc.containsKey("of") ? doc.get("of", Number.class).longValue() : position;
				Document commit = (start == position) ? doc : found.get(start);
				if (commit == null) {
					// a marker whose commit is not there yet: a gap until it is, unless
					// the
					// commit's position was settled long ago
					if (!candidates.contains(start)) {
						gaps.remove(position);
					}
					continue;
				}
				if (!isCommitCovering(commit, position)) {
					// a tombstone, or a marker left by a moved commit
					gaps.remove(position);
					continue;
				}
				List<Document> events = commit.getList("events", Document.class);
				long last = start + events.size() - 1;
				// No event of a commit is delivered before the ones ahead of it, so from
				// this position on none of them is: those behind the index become gaps,
				// and each event gets a token of its own that the one before does not
				// cover (Axon's processors skip an event whose token the last one
				// covers).
				for (long e = position; e <= Math.min(last, index); e++) {
					gaps.add(e);
				}
				for (long eventPosition = position; eventPosition <= last; eventPosition++) {
					if (!gaps.remove(eventPosition)) {
						for (long p = index + 1; p < eventPosition; p++) {
							if (!isKnownNonEvent(p, found)) {
								gaps.add(p);
							}
						}
						index = eventPosition;
					}
					result.add(new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(index, gaps),
							entry(commit, events.get((int) (eventPosition - start)))));
				}
				coveredUntil = last;
			}
			if (!result.isEmpty() || windowEnd >= bound) {
				return result;
			}
			// nothing but missing positions in this window and more reserved after it:
			// look further
			windowStart = windowEnd;
		}
		return result;
	}

	/**
	 * A position that holds no event: a tombstone, or a marker whose commit is a
	 * tombstone or does not reach it (left by a moved commit). A marker whose commit is
	 * not there yet is not known: a gap.
	 */
	private static boolean isKnownNonEvent(long position, Map<Long, Document> found) {
		Document doc = found.get(position);
		if (doc == null) {
			return false;
		}
		if (doc.containsKey("tombstone")) {
			return true;
		}
		if (!doc.containsKey("of")) {
			return false;
		}
		Document commit = found.get(doc.get("of", Number.class).longValue());
		return commit != null && !isCommitCovering(commit, position);
	}

	/** Whether the document is a commit one of whose events is at the position. */
	private static boolean isCommitCovering(Document commit, long position) {
		if (isNonEvent(commit)) {
			return false;
		}
		long start = commit.get("_id", Number.class).longValue();
		return position >= start && position < start + commit.getInteger("n");
	}

	/**
	 * The commits that the markers found point at and that were not asked for (a token
	 * inside a commit: its first events were delivered already).
	 */
	private void addCommitsOfMarkers(Map<Long, Document> found) {
		Set<Long> missing = new TreeSet<>();
		for (Document doc : found.values()) {
			if (doc.containsKey("of")) {
				long start = doc.get("of", Number.class).longValue();
				if (!found.containsKey(start)) {
					missing.add(start);
				}
			}
		}
		if (!missing.isEmpty()) {
			found.putAll(find(missing));
		}
	}

	/** A tombstone (released position) or a marker (a later position of a commit). */
	private static boolean isNonEvent(Document doc) {
		return doc.containsKey("tombstone") || doc.containsKey("of");
	}

	private Map<Long, Document> find(Collection<Long> positions) {
		Map<Long, Document> found = new HashMap<>();
		for (Document doc : this.commits.find(Filters.in("_id", positions))) {
			found.put(doc.get("_id", Number.class).longValue(), doc);
		}
		return found;
	}

	/**
	 * Releases positions missing for longer than the gap timeout, lowest first, by
	 * writing a tombstone there; a position where a commit appeared meanwhile is read
	 * instead, and the positions it covers are left alone.
	 */
	private void releaseTimedOutGaps(SortedSet<Long> candidates, Map<Long, Document> found, long bound) {
		Instant deadline = this.clock.instant().minus(this.gapTimeout);
		long coveredUntil = -1;
		for (long position : candidates) {
			Document doc = found.get(position);
			if (doc != null) {
				if (!isNonEvent(doc)) {
					coveredUntil = Math.max(coveredUntil, position + doc.getInteger("n") - 1);
				}
				continue;
			}
			if (position <= coveredUntil || position >= bound) {
				continue;
			}
			Instant since = this.missingSince.get(position);
			if (since == null || since.isAfter(deadline)) {
				continue;
			}
			if (tombstone(position)) {
				found.put(position, new Document("_id", position).append("tombstone", true));
			}
			else {
				Document commit = this.commits.find(Filters.eq("_id", position)).first();
				if (commit != null) {
					found.put(position, commit);
					if (!isNonEvent(commit)) {
						coveredUntil = Math.max(coveredUntil, position + commit.getInteger("n") - 1);
					}
				}
			}
			this.missingSince.remove(position);
		}
	}

	/**
	 * @return true when this call wrote the tombstone, false when the position is taken
	 */
	private boolean tombstone(long position) {
		try {
			this.commits.insertOne(new Document("_id", position).append("tombstone", true)
				.append("at", Date.from(this.clock.instant())));
			return true;
		}
		catch (MongoWriteException ex) {
			if (isDuplicateKey(ex)) {
				return false;
			}
			throw ex;
		}
	}

	@Override
	public TrackingToken createTailToken() {
		return null;
	}

	/**
	 * The position of the newest reserved event. Commits still being written at that
	 * moment are not covered by a stream that starts there (as with Axon's JDBC engine).
	 */
	@Override
	public TrackingToken createHeadToken() {
		long bound = reservedBound();
		return (bound == 0) ? null : GapAwareTrackingToken.newInstance(bound - 1, List.of());
	}

	/** The token just before the first commit written at or after the given instant. */
	@Override
	public TrackingToken createTokenAt(Instant dateTime) {
		long low = 0;
		long high = reservedBound();
		while (low < high) {
			long middle = (low + high) >>> 1;
			Document commit = firstCommitFrom(middle, high);
			if (commit == null) {
				high = middle;
				continue;
			}
			long position = commit.get("_id", Number.class).longValue();
			if (commit.getDate("at").toInstant().isBefore(dateTime)) {
				low = position + 1;
			}
			else {
				high = middle;
			}
		}
		return (low == 0) ? null : GapAwareTrackingToken.newInstance(low - 1, List.of());
	}

	private Document firstCommitFrom(long from, long bound) {
		for (long start = from; start < bound; start += 64) {
			List<Long> window = LongStream.range(start, Math.min(start + 64, bound)).boxed().toList();
			TreeMap<Long, Document> found = new TreeMap<>(find(window));
			found.values().removeIf(MongoEventStorageEngine::isNonEvent);
			if (!found.isEmpty()) {
				return found.firstEntry().getValue();
			}
		}
		return null;
	}

	// ---------------------------------------------------------------- helpers

	private static String streamIdOf(Document commit) {
		Document first = commit.getList("events", Document.class).get(0);
		return streamId(commit.getString("agg"), first.get("seq", Number.class).longValue());
	}

	private static String streamId(String aggregateIdentifier, long sequenceNumber) {
		return aggregateIdentifier + "/" + sequenceNumber;
	}

	private static boolean isDuplicateKey(MongoWriteException ex) {
		return ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
	}

	/** For tests: observe (and interrupt, by throwing) an append between its steps. */
	void appendHook(AppendHook hook) {
		this.appendHook = hook;
	}

	/** The steps of an append, in order. */
	enum AppendStep {

		RESERVED, STREAM_CLAIMED, COMMITTED

	}

	@FunctionalInterface
	interface AppendHook {

		void after(AppendStep step);

	}

	public static class Builder extends BatchingEventStorageEngine.Builder {

		private MongoDatabase database;

		private Duration gapTimeout = Duration.ofSeconds(10);

		private int trackingWindow = 256;

		private Clock clock = Clock.systemUTC();

		public Builder database(MongoDatabase database) {
			this.database = database;
			return this;
		}

		/** How long a reserved position may stay empty before readers release it. */
		public Builder gapTimeout(Duration gapTimeout) {
			this.gapTimeout = gapTimeout;
			return this;
		}

		/**
		 * How many positions a tracking read asks for at once (at least the batch size).
		 */
		public Builder trackingWindow(int trackingWindow) {
			this.trackingWindow = trackingWindow;
			return this;
		}

		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		@Override
		public Builder eventSerializer(Serializer eventSerializer) {
			super.eventSerializer(eventSerializer);
			return this;
		}

		@Override
		public Builder snapshotSerializer(Serializer snapshotSerializer) {
			super.snapshotSerializer(snapshotSerializer);
			return this;
		}

		@Override
		public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
			super.upcasterChain(upcasterChain);
			return this;
		}

		@Override
		public Builder batchSize(int batchSize) {
			super.batchSize(batchSize);
			return this;
		}

		@Override
		protected void validate() throws AxonConfigurationException {
			super.validate();
			if (this.database == null) {
				throw new AxonConfigurationException("The MongoDatabase is required");
			}
		}

		public MongoEventStorageEngine build() {
			return new MongoEventStorageEngine(this);
		}

	}

}
