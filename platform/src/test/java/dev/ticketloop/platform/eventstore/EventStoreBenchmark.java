package dev.ticketloop.platform.eventstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ticketloop.infra.embedded.EmbeddedMongo;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

/**
 * Figures of the event store on the embedded stand-in (or on {@code MONGODB_URI}): append
 * rate with 1 and 8 writers, aggregate load time and tracking read rate as the store
 * grows, each next to the raw rate of the same database measured in the same run. Prints
 * a table. Run with {@code bin/benchmark-eventstore [max events, default 1000000]}.
 */
public final class EventStoreBenchmark {

	private static final String PAYLOAD = "x".repeat(120);

	private final MongoDatabase database;

	private final MongoEventStorageEngine engine;

	private final List<String[]> rows = new ArrayList<>();

	private final AtomicLong aggregates = new AtomicLong();

	private EventStoreBenchmark(MongoDatabase database) {
		this.database = database;
		this.engine = Engines.engine(database, Duration.ofSeconds(10));
	}

	public static void main(String[] args) throws Exception {
		long max = (args.length > 0) ? Long.parseLong(args[0]) : 1_000_000;
		String uri = System.getenv("MONGODB_URI");
		EmbeddedMongo embedded = (uri == null) ? EmbeddedMongo.inMemory() : null;
		try (MongoClient client = MongoClients.create((uri != null) ? uri : embedded.connectionString())) {
			MongoDatabase database = client.getDatabase("benchmark-" + System.currentTimeMillis());
			EventStoreBenchmark benchmark = new EventStoreBenchmark(database);
			benchmark.run(max);
			benchmark.print((uri != null) ? "MongoDB at MONGODB_URI" : "embedded stand-in (mongo-java-server, memory)");
			database.drop();
		}
		finally {
			if (embedded != null) {
				embedded.close();
			}
		}
	}

	private void run(long max) throws Exception {
		double insertMany = rawInsertManyRate();
		double insertOne = rawInsertOneRate();
		double lookups = rawIdLookupRate();
		row("raw insertMany(100), docs/s", insertMany, "", "");
		row("raw insertOne, docs/s", insertOne, "", "");
		row("raw _id lookup, lookups/s", lookups, "", "");

		double one = appendRate(1, 3_000, 1);
		row("append, 1 writer, 1 event/commit, events/s", one, "insertOne", one / insertOne);
		double eight = appendRate(8, 1_000, 1);
		row("append, 8 writers, 1 event/commit, events/s", eight, "insertOne", eight / insertOne);
		double batched = appendRate(8, 500, 10);
		row("append, 8 writers, 10 events/commit, events/s", batched, "insertMany", batched / insertMany);

		for (long size : new long[] { 10_000, 100_000, 1_000_000 }) {
			if (size > max) {
				row("at " + size + " events", Double.NaN, "not run (limit " + max + ")", "");
				continue;
			}
			fillTo(size);
			double rawLookup = rawCommitLookupMillis();
			double load = aggregateLoadMillis();
			double read = trackingReadRate();
			double rawRead = rawCommitReadRate();
			double append = appendRate(8, 250, 1);
			row("at " + size + ": raw _id lookup in event_commits, ms", rawLookup, "", "");
			row("at " + size + ": aggregate load (10 events), ms", load, "2 raw lookups", load / (2 * rawLookup));
			row("at " + size + ": raw _id $in(256) on event_commits, events/s", rawRead, "", "");
			row("at " + size + ": tracking read, events/s", read, "raw _id $in(256)", read / rawRead);
			row("at " + size + ": append, 8 writers, events/s", append, "insertOne", append / insertOne);
		}
	}

	private double rawInsertManyRate() {
		MongoCollection<Document> raw = this.database.getCollection("raw_many");
		int batches = 200;
		long start = System.nanoTime();
		for (int b = 0; b < batches; b++) {
			List<Document> docs = new ArrayList<>(100);
			for (int i = 0; i < 100; i++) {
				docs.add(new Document("_id", (long) b * 100 + i).append("p", PAYLOAD));
			}
			raw.insertMany(docs);
		}
		return batches * 100 / seconds(start);
	}

	private double rawInsertOneRate() {
		MongoCollection<Document> raw = this.database.getCollection("raw_one");
		int count = 5_000;
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			raw.insertOne(new Document("_id", (long) i).append("p", PAYLOAD));
		}
		return count / seconds(start);
	}

	private double rawIdLookupRate() {
		MongoCollection<Document> raw = this.database.getCollection("raw_one");
		int count = 5_000;
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			raw.find(Filters.eq("_id", (long) ThreadLocalRandom.current().nextInt(5_000))).first();
		}
		return count / seconds(start);
	}

	/**
	 * New aggregates, each commit appended as a command would (after its stream's first).
	 */
	private double appendRate(int writers, int commitsPerWriter, int eventsPerCommit) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(writers);
		long start = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int w = 0; w < writers; w++) {
			futures.add(executor.submit(() -> {
				for (int c = 0; c < commitsPerWriter; c++) {
					String aggregate = "a-" + this.aggregates.incrementAndGet();
					this.engine.appendEvents(Engines.events(aggregate, 0, eventsPerCommit, PAYLOAD));
				}
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		double rate = (double) writers * commitsPerWriter * eventsPerCommit / seconds(start);
		executor.shutdown();
		return rate;
	}

	/**
	 * Grows the store to the given size with 10-event commits (a stream of 10 per
	 * aggregate).
	 */
	private void fillTo(long size) throws Exception {
		long current = count();
		long missingCommits = Math.max(0, (size - current) / 10);
		int writers = 8;
		ExecutorService executor = Executors.newFixedThreadPool(writers);
		List<Future<?>> futures = new ArrayList<>();
		for (int w = 0; w < writers; w++) {
			long share = missingCommits / writers + ((w == 0) ? missingCommits % writers : 0);
			futures.add(executor.submit(() -> {
				for (long c = 0; c < share; c++) {
					this.engine.appendEvents(Engines.events("f-" + this.aggregates.incrementAndGet(), 0, 10, PAYLOAD));
				}
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		executor.shutdown();
	}

	private long count() {
		Document counter = this.database.getCollection(MongoEventStorageEngine.POSITIONS)
			.find(Filters.eq("_id", "global"))
			.first();
		return (counter != null) ? counter.get("next", Number.class).longValue() : 0;
	}

	private double aggregateLoadMillis() {
		int loads = 200;
		long highest = this.aggregates.get();
		long start = System.nanoTime();
		for (int i = 0; i < loads; i++) {
			String aggregate = "f-" + (1 + ThreadLocalRandom.current().nextLong(highest));
			this.engine.readEvents(aggregate).asStream().count();
		}
		return seconds(start) * 1000 / loads;
	}

	/** Reads 50,000 events (or all there are) from the middle of the store on. */
	private double trackingReadRate() {
		long size = count();
		long from = Math.max(0, size / 2 - 25_000);
		TrackingToken token = (from == 0) ? null : GapAwareTrackingToken.newInstance(from - 1, List.of());
		long read = 0;
		long start = System.nanoTime();
		while (read < 50_000) {
			List<TrackedEventMessage<?>> batch;
			try (Stream<? extends TrackedEventMessage<?>> stream = this.engine.readEvents(token, false)) {
				batch = new ArrayList<>(stream.limit(5_000).toList());
			}
			if (batch.isEmpty()) {
				break;
			}
			read += batch.size();
			token = batch.get(batch.size() - 1).trackingToken();
		}
		return read / seconds(start);
	}

	/**
	 * The store's own cost of one {@code _id} lookup in the commits collection at this
	 * size.
	 */
	private double rawCommitLookupMillis() {
		MongoCollection<Document> commits = this.database.getCollection(MongoEventStorageEngine.COMMITS);
		long size = count();
		int lookups = 400;
		long start = System.nanoTime();
		for (int i = 0; i < lookups; i++) {
			commits.find(Filters.eq("_id", ThreadLocalRandom.current().nextLong(size))).first();
		}
		return seconds(start) * 1000 / lookups;
	}

	/**
	 * Raw events/s of {@code _id $in} over 256 consecutive positions, as a reader asks.
	 */
	private double rawCommitReadRate() {
		MongoCollection<Document> commits = this.database.getCollection(MongoEventStorageEngine.COMMITS);
		long size = count();
		long from = Math.max(0, size / 2 - 25_000);
		long events = 0;
		long start = System.nanoTime();
		for (long p = from; p < Math.min(size, from + 50_000); p += 256) {
			List<Long> ids = java.util.stream.LongStream.range(p, p + 256).boxed().toList();
			for (Document d : commits.find(Filters.in("_id", ids))) {
				events += d.containsKey("events") ? d.getList("events", Document.class).size() : 0;
			}
		}
		return events / seconds(start);
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	private void row(String figure, double value, String baseline, Object ratio) {
		this.rows.add(
				new String[] { figure, Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.1f", value), baseline,
						(ratio instanceof Double d) ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(ratio) });
	}

	private void print(String store) {
		System.out.printf("%nEvent store benchmark on %s, %d cores, Java %s%n", store,
				Runtime.getRuntime().availableProcessors(), Runtime.version());
		System.out.printf("%-52s %14s  %-26s %s%n", "figure", "value", "baseline", "ratio");
		for (String[] row : this.rows) {
			System.out.printf("%-52s %14s  %-26s %s%n", (Object[]) row);
		}
	}

}
