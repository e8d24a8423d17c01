package dev.ticketloop.platform.eventstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.mongodb.client.MongoDatabase;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
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
 *
 * <h2>Parts</h2> This class is the facade Axon sees; the work is done by package-private
 * parts along those seams: {@link Positions} (the counter), {@link Claims} (stream
 * documents and dead writers), {@link Commits} (commits, markers, tombstones),
 * {@link Appends}, {@link AggregateReads}, {@link Snapshots} and {@link Tracking}.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

	static final String POSITIONS = "event_positions";

	static final String COMMITS = "event_commits";

	static final String STREAMS = "event_streams";

	static final String SNAPSHOTS = "event_snapshots";

	static final int STREAM_WINDOW = AggregateReads.STREAM_WINDOW;

	private final Appends appends;

	private final AggregateReads aggregates;

	private final Snapshots snapshots;

	private final Tracking tracking;

	private volatile AppendHook appendHook = (step) -> {
	};

	protected MongoEventStorageEngine(Builder builder) {
		super(builder);
		Positions positions = new Positions(builder.database.getCollection(POSITIONS));
		Commits commits = new Commits(builder.database.getCollection(COMMITS), builder.clock);
		Claims claims = new Claims(builder.database.getCollection(STREAMS), commits, builder.clock, builder.gapTimeout);
		this.snapshots = new Snapshots(builder.database.getCollection(SNAPSHOTS));
		this.appends = new Appends(positions, claims, commits, builder.clock, () -> this.appendHook);
		this.aggregates = new AggregateReads(claims, commits, this.snapshots.collection());
		this.tracking = new Tracking(positions, commits, builder.clock, builder.gapTimeout, builder.trackingWindow);
	}

	public static Builder builder() {
		return new Builder();
	}

	// ---------------------------------------------------------------- append

	/** See {@link Appends#append}. */
	@Override
	protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
		this.appends.append(events, serializer);
	}

	// ---------------------------------------------------------------- aggregates

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
		this.aggregates.expectNew(aggregateIdentifiers);
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
		return this.aggregates.domainEvents(aggregateIdentifier, firstSequenceNumber, batchSize);
	}

	/** A batch shorter than asked for is the end of the stream: no extra round trip. */
	@Override
	protected boolean fetchForAggregateUntilEmpty() {
		return false;
	}

	@Override
	public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
		return this.aggregates.lastSequenceNumberFor(aggregateIdentifier);
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
		long start = this.aggregates.commitStartOf(aggregateIdentifier, fromSequenceNumber);
		for (Document commit : this.aggregates.commitsFrom(aggregateIdentifier, start,
				fromSequenceNumber - start + limit)) {
			long first = commit.get("_id", Number.class).longValue();
			List<Document> events = commit.getList("events", Document.class);
			for (int i = 0; i < events.size() && data.size() < limit; i++) {
				long sequence = events.get(i).get("seq", Number.class).longValue();
				if (sequence >= fromSequenceNumber) {
					data.add(EventDocuments.entry(commit, events.get(i)));
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

	// ---------------------------------------------------------------- snapshots

	@Override
	protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
		this.snapshots.store(snapshot, serializer);
	}

	@Override
	protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
		return this.snapshots.read(aggregateIdentifier);
	}

	// ---------------------------------------------------------------- tracking

	@Override
	protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
		return this.tracking.after(lastToken, batchSize);
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
		return this.tracking.head();
	}

	/** The token just before the first commit written at or after the given instant. */
	@Override
	public TrackingToken createTokenAt(Instant dateTime) {
		return this.tracking.at(dateTime);
	}

	// ---------------------------------------------------------------- tests

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
