package dev.ticketloop.platform.timer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable timers on MongoDB that need nothing but the {@code _id} index, so they stay
 * fast on the embedded stand-in (where any other query is a full scan) however many
 * timers are open.
 * <p>
 * Time is cut into slots ({@link Settings#slotWidth()}, 250 ms by default); a timer lives
 * in the document of its due slot, one of {@link Settings#shards()} documents per slot
 * ({@code _id} {@code s:<slot start millis>:<shard>}), as an entry of its {@code timers}
 * map keyed by the timer's key. Scheduling is one upsert; scheduling the same key again
 * replaces the entry (idempotent). Finding what is due is an {@code _id} lookup of the
 * current slot's documents, whatever the number of timers elsewhere.
 * <p>
 * One instance at a time fires (a lease in the {@code leader} document, renewed while it
 * runs, taken over by another instance when it lapses). Firing is at least once: a timer
 * is removed after its handler returned, so a crash in between, or a leader that lost its
 * lease while firing, fires it again. Handlers must be idempotent in effect.
 * <p>
 * No timer is lost to a race: a timer is never written into a slot that ends within
 * {@link Settings#safetyMargin()} of now (it goes into the next open slot and fires
 * slightly late instead), a slot's documents are deleted only {@link Settings#grace()}
 * after its end (firing what was added late first) and only when no timer is left in them
 * (one written meanwhile stays for the sweep), the cursor of the first slot not yet
 * deleted is stored, so a restart catches up on everything that fell due while no
 * instance ran, and a periodic sweep below the cursor picks up anything written after its
 * slot was deleted.
 */
public final class DurableTimers implements AutoCloseable {

	private volatile boolean stopping;

	private static final Logger log = LoggerFactory.getLogger(DurableTimers.class);

	private static final String SLOT_PREFIX = "s:";

	private static final String CURSOR = "cursor";

	private static final String LEADER = "leader";

	/** A slot document with no timer left in it. */
	private static final Bson EMPTY = Filters.or(Filters.exists("timers", false), Filters.eq("timers", new Document()));

	private final MongoCollection<Document> collection;

	private final Clock clock;

	private final Settings settings;

	private final String name;

	private final Lease lease;

	private ScheduledExecutorService scheduler;

	private long nextSlot = -1;

	private long cursor = -1;

	private Instant lastSweep;

	private Instant pauseUntil = Instant.MIN;

	public DurableTimers(MongoDatabase database, String collection, Clock clock, Settings settings) {
		this.collection = database.getCollection(collection);
		this.clock = clock;
		this.settings = settings;
		this.name = collection;
		this.lastSweep = clock.instant();
		this.lease = new Lease(this.collection, LEADER, clock, settings.lease());
	}

	/** A timer: what it is about ({@code key}), when it is due, and its own data. */
	public record Timer(String key, Instant dueAt, Document data) {

		public Timer {
			Objects.requireNonNull(key, "key");
			Objects.requireNonNull(dueAt, "dueAt");
			data = (data != null) ? data : new Document();
		}

	}

	/**
	 * Fires a batch of due timers. Returning normally removes them; throwing keeps them
	 * all for a later attempt (after {@link Settings#retryDelay()}), so a handler that
	 * can never succeed for one timer should deal with that timer itself.
	 */
	@FunctionalInterface
	public interface Handler {

		void fire(List<Timer> due) throws Exception;

	}

	/**
	 * @param slotWidth width of a slot; timers in the current slot are fired as soon as
	 * they are due
	 * @param shards documents per slot (keeps documents small in bursts)
	 * @param pollInterval how often the leader looks for due timers
	 * @param safetyMargin a timer due sooner than this is written into a later slot
	 * @param grace how long after a slot's end its documents are kept (late writes)
	 * @param sweepInterval how often anything left below the cursor is looked for
	 * @param lease how long a leader's lease lasts without renewal
	 * @param batchSize timers handed to the handler at once
	 * @param retryDelay pause after a failed batch
	 */
	public record Settings(Duration slotWidth, int shards, Duration pollInterval, Duration safetyMargin, Duration grace,
			Duration sweepInterval, Duration lease, int batchSize, Duration retryDelay) {

		public static Settings defaults() {
			return new Settings(Duration.ofMillis(250), 16, Duration.ofMillis(50), Duration.ofMillis(200),
					Duration.ofSeconds(3), Duration.ofSeconds(60), Duration.ofSeconds(6), 500, Duration.ofSeconds(1));
		}

		public Settings {
			if (!slotWidth.isPositive() || shards < 1 || !pollInterval.isPositive() || batchSize < 1) {
				throw new IllegalArgumentException("timer settings must be positive");
			}
			if (grace.compareTo(safetyMargin.plus(pollInterval)) <= 0) {
				throw new IllegalArgumentException("grace must be longer than safety margin plus poll interval");
			}
		}

		public Settings withPollInterval(Duration interval) {
			return new Settings(this.slotWidth, this.shards, interval, this.safetyMargin, this.grace,
					this.sweepInterval, this.lease, this.batchSize, this.retryDelay);
		}

	}

	/** Sets a timer (or moves it, when the key is already set for the same slot). */
	public void schedule(String key, Instant dueAt, Document data) {
		schedule(List.of(new Timer(key, dueAt, data)));
	}

	/** Sets many timers in one round trip per document touched. */
	public void schedule(Collection<Timer> timers) {
		if (timers.isEmpty()) {
			return;
		}
		Instant earliest = this.clock.instant().plus(this.settings.safetyMargin());
		Map<String, List<Bson>> updates = new LinkedHashMap<>();
		for (Timer timer : timers) {
			Instant slotTime = timer.dueAt().isBefore(earliest) ? earliest : timer.dueAt();
			String id = documentId(slotOf(slotTime), shardOf(timer.key()));
			updates.computeIfAbsent(id, (k) -> new ArrayList<>())
				.add(Updates.set("timers." + escape(timer.key()),
						new Document("k", timer.key()).append("d", Date.from(timer.dueAt()))
							.append("x", timer.data())));
		}
		List<WriteModel<Document>> writes = new ArrayList<>();
		updates.forEach((id, sets) -> writes
			.add(new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(sets), new UpdateOptions().upsert(true))));
		this.collection.bulkWrite(writes);
	}

	/**
	 * Removes many timers (as {@link #cancel(String, Instant)}), one round trip per
	 * document.
	 */
	public void cancel(Collection<Timer> timers) {
		if (timers.isEmpty()) {
			return;
		}
		Map<String, List<Bson>> updates = new LinkedHashMap<>();
		for (Timer timer : timers) {
			updates.computeIfAbsent(documentId(slotOf(timer.dueAt()), shardOf(timer.key())), (k) -> new ArrayList<>())
				.add(Updates.unset("timers." + escape(timer.key())));
		}
		List<WriteModel<Document>> writes = new ArrayList<>();
		updates
			.forEach((id, unsets) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(unsets))));
		this.collection.bulkWrite(writes);
	}

	/**
	 * Removes a timer set for {@code dueAt}, if it is still there (best effort: a timer
	 * that was moved to a later slot because it was due at once is not found, and one may
	 * be firing right now; a timer's handler must tolerate stale timers).
	 */
	public void cancel(String key, Instant dueAt) {
		this.collection.updateOne(Filters.eq("_id", documentId(slotOf(dueAt), shardOf(key))),
				Updates.unset("timers." + escape(key)));
	}

	/** Starts firing due timers on a thread of its own (when this instance leads). */
	public synchronized void start(Handler handler) {
		if (this.scheduler != null) {
			return;
		}
		this.stopping = false;
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("timers-" + this.name).daemon().factory());
		long period = this.settings.pollInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(() -> {
			try {
				while (poll(handler) >= this.settings.batchSize()) {
					// more are due: go on at once
				}
			}
			catch (RuntimeException ex) {
				log.atLevel(this.stopping ? org.slf4j.event.Level.DEBUG : org.slf4j.event.Level.WARN)
					.log("Firing timers of {} failed, retrying: {}", this.name, ex.toString());
			}
		}, 0, period, TimeUnit.MILLISECONDS);
	}

	public synchronized void stop() {
		if (this.scheduler == null) {
			return;
		}
		// a round interrupted now fails: that is the stop, not a failure to warn about
		this.stopping = true;
		this.scheduler.shutdownNow();
		try {
			this.scheduler.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.scheduler = null;
		release();
	}

	@Override
	public void close() {
		stop();
	}

	public boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * One pass: when this instance leads, fires what is due (at most one batch) and
	 * tidies up slots past their grace period.
	 * @return how many timers fired
	 */
	public synchronized int poll(Handler handler) {
		Instant now = this.clock.instant();
		if (now.isBefore(this.pauseUntil) || !lead(now)) {
			return 0;
		}
		if (this.nextSlot < 0) {
			this.cursor = readCursor(now);
			this.nextSlot = this.cursor;
		}
		long currentSlot = slotOf(now);
		List<Timer> due = new ArrayList<>();
		Map<String, List<String>> firedKeys = new LinkedHashMap<>();
		long resumeAt = -1;
		long from = this.nextSlot;
		while (from <= currentSlot && resumeAt < 0) {
			// a few slots by their ids; after a pause, everything up to now as one range
			long to = (currentSlot - from > 64) ? currentSlot : Math.min(currentSlot, from + 15);
			for (Document doc : readSlots(from, to)) {
				if (collectDue(doc, now, due, firedKeys)) {
					resumeAt = slotOfId(doc.getString("_id"));
					break;
				}
			}
			from = to + 1;
		}
		if (!due.isEmpty() && !fire(handler, due, firedKeys, now)) {
			return 0;
		}
		if (resumeAt >= 0) {
			// the batch is full: everything before this slot has fired
			this.nextSlot = resumeAt;
			return due.size();
		}
		// every slot that has ended fired completely; the current one stays open
		this.nextSlot = slotEnd(currentSlot).isAfter(now) ? currentSlot : currentSlot + 1;
		return due.size() + closeSlotsPastGrace(handler, now) + sweepIfDue(handler, now);
	}

	private boolean collectDue(Document doc, Instant now, List<Timer> due, Map<String, List<String>> firedKeys) {
		Document entries = doc.get("timers", Document.class);
		if (entries == null) {
			return false;
		}
		for (Map.Entry<String, Object> e : entries.entrySet()) {
			Document entry = (Document) e.getValue();
			Instant dueAt = entry.getDate("d").toInstant();
			if (!dueAt.isAfter(now)) {
				due.add(new Timer(entry.getString("k"), dueAt, entry.get("x", Document.class)));
				firedKeys.computeIfAbsent(doc.getString("_id"), (k) -> new ArrayList<>()).add(e.getKey());
				if (due.size() >= this.settings.batchSize()) {
					return true;
				}
			}
		}
		return false;
	}

	private boolean fire(Handler handler, List<Timer> due, Map<String, List<String>> firedKeys, Instant now) {
		try {
			handler.fire(List.copyOf(due));
		}
		catch (Exception ex) {
			log.warn("Handler of {} failed for {} timers, retrying in {}: {}", this.name, due.size(),
					this.settings.retryDelay(), ex.toString());
			this.pauseUntil = now.plus(this.settings.retryDelay());
			return false;
		}
		List<WriteModel<Document>> removals = new ArrayList<>();
		firedKeys.forEach((id, keys) -> removals.add(new UpdateOneModel<>(Filters.eq("_id", id),
				Updates.combine(keys.stream().map((k) -> Updates.unset("timers." + k)).toList()))));
		this.collection.bulkWrite(removals);
		return true;
	}

	/**
	 * Slots whose grace period is over: anything written into them late fires now, then
	 * their documents go and the stored cursor moves past them.
	 */
	private int closeSlotsPastGrace(Handler handler, Instant now) {
		long closable = Math.min(slotOf(now.minus(this.settings.grace())) - 1, this.nextSlot - 1);
		if (closable < this.cursor) {
			return 0;
		}
		List<Timer> late = new ArrayList<>();
		Map<String, List<String>> keys = new LinkedHashMap<>();
		boolean full = false;
		for (Document doc : readSlots(this.cursor, closable)) {
			if (collectDue(doc, Instant.MAX, late, keys)) {
				full = true;
				break;
			}
		}
		if (!late.isEmpty()) {
			log.debug("{} timers of {} were written late into closing slots", late.size(), this.name);
			if (!fire(handler, late, keys, now)) {
				return 0;
			}
			if (full) {
				// more than a batch: the rest at the next pass, before anything is
				// deleted
				return late.size();
			}
		}
		// only documents left empty: a timer written since they were read stays, and the
		// sweep fires it
		this.collection.deleteMany(Filters.and(slotRange(this.cursor, closable), EMPTY));
		this.cursor = closable + 1;
		this.collection.updateOne(Filters.eq("_id", CURSOR), Updates.set("slot", this.cursor),
				new UpdateOptions().upsert(true));
		return late.size();
	}

	/** The safety net: slot documents below the cursor (written after they closed). */
	private int sweepIfDue(Handler handler, Instant now) {
		if (now.isBefore(this.lastSweep.plus(this.settings.sweepInterval()))) {
			return 0;
		}
		List<Timer> stray = new ArrayList<>();
		Map<String, List<String>> keys = new LinkedHashMap<>();
		List<String> ids = new ArrayList<>();
		boolean full = false;
		for (Document doc : this.collection
			.find(Filters.and(Filters.gte("_id", SLOT_PREFIX), Filters.lt("_id", documentId(this.cursor, 0))))) {
			ids.add(doc.getString("_id"));
			if (collectDue(doc, Instant.MAX, stray, keys)) {
				full = true;
				break;
			}
		}
		if (!stray.isEmpty()) {
			log.info("{} timers of {} were found below the cursor and fire now", stray.size(), this.name);
			if (!fire(handler, stray, keys, now)) {
				return 0;
			}
		}
		if (!full) {
			// swept completely (else the rest at the next pass)
			this.lastSweep = now;
		}
		if (!ids.isEmpty()) {
			this.collection.deleteMany(Filters.and(Filters.in("_id", ids), EMPTY));
		}
		return stray.size();
	}

	/**
	 * The documents of slots {@code from} to {@code to}, by {@code _id}: looked up one by
	 * one for a few slots, as a range for many (catching up after a pause).
	 */
	private List<Document> readSlots(long from, long to) {
		List<Document> docs = this.collection.find(slotRange(from, to)).into(new ArrayList<>());
		docs.sort((a, b) -> a.getString("_id").compareTo(b.getString("_id")));
		return docs;
	}

	private Bson slotRange(long from, long to) {
		if ((to - from + 1) * this.settings.shards() > 256) {
			return Filters.and(Filters.gte("_id", documentId(from, 0)), Filters.lt("_id", documentId(to + 1, 0)));
		}
		List<String> ids = new ArrayList<>();
		for (long s = from; s <= to; s++) {
			for (int shard = 0; shard < this.settings.shards(); shard++) {
				ids.add(documentId(s, shard));
			}
		}
		return Filters.in("_id", ids);
	}

	private long readCursor(Instant now) {
		Document stored = this.collection.find(Filters.eq("_id", CURSOR)).first();
		if (stored != null) {
			return stored.get("slot", Number.class).longValue();
		}
		Document earliest = this.collection.find(Filters.gte("_id", SLOT_PREFIX))
			.sort(new Document("_id", 1))
			.limit(1)
			.first();
		long start = (earliest != null) ? slotOfId(earliest.getString("_id")) : slotOf(now);
		this.collection.updateOne(Filters.eq("_id", CURSOR), Updates.set("slot", start),
				new UpdateOptions().upsert(true));
		return start;
	}

	/** Takes or renews the lease; a new leader starts from the stored cursor. */
	private boolean lead(Instant now) {
		Lease.Held held = this.lease.check();
		if (!held.leads()) {
			this.nextSlot = -1;
			return false;
		}
		if (held.justTaken()) {
			if (this.nextSlot >= 0) {
				// it led a moment ago: one pass took longer than the lease allows
				log.warn(
						"The lease on the timers of {} lapsed while this instance fired them (a pass took "
								+ "longer than {} of its {}); taken again, going on from the stored cursor",
						this.name, this.settings.lease().multipliedBy(5).dividedBy(6), this.settings.lease());
			}
			else {
				log.info("This instance fires the timers of {}", this.name);
			}
			this.nextSlot = -1;
		}
		return true;
	}

	private void release() {
		this.lease.release();
		this.nextSlot = -1;
	}

	long slotOf(Instant time) {
		return Math.floorDiv(time.toEpochMilli(), this.settings.slotWidth().toMillis());
	}

	private Instant slotEnd(long slot) {
		return Instant.ofEpochMilli((slot + 1) * this.settings.slotWidth().toMillis());
	}

	private int shardOf(String key) {
		return Math.floorMod(key.hashCode(), this.settings.shards());
	}

	private String documentId(long slot, int shard) {
		return String.format("%s%013d:%02d", SLOT_PREFIX, slot * this.settings.slotWidth().toMillis(), shard);
	}

	private long slotOfId(String id) {
		return Long.parseLong(id.substring(SLOT_PREFIX.length(), SLOT_PREFIX.length() + 13))
				/ this.settings.slotWidth().toMillis();
	}

	/** Map keys may not contain '.' or start with '$'. */
	private static String escape(String key) {
		return key.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
	}

}
