package dev.ticketloop.platform.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.ticketloop.platform.axon.PausedProcessors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;

import org.springframework.context.ApplicationContext;

/**
 * What an operator can see and do with a service's event processors, on every instance at
 * once: the state of each segment is read from the token store (which every instance
 * writes), and what an operator asks (pause, resume, replay, release a segment) is
 * written to {@code processor_controls}, which every instance's
 * {@link ProcessorControlWatcher} applies to its own processors within a second.
 * <p>
 * A processor with side effects (mail, webhooks, Kafka records, commands to aggregates)
 * is never replayed: its handlers are marked {@link DisallowReplay}, and a replay of it
 * is refused. A replay from a later event than the first is for processors whose reset
 * handlers take the {@link ReplayStart} (see {@link Replayability}).
 */
public class ProcessorOperations {

	static final String CONTROLS = PausedProcessors.CONTROLS;

	/** How long a replay request waits for every instance to let go of the processor. */
	private static final Duration RELEASE_WAIT = Duration.ofSeconds(20);

	private final EventProcessingConfiguration processing;

	private final MongoCollection<Document> tokens;

	private final MongoCollection<Document> controls;

	private final Serializer serializer;

	private final EventStore eventStore;

	private final Replayability replayability;

	private final Clock clock;

	private final String instance;

	private final Duration claimTimeout;

	public ProcessorOperations(EventProcessingConfiguration processing, MongoTemplate axonMongoTemplate,
			MongoDatabase serviceDatabase, Serializer serializer, EventStore eventStore, ApplicationContext context,
			Clock clock, String instance, Duration claimTimeout) {
		this.processing = processing;
		this.tokens = axonMongoTemplate.trackingTokensCollection();
		this.controls = serviceDatabase.getCollection(CONTROLS);
		this.serializer = serializer;
		this.eventStore = eventStore;
		this.replayability = new Replayability(context);
		this.clock = clock;
		this.instance = instance;
		this.claimTimeout = claimTimeout;
	}

	/**
	 * A processor as an operator sees it.
	 *
	 * @param replayableFromPosition whether it may be replayed from a later event than
	 * the first (a position or a time), not only from the beginning
	 */
	public record ProcessorView(String name, boolean replayable, String notReplayableBecause,
			boolean replayableFromPosition, String fromBeginningOnlyBecause, String state, boolean runningHere,
			long head, long lagEvents, Long lagSeconds, List<SegmentView> segments, ReplayView replay) {
	}

	/** One segment: where it is, who works on it, what went wrong here. */
	public record SegmentView(int segment, int mask, String owner, Long position, long lagEvents, boolean replaying,
			Long replayDone, Long replayToDo, String error) {
	}

	/**
	 * A replay: what was asked, and how far it got: events handled again ({@code done})
	 * and still to handle ({@code toDo}) up to the store's head when it was reset, the
	 * rate since it started and the time left at that rate.
	 */
	public record ReplayView(String state, String from, String requestedBy, Instant requestedAt, long done, long toDo,
			Double eventsPerSecond, Long secondsLeft) {
	}

	/** The processor does not exist (404). */
	public static class UnknownProcessorException extends RuntimeException {

		UnknownProcessorException(String name) {
			super("There is no event processor '" + name + "' in this service.");
		}

	}

	/** What was asked cannot be done in the processor's state (409). */
	public static class RefusedException extends RuntimeException {

		RefusedException(String message) {
			super(message);
		}

	}

	/** A replay's start that is not valid (400): the field, and what is wrong with it. */
	public static class InvalidReplayStartException extends IllegalArgumentException {

		private final String field;

		InvalidReplayStartException(String field, String message) {
			super(field + ": " + message);
			this.field = field;
		}

		public String field() {
			return this.field;
		}

	}

	public List<ProcessorView> list() {
		return new TreeMap<>(streamingProcessors()).values().stream().map(this::view).toList();
	}

	public ProcessorView get(String name) {
		return view(processor(name));
	}

	/** Pauses the processor on every instance (it keeps its position). */
	public ProcessorView pause(String name, String who) {
		StreamingEventProcessor processor = processor(name);
		if (rebuilding(name)) {
			throw new RefusedException("Processor '" + name + "' is replaying; pause it once the replay is done.");
		}
		desire(name, "PAUSED", who);
		awaitLocal(processor, false);
		return view(processor);
	}

	/** Resumes the processor on every instance. */
	public ProcessorView resume(String name, String who) {
		StreamingEventProcessor processor = processor(name);
		if (startingReplay(name)) {
			throw new RefusedException(
					"Processor '" + name + "' is being reset for a replay; it runs again in a moment.");
		}
		desire(name, "RUNNING", who);
		awaitLocal(processor, true);
		return view(processor);
	}

	/**
	 * Replays a processor from the beginning, or from a later event (a position, or the
	 * first event at or after a time: at most one of them): every instance lets go of it,
	 * its tokens are reset to the start (its reset handlers are given the
	 * {@link ReplayStart}: from the beginning they clear what it built), and it runs
	 * again on every instance (unless it was paused before); the replay then goes on in
	 * the background (see {@link ProcessorView#replay()}). One replay of a processor at a
	 * time: the request claims it in {@code processor_controls}.
	 * @throws InvalidReplayStartException a start after the newest event
	 * @throws RefusedException a processor with side effects, one replayed from the
	 * beginning only asked for a later start, a replay under way, an instance that does
	 * not let go, a segment that has not reached the start yet
	 */
	public ProcessorView replay(String name, Long fromPosition, Instant fromTime, String who) {
		StreamingEventProcessor processor = processor(name);
		String reason = this.replayability.neverBecause(name);
		if (reason != null) {
			throw new RefusedException("Processor '" + name + "' is never replayed: " + reason);
		}
		TrackingToken startToken = startToken(fromPosition, fromTime);
		ReplayStart start = new ReplayStart((startToken != null) ? position(startToken) + 1 : 0, fromTime);
		if (!start.fromBeginning()) {
			String onlyFromBeginning = this.replayability.fromBeginningOnlyBecause(name);
			if (onlyFromBeginning != null) {
				throw new RefusedException(
						"Processor '" + name + "' is replayed from the beginning only: " + onlyFromBeginning);
			}
		}
		recordFinishedReplay(name);
		Instant now = this.clock.instant();
		this.controls.updateOne(Filters.eq("_id", name), Updates.setOnInsert("state", "RUNNING"),
				new com.mongodb.client.model.UpdateOptions().upsert(true));
		Document claimed = this.controls.findOneAndUpdate(
				Filters.and(Filters.eq("_id", name), Filters.nin("replay.state", "STARTING", "RUNNING")),
				Updates.combine(Updates.set("replay",
						new Document("state", "STARTING").append("from", start.describe())
							.append("requestedBy", who)
							.append("requestedAt", Date.from(now))
							.append("instance", this.instance))),
				new com.mongodb.client.model.FindOneAndUpdateOptions()
					.returnDocument(com.mongodb.client.model.ReturnDocument.BEFORE));
		if (claimed == null) {
			throw new RefusedException("Processor '" + name + "' is replaying already.");
		}
		String before = (claimed.getString("state") != null) ? claimed.getString("state") : "RUNNING";
		this.controls.updateOne(Filters.eq("_id", name), Updates.combine(Updates.set("replay.stateBefore", before),
				Updates.set("state", "PAUSED"), Updates.set("by", who), Updates.set("at", Date.from(now))));
		try {
			awaitLocal(processor, false);
			awaitNoOwner(name);
			requireReached(name, start);
			if (start.fromBeginning()) {
				// the processor's initial token, as for its first start (a segment that
				// stored no position yet gets one)
				processor.resetTokens(start);
			}
			else {
				processor.resetTokens((source) -> startToken, start);
			}
		}
		catch (RuntimeException ex) {
			this.controls.updateOne(Filters.eq("_id", name),
					Updates.combine(Updates.set("state", before), Updates.set("replay.state", "FAILED"),
							Updates.set("replay.error", "nothing was reset: " + ex.getClass().getSimpleName())));
			throw ex;
		}
		this.controls.updateOne(Filters.eq("_id", name),
				Updates.combine(Updates.set("state", before), Updates.set("replay.state", "RUNNING"),
						Updates.set("replay.startPosition", start.position() - 1),
						Updates.set("replay.startedAt", Date.from(this.clock.instant())),
						Updates.set("replay.headAtStart", head())));
		awaitLocal(processor, !"PAUSED".equals(before));
		return view(processor);
	}

	/**
	 * The token a replay starts after: null for the beginning, the position before the
	 * one asked for, or the position before the first event at or after the time asked
	 * for; a start after the newest event is refused (there would be nothing to replay).
	 */
	private TrackingToken startToken(Long fromPosition, Instant fromTime) {
		if (fromPosition != null && fromTime != null) {
			throw new InvalidReplayStartException("fromPosition",
					"give fromPosition or fromTime, or neither for the beginning, not both");
		}
		long head = head();
		if (fromPosition != null) {
			if (fromPosition < 0) {
				throw new InvalidReplayStartException("fromPosition", "must be 0 or more");
			}
			if (fromPosition > head) {
				throw new InvalidReplayStartException("fromPosition",
						"there is no event at or after position " + fromPosition + " (the newest is at " + head + ")");
			}
			return (fromPosition == 0) ? null : GapAwareTrackingToken.newInstance(fromPosition - 1, List.of());
		}
		if (fromTime != null) {
			TrackingToken token = this.eventStore.createTokenAt(fromTime);
			if (token != null && position(token) >= head) {
				throw new InvalidReplayStartException("fromTime",
						"there is no event at or after " + fromTime + " (the newest is at position " + head + ")");
			}
			return token;
		}
		return null;
	}

	/**
	 * Refuses a later start than a segment has reached: Axon would move that segment
	 * forward to the start, and it would never handle the events in between.
	 */
	private void requireReached(String name, ReplayStart start) {
		if (start.fromBeginning()) {
			return;
		}
		for (Map.Entry<Integer, Document> segment : tokenDocuments(name).entrySet()) {
			TrackingToken token = token(segment.getValue());
			Long position = position((token instanceof ReplayToken replay) ? replay.getTokenAtReset() : token);
			if (position == null || position < start.position() - 1) {
				throw new RefusedException("Segment " + segment.getKey() + " of '" + name + "' is at position "
						+ ((position != null) ? position : "none yet") + ", before the start " + start.position()
						+ ": it has not handled the events before it yet. Let it catch up, or replay from an "
						+ "earlier event; nothing was reset.");
			}
		}
	}

	/**
	 * Whether the processor's read model is being rebuilt now (cleared, or not caught up
	 * with where it was when the replay began): what reads it for decisions waits.
	 */
	public boolean rebuilding(String name) {
		Document control = this.controls.find(Filters.eq("_id", name)).first();
		Document replay = (control != null) ? control.get("replay", Document.class) : null;
		if (replay == null) {
			return false;
		}
		String state = replay.getString("state");
		return "STARTING".equals(state) || ("RUNNING".equals(state) && replayRunning(name));
	}

	/**
	 * Gives up a replay whose requesting instance died before it reset the tokens (still
	 * {@code STARTING} after {@code abandonedAfter}): the processor gets its state back.
	 */
	void recordAbandonedReplay(String name, Duration abandonedAfter) {
		Document control = this.controls.find(Filters.eq("_id", name)).first();
		Document replay = (control != null) ? control.get("replay", Document.class) : null;
		if (replay == null || !"STARTING".equals(replay.getString("state")) || replay.getDate("requestedAt") == null
				|| replay.getDate("requestedAt").toInstant().isAfter(this.clock.instant().minus(abandonedAfter))) {
			return;
		}
		String before = (replay.getString("stateBefore") != null) ? replay.getString("stateBefore") : "RUNNING";
		this.controls.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("replay.state", "STARTING")),
				Updates.combine(Updates.set("state", before), Updates.set("replay.state", "FAILED"),
						Updates.set("replay.error", "abandoned: the instance that asked for it stopped")));
	}

	/**
	 * Splits a segment in two, so that two instances can share its work; the instance
	 * that holds it lets go first.
	 */
	public ProcessorView split(String name, int segment) {
		return segmentOperation(name, segment, true);
	}

	/** Merges a segment with its sibling. */
	public ProcessorView merge(String name, int segment) {
		return segmentOperation(name, segment, false);
	}

	private ProcessorView segmentOperation(String name, int segment, boolean split) {
		StreamingEventProcessor processor = processor(name);
		Map<Integer, Document> segments = tokenDocuments(name);
		if (!segments.containsKey(segment)) {
			throw new IllegalArgumentException("segment: processor '" + name + "' has segments " + segments.keySet());
		}
		if (!split && segments.size() == 1) {
			throw new RefusedException("Processor '" + name + "' has one segment: there is nothing to merge it with.");
		}
		if (!processor.isRunning()) {
			throw new RefusedException("Processor '" + name + "' is paused on this instance; resume it first.");
		}
		List<Integer> involved = new ArrayList<>(List.of(segment));
		if (!split) {
			Segment merged = Segment.computeSegment(segment,
					segments.keySet().stream().mapToInt(Integer::intValue).toArray());
			involved.add(merged.mergeableSegmentId());
		}
		for (int id : involved) {
			Document token = segments.get(id);
			String owner = (token != null) ? token.getString("owner") : null;
			if (owner != null && !owner.equals(this.instance)) {
				this.controls.updateOne(Filters.eq("_id", name),
						Updates.push("releases",
								new Document("segment", id).append("owner", owner)
									.append("until", Date.from(this.clock.instant().plusSeconds(15)))),
						new com.mongodb.client.model.UpdateOptions().upsert(true));
			}
		}
		boolean done;
		try {
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			do {
				done = (split ? processor.splitSegment(segment) : processor.mergeSegment(segment)).get();
				if (!done) {
					Thread.sleep(500);
				}
			}
			while (!done && System.nanoTime() < deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RefusedException("Interrupted while the segment was being " + (split ? "split" : "merged"));
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new RefusedException(
					"The segment could not be " + (split ? "split" : "merged") + ": " + ex.getCause().getMessage());
		}
		finally {
			this.controls.updateOne(Filters.eq("_id", name), Updates.unset("releases"));
		}
		if (!done) {
			throw new RefusedException("Segment " + segment + " of '" + name + "' could not be "
					+ (split ? "split" : "merged") + " within 20 s: the instance holding it did not let go.");
		}
		return view(processor);
	}

	private void desire(String name, String state, String who) {
		this.controls.updateOne(Filters.eq("_id", name),
				Updates.combine(Updates.set("state", state), Updates.set("by", who),
						Updates.set("at", Date.from(this.clock.instant()))),
				new com.mongodb.client.model.UpdateOptions().upsert(true));
	}

	/** Waits until this instance's watcher applied the desired state (at most 5 s). */
	private static void awaitLocal(StreamingEventProcessor processor, boolean running) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (processor.isRunning() != running && System.nanoTime() < deadline) {
			sleep(100);
		}
	}

	private void awaitNoOwner(String name) {
		long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			Instant claimTimeout = this.clock.instant().minus(this.claimTimeout);
			boolean held = tokenDocuments(name).values()
				.stream()
				.anyMatch((t) -> t.getString("owner") != null
						&& Instant.ofEpochMilli(t.get("timestamp", Number.class).longValue()).isAfter(claimTimeout));
			if (!held) {
				return;
			}
			sleep(200);
		}
		throw new RefusedException("Processor '" + name + "' is still held by an instance after "
				+ RELEASE_WAIT.toSeconds() + " s; nothing was reset.");
	}

	private boolean startingReplay(String name) {
		Document control = this.controls.find(Filters.eq("_id", name)).first();
		Document replay = (control != null) ? control.get("replay", Document.class) : null;
		return replay != null && "STARTING".equals(replay.getString("state"));
	}

	/** Marks a running replay done once no segment replays any more. */
	void recordFinishedReplay(String name) {
		if (!replayRunning(name)) {
			this.controls.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("replay.state", "RUNNING")),
					Updates.combine(Updates.set("replay.state", "DONE"),
							Updates.set("replay.finishedAt", Date.from(this.clock.instant()))));
		}
	}

	boolean replayRunning(String name) {
		return tokenDocuments(name).values().stream().map(this::token).anyMatch(ProcessorOperations::replaying);
	}

	/**
	 * Whether a segment still replays. Axon keeps a segment's {@link ReplayToken} until
	 * it handles an event beyond the position at reset, so a segment that reached that
	 * position with no newer event is done, although its token still says replay.
	 */
	private static boolean replaying(TrackingToken token) {
		if (!(token instanceof ReplayToken replay)) {
			return false;
		}
		Long current = handled(replay.getCurrentToken());
		Long reset = position(replay.getTokenAtReset());
		return reset != null && (current == null || current < reset);
	}

	private ProcessorView view(StreamingEventProcessor processor) {
		String name = processor.getName();
		long head = head();
		Map<Integer, EventTrackerStatus> local = processor.processingStatus();
		Map<Integer, Document> documents = tokenDocuments(name);
		int[] ids = documents.keySet().stream().mapToInt(Integer::intValue).toArray();
		List<SegmentView> segments = new ArrayList<>();
		long lag = 0;
		Document control = Optional.ofNullable(this.controls.find(Filters.eq("_id", name)).first())
			.orElse(new Document());
		Document replayControl = control.get("replay", Document.class);
		long start = (replayControl != null && replayControl.get("startPosition") != null)
				? replayControl.get("startPosition", Number.class).longValue() : -1;
		Long slowest = null;
		long resetAt = -1;
		boolean anyReplaying = false;
		Long oldestUnprocessed = null;
		for (Map.Entry<Integer, Document> entry : documents.entrySet()) {
			TrackingToken token = token(entry.getValue());
			Long position = handled(token);
			long segmentLag = Math.max(0, head - ((position != null) ? position : -1));
			lag = Math.max(lag, segmentLag);
			if (segmentLag > 0 && (oldestUnprocessed == null || position == null || position < oldestUnprocessed)) {
				oldestUnprocessed = (position != null) ? position : -1L;
			}
			Long replayDone = null;
			Long replayToDo = null;
			if (replaying(token)) {
				ReplayToken replay = (ReplayToken) token;
				Long atReset = position(replay.getTokenAtReset());
				long reset = (atReset != null) ? atReset : -1;
				long current = (position != null) ? position : start;
				replayDone = Math.max(0, current - start);
				replayToDo = Math.max(0, reset - current);
				anyReplaying = true;
				slowest = (slowest == null) ? current : Math.min(slowest, current);
				resetAt = Math.max(resetAt, reset);
			}
			EventTrackerStatus status = local.get(entry.getKey());
			// the error's kind only: its message may quote what the events hold
			String error = (status != null && status.isErrorState() && status.getError() != null)
					? status.getError().getClass().getName() + " (the instance's log has the details)" : null;
			segments.add(new SegmentView(entry.getKey(), Segment.computeSegment(entry.getKey(), ids).getMask(),
					entry.getValue().getString("owner"), position, segmentLag, replaying(token), replayDone, replayToDo,
					error));
		}
		segments.sort(Comparator.comparingInt(SegmentView::segment));
		long done = anyReplaying ? Math.max(0, slowest - start) : 0;
		long toDo = anyReplaying ? Math.max(0, resetAt - slowest) : 0;
		String reason = this.replayability.neverBecause(name);
		String fromBeginningOnly = (reason == null) ? this.replayability.fromBeginningOnlyBecause(name) : null;
		return new ProcessorView(name, reason == null, reason, reason == null && fromBeginningOnly == null,
				fromBeginningOnly, (control.getString("state") != null) ? control.getString("state") : "RUNNING",
				processor.isRunning(), head, lag, lagSeconds(oldestUnprocessed, lag), segments,
				replayView(control, anyReplaying, done, toDo));
	}

	private ReplayView replayView(Document control, boolean replaying, long done, long toDo) {
		Document replay = control.get("replay", Document.class);
		if (replay == null) {
			return null;
		}
		String state = replay.getString("state");
		if ("RUNNING".equals(state) && !replaying) {
			state = "DONE";
		}
		if ("DONE".equals(state) && replay.get("startPosition") != null && replay.get("headAtStart") != null) {
			done = replay.get("headAtStart", Number.class).longValue()
					- replay.get("startPosition", Number.class).longValue();
		}
		Double rate = null;
		Long left = null;
		Date startedAt = replay.getDate("startedAt");
		Date finishedAt = replay.getDate("finishedAt");
		if (startedAt != null && done > 0) {
			Instant until = (finishedAt != null) ? finishedAt.toInstant() : this.clock.instant();
			double seconds = Math.max(0.001, Duration.between(startedAt.toInstant(), until).toMillis() / 1000.0);
			rate = done / seconds;
			left = (toDo > 0) ? (long) Math.ceil(toDo / rate) : 0L;
		}
		Date requestedAt = replay.getDate("requestedAt");
		return new ReplayView(state, replay.getString("from"), replay.getString("requestedBy"),
				(requestedAt != null) ? requestedAt.toInstant() : null, done, toDo, rate, left);
	}

	/** How old the oldest event the processor has not handled yet is, in seconds. */
	private Long lagSeconds(Long afterPosition, long lag) {
		if (lag == 0 || afterPosition == null) {
			return (lag == 0) ? 0L : null;
		}
		TrackingToken from = (afterPosition < 0) ? null : GapAwareTrackingToken.newInstance(afterPosition, List.of());
		try (var stream = this.eventStore.openStream(from)) {
			if (stream.hasNextAvailable()) {
				Instant oldest = stream.nextAvailable().getTimestamp();
				return Math.max(0, Duration.between(oldest, this.clock.instant()).toSeconds());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return null;
	}

	/** The store's head: the position of its newest event (-1 when it is empty). */
	long head() {
		TrackingToken head = this.eventStore.createHeadToken();
		return (head != null) ? head.position().orElse(-1) : -1;
	}

	/**
	 * The position of the last event a segment handled, null for none: a replay token
	 * that handled nothing yet says 0 (and a replay from the beginning starts at the
	 * processor's initial token, itself a replay token).
	 */
	private static Long handled(TrackingToken token) {
		return (token instanceof ReplayToken replay) ? handled(replay.getCurrentToken()) : position(token);
	}

	private static Long position(TrackingToken token) {
		if (token == null) {
			return null;
		}
		OptionalLong position = token.position();
		return position.isPresent() ? position.getAsLong() : null;
	}

	private Map<Integer, Document> tokenDocuments(String name) {
		Map<Integer, Document> found = new TreeMap<>();
		for (Document token : this.tokens.find(Filters.eq("processorName", name))) {
			found.put(token.getInteger("segment"), token);
		}
		return found;
	}

	private TrackingToken token(Document document) {
		Object data = document.get("token");
		String type = document.getString("tokenType");
		if (data == null || type == null) {
			return null;
		}
		byte[] bytes = (data instanceof Binary binary) ? binary.getData() : (byte[]) data;
		return this.serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
	}

	private Map<String, StreamingEventProcessor> streamingProcessors() {
		Map<String, StreamingEventProcessor> found = new LinkedHashMap<>();
		this.processing.eventProcessors().forEach((name, processor) -> {
			if (processor instanceof StreamingEventProcessor streaming) {
				found.put(name, streaming);
			}
		});
		return found;
	}

	StreamingEventProcessor processor(String name) {
		StreamingEventProcessor processor = streamingProcessors().get(name);
		if (processor == null) {
			throw new UnknownProcessorException(name);
		}
		return processor;
	}

	List<StreamingEventProcessor> processors() {
		return List.copyOf(streamingProcessors().values());
	}

	MongoCollection<Document> controls() {
		return this.controls;
	}

	String instance() {
		return this.instance;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
