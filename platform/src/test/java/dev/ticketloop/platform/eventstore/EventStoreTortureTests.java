package dev.ticketloop.platform.eventstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ticketloop.platform.eventstore.Engines.Written;
import dev.ticketloop.platform.eventstore.MongoEventStorageEngine.AppendStep;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many writers on overlapping aggregates, one writer that dies in the middle of its
 * appends, one so slow that readers release its positions before it writes, and two
 * tracking readers reading all the while. Afterwards each reader has seen every committed
 * event exactly once, nothing that was not committed, each aggregate in order, even when
 * they stop inside a commit and go on from there, and no event has a token that the one
 * before it covers (Axon would skip it); and no gap is left behind. The writers and
 * readers share two engines on one database, as two instances of a service do (each
 * engine with its own reservation lock, its own view of missing positions).
 */
@IntegrationTest
class EventStoreTortureTests {

	private static final int HONEST_WRITERS = 8;

	private static final int APPENDS_PER_WRITER = Integer.getInteger("torture.appends", 120);

	private static final int AGGREGATES = Integer.getInteger("torture.aggregates", 12);

	private static final Duration GAP_TIMEOUT = Duration.ofMillis(400);

	private MongoClient client;

	private MongoEventStorageEngine engine;

	/** A second instance's engine on the same database. */
	private MongoEventStorageEngine other;

	private final Map<String, Written> committed = new ConcurrentHashMap<>();

	private final AtomicInteger conflicts = new AtomicInteger();

	private final List<String> failedWriters = new CopyOnWriteArrayList<>();

	private final AtomicInteger killed = new AtomicInteger();

	private final AtomicInteger slowCommitted = new AtomicInteger();

	@BeforeEach
	void setUp() {
		this.client = MongoClients.create(TestInfrastructure.get().mongoConnectionString());
		MongoDatabase database = this.client.getDatabase(TestInfrastructure.uniqueDatabase("torture"));
		this.engine = Engines.engine(database, GAP_TIMEOUT);
		this.engine.appendHook(this::misbehave);
		this.other = Engines.engine(database, GAP_TIMEOUT);
		this.other.appendHook(this::misbehave);
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	/**
	 * The killer dies after reserving or after claiming its stream; the slow one dawdles.
	 */
	private void misbehave(AppendStep step) {
		String name = Thread.currentThread().getName();
		if (name.startsWith("killer") && step != AppendStep.COMMITTED) {
			boolean dieEarly = ThreadLocalRandom.current().nextBoolean();
			if (step == AppendStep.RESERVED && dieEarly || step == AppendStep.STREAM_CLAIMED) {
				this.killed.incrementAndGet();
				throw new WriterKilled();
			}
		}
		if (name.startsWith("slow") && step == AppendStep.STREAM_CLAIMED) {
			pause(GAP_TIMEOUT.multipliedBy(3).toMillis());
		}
	}

	@Test
	void every_committed_event_reaches_each_reader_exactly_once_in_order() throws Exception {
		AtomicBoolean reading = new AtomicBoolean(true);
		Reader first = new Reader("reader-1", reading);
		Reader second = new Reader("reader-2", reading);
		first.start();
		second.start();

		List<Thread> writers = new ArrayList<>();
		for (int w = 0; w < HONEST_WRITERS; w++) {
			writers.add(new Thread(() -> write(APPENDS_PER_WRITER), "writer-" + w));
		}
		writers.add(new Thread(() -> write(APPENDS_PER_WRITER / 4), "killer"));
		writers.add(new Thread(() -> write(6), "slow"));
		writers.forEach((writer) -> writer
			.setUncaughtExceptionHandler((t, ex) -> this.failedWriters.add(t.getName() + ": " + ex)));
		writers.forEach(Thread::start);
		for (Thread writer : writers) {
			writer.join(Duration.ofMinutes(15));
			assertThat(writer.isAlive()).as(writer.getName() + " finished").isFalse();
		}

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(first.seen.size()).isGreaterThanOrEqualTo(this.committed.size());
			assertThat(second.seen.size()).isGreaterThanOrEqualTo(this.committed.size());
			assertThat(first.lastGaps()).isEmpty();
			assertThat(second.lastGaps()).isEmpty();
		});
		reading.set(false);
		first.join();
		second.join();
		System.out.printf("TORTURE committed=%d killed=%d conflicts=%d slow-committed=%d%n", this.committed.size(),
				this.killed.get(), this.conflicts.get(), this.slowCommitted.get());

		assertThat(this.failedWriters).as("writers that died of something unexpected").isEmpty();
		assertThat(this.killed.get()).as("appends killed mid-way").isPositive();
		assertThat(this.conflicts.get()).as("optimistic-lock conflicts").isPositive();
		assertThat(this.slowCommitted.get()).as("slow appends that still committed").isPositive();
		for (Reader reader : List.of(first, second)) {
			assertThat(reader.failures).as(reader.getName() + " order violations").isEmpty();
			assertThat(reader.seen).as(reader.getName() + " saw each event once").doesNotHaveDuplicates();
			assertThat(new HashSet<>(reader.seen)).as(reader.getName() + " saw exactly what was committed")
				.isEqualTo(this.committed.keySet());
		}
		Map<String, Long> perAggregate = new HashMap<>();
		this.committed.values().forEach((w) -> perAggregate.merge(w.aggregate(), 1L, Long::sum));
		perAggregate.forEach((aggregate, count) -> {
			List<Long> sequences = this.engine.readEvents(aggregate)
				.asStream()
				.map(DomainEventMessage::getSequenceNumber)
				.toList();
			assertThat(sequences).as("stream of " + aggregate)
				.containsExactlyElementsOf(java.util.stream.LongStream.range(0, count).boxed().toList());
			assertThat(this.engine.lastSequenceNumberFor(aggregate)).contains(count - 1);
		});
	}

	/** Odd writers and the slow one append through the second engine. */
	private MongoEventStorageEngine engineOf(String writer) {
		boolean odd = writer.startsWith("writer-") && Integer.parseInt(writer.substring(7)) % 2 == 1;
		return (odd || writer.startsWith("slow")) ? this.other : this.engine;
	}

	/**
	 * Appends 1-3 events to random aggregates, retrying on conflicts, as a command bus
	 * would.
	 */
	private void write(int appends) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		boolean slow = Thread.currentThread().getName().startsWith("slow");
		for (int done = 0; done < appends;) {
			String aggregate = "aggregate-" + random.nextInt(AGGREGATES);
			MongoEventStorageEngine engine = engineOf(Thread.currentThread().getName());
			long next = engine.lastSequenceNumberFor(aggregate).map((s) -> s + 1).orElse(0L);
			List<DomainEventMessage<?>> events = Engines.events(aggregate, next, 1 + random.nextInt(3),
					Thread.currentThread().getName());
			try {
				engine.appendEvents(events);
				events.forEach((e) -> this.committed.put(e.getIdentifier(), (Written) e.getPayload()));
				if (slow) {
					this.slowCommitted.incrementAndGet();
				}
				done++;
			}
			catch (ConcurrencyException | AggregateStreamCreationException ex) {
				this.conflicts.incrementAndGet();
				pause(random.nextInt(3));
			}
			catch (RuntimeException ex) {
				if (!(ex instanceof WriterKilled) && !(ex.getCause() instanceof WriterKilled)) {
					throw ex;
				}
				done++;
			}
		}
	}

	private final class Reader extends Thread {

		final List<String> seen = new CopyOnWriteArrayList<>();

		final List<String> failures = new CopyOnWriteArrayList<>();

		private final Map<String, Long> lastSequence = new HashMap<>();

		private final AtomicBoolean reading;

		private volatile TrackingToken token;

		Reader(String name, AtomicBoolean reading) {
			super(name);
			this.reading = reading;
		}

		Set<Long> lastGaps() {
			return (this.token instanceof GapAwareTrackingToken gapAware) ? gapAware.getGaps() : Set.of();
		}

		/**
		 * Reads as Axon's processors do: an event whose token the last one covers is
		 * skipped as seen, and a batch may end after any event (a processor's batch size,
		 * a restart), the next read starting from that event's token.
		 */
		@Override
		public void run() {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			while (this.reading.get()) {
				List<TrackedEventMessage<?>> batch = Engines.readAfter(getName().equals("reader-2")
						? EventStoreTortureTests.this.other : EventStoreTortureTests.this.engine, this.token);
				for (TrackedEventMessage<?> event : batch) {
					if (this.token != null && this.token.covers(event.trackingToken())) {
						this.failures.add(event.getPayload() + " has a token covered by the one before: skipped");
						continue;
					}
					Written written = (Written) event.getPayload();
					long expected = this.lastSequence.getOrDefault(written.aggregate(), -1L) + 1;
					if (written.sequence() != expected) {
						this.failures.add(written + " after " + (expected - 1));
					}
					this.lastSequence.put(written.aggregate(), written.sequence());
					this.seen.add(event.getIdentifier());
					this.token = event.trackingToken();
					if (random.nextInt(5) == 0) {
						break; // the rest of the batch is read again from this token
					}
				}
				if (batch.isEmpty()) {
					pause(20);
				}
			}
		}

	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** What the killer's hook throws: the writer died. */
	static class WriterKilled extends RuntimeException {

	}

}
