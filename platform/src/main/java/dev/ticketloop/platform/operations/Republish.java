package dev.ticketloop.platform.operations;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.ticketloop.platform.eventstore.StoredEvents;
import dev.ticketloop.platform.job.Job;
import dev.ticketloop.platform.job.JobHandler;
import dev.ticketloop.platform.job.ResumableJobs;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;

import dev.ticketloop.platform.kafka.PublishedRecords;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Backfill for other teams: the service's published language republished from its event
 * store for a time range, as a {@link ResumableJobs resumable job}. Each record is the
 * one the outbox sent (same CloudEvents id, source, time and key, see
 * {@link PublishedRecords}), so consumers deduplicate; it goes onto the public topics or
 * onto a named replay topic ({@code ticketloop.replay.<name>}, created with the replay
 * retention), at most {@code rate} records a second. The job saves its position after
 * every batch Kafka acknowledged; after a crash the next instance goes on from there (a
 * batch may go out twice: at least once, like the outbox).
 */
public final class Republish implements JobHandler {

	public static final String KIND = "republish";

	public static final String REPLAY_TOPIC_PREFIX = "ticketloop.replay.";

	private static final Pattern REPLAY_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

	static final int MAX_RATE = 100_000;

	static final int DEFAULT_RATE = 5_000;

	/**
	 * How long to wait for events still being written below the end of the range: a
	 * little over the store's gap timeout (10 s), after which a position whose writer
	 * never wrote it is released, so waiting longer finds nothing more.
	 */
	private static final Duration GAP_WAIT = Duration.ofSeconds(12);

	private final EventStorageEngine engine;

	private final PublishedRecords records;

	private final KafkaTemplate<String, byte[]> kafka;

	private final KafkaAdmin admin;

	private final EventExport positions;

	private final StoredEvents stored;

	private final Clock clock;

	private final Topics topics;

	/** How replay topics are created. */
	public record Topics(int partitions, short replicas, Duration retention) {
	}

	public Republish(EventStorageEngine engine, PublishedRecords records, KafkaTemplate<String, byte[]> kafka,
			KafkaAdmin admin, EventExport positions, StoredEvents stored, Clock clock, Topics topics) {
		this.engine = engine;
		this.records = records;
		this.kafka = kafka;
		this.admin = admin;
		this.positions = positions;
		this.stored = stored;
		this.clock = clock;
		this.topics = topics;
	}

	@Override
	public String kind() {
		return KIND;
	}

	/** What an operator asks for. */
	public record Request(Instant from, Instant to, String replayTopic, Integer rate) {

		/** Checks the request, filling in defaults: {@code to} now, the rate 5,000/s. */
		public Request validated(Instant now) {
			if (this.from == null) {
				throw new IllegalArgumentException("from: required (an ISO-8601 instant)");
			}
			Instant end = (this.to != null) ? this.to : now;
			if (!this.from.isBefore(end)) {
				throw new IllegalArgumentException("from: must be before to");
			}
			if (end.isAfter(now)) {
				throw new IllegalArgumentException("to: must not be in the future");
			}
			if (this.replayTopic != null && !REPLAY_NAME.matcher(this.replayTopic).matches()) {
				throw new IllegalArgumentException(
						"replayTopic: lower-case letters, digits, '.', '_' or '-', at most 100 (it becomes "
								+ REPLAY_TOPIC_PREFIX + "<name>)");
			}
			int perSecond = (this.rate != null) ? this.rate : DEFAULT_RATE;
			if (perSecond < 1 || perSecond > MAX_RATE) {
				throw new IllegalArgumentException("rate: between 1 and " + MAX_RATE + " records a second");
			}
			return new Request(this.from, end, this.replayTopic, perSecond);
		}

		String topic() {
			return (this.replayTopic != null) ? REPLAY_TOPIC_PREFIX + this.replayTopic : null;
		}

	}

	/** The job's parameters and first checkpoint for a validated request. */
	Document[] jobOf(Request request) {
		long first = this.positions.firstPosition(request.from().minus(EventExport.STRAGGLERS));
		long until = this.stored.bound();
		Document parameters = new Document("from", Date.from(request.from())).append("to", Date.from(request.to()))
			.append("topic", request.topic())
			.append("rate", request.rate())
			.append("firstPosition", first)
			.append("until", until);
		return new Document[] { parameters, new Document("position", first) };
	}

	@Override
	public void run(Job job) throws Exception {
		Document parameters = job.parameters();
		Instant from = parameters.getDate("from").toInstant();
		Instant to = parameters.getDate("to").toInstant();
		String topic = parameters.getString("topic");
		int rate = parameters.get("rate", Number.class).intValue();
		long first = parameters.get("firstPosition", Number.class).longValue();
		long until = parameters.get("until", Number.class).longValue();
		if (topic != null) {
			this.admin.createOrModifyTopics(TopicBuilder.name(topic)
				.partitions(this.topics.partitions())
				.replicas(this.topics.replicas())
				.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(this.topics.retention().toMillis()))
				.build());
			job.stillRunning();
		}
		Document counters = job.counters();
		long published = counters.get("published", 0L);
		long read = counters.get("read", 0L);
		long position = job.checkpoint().get("position", Number.class).longValue();
		int batchSize = Math.max(1, Math.min(500, rate / 4));
		TrackingToken token = (position == 0) ? null : GapAwareTrackingToken.newInstance(position - 1, List.of());
		long began = System.nanoTime();
		long publishedHere = 0;
		Instant idleSince = null;
		boolean passedEnd = false;
		byte[] jobHeader = job.id().getBytes(StandardCharsets.UTF_8);
		if (first >= until) {
			return; // nothing was stored in the range
		}
		while (true) {
			List<CompletableFuture<?>> sends = new ArrayList<>();
			int readNow = 0;
			try (Stream<? extends TrackedEventMessage<?>> stream = this.engine.readEvents(token, false)) {
				Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
				while (readNow < batchSize && events.hasNext()) {
					TrackedEventMessage<?> event = events.next();
					if (index(event.trackingToken()) >= until) {
						// everything below the end was read, but for the positions still
						// being written there: keep those as gaps to wait for
						passedEnd = true;
						token = GapAwareTrackingToken.newInstance(until - 1, gapsOf(event.trackingToken(), until));
						break;
					}
					token = event.trackingToken();
					readNow++;
					Instant at = event.getTimestamp();
					if (at.isBefore(from) || !at.isBefore(to)) {
						continue;
					}
					Optional<ProducerRecord<String, byte[]>> record = this.records.of(event, topic);
					if (record.isPresent()) {
						record.get().headers().add(new RecordHeader("ticketloop-republish", jobHeader));
						sends.add(this.kafka.send(record.get()));
					}
				}
			}
			if (!sends.isEmpty()) {
				this.kafka.flush();
				awaitAcknowledgements(job, sends);
			}
			published += sends.size();
			publishedHere += sends.size();
			read += readNow;
			long safe = safePosition(token, first);
			job.checkpoint(new Document("position", safe),
					new Document("read", read).append("published", published)
						.append("total", until - first)
						.append("done", Math.max(0, Math.min(until, safe) - first))
						.append("at", Date.from(this.clock.instant())));
			boolean atEnd = passedEnd || (token != null && index(token) >= until - 1);
			if (atEnd && gapsBelow(token, until) == 0) {
				return;
			}
			if (readNow > 0) {
				idleSince = null;
				pace(began, publishedHere, rate);
				continue;
			}
			// nothing more to read below the end yet: positions being written, or
			// reserved by a writer that died (the store releases those after its gap
			// timeout)
			idleSince = (idleSince != null) ? idleSince : this.clock.instant();
			if (this.clock.instant().isAfter(idleSince.plus(GAP_WAIT))) {
				return;
			}
			Thread.sleep(250);
		}
	}

	/**
	 * Waits for Kafka's acknowledgement of every send of the batch, renewing the job's
	 * claim every 2 s meanwhile (a broker that is slow to answer must not let the claim
	 * lapse and a second instance run the job too).
	 */
	private static void awaitAcknowledgements(Job job, List<CompletableFuture<?>> sends) throws Exception {
		CompletableFuture<Void> all = CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (true) {
			try {
				all.get(2, TimeUnit.SECONDS);
				return;
			}
			catch (java.util.concurrent.TimeoutException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				job.stillRunning();
			}
		}
	}

	/** The gaps of a token below a position. */
	private static List<Long> gapsOf(TrackingToken token, long below) {
		return (token instanceof GapAwareTrackingToken gapAware)
				? gapAware.getGaps().stream().filter((g) -> g < below).toList() : List.of();
	}

	/** Sleeps so that records go out at most at the rate. */
	private static void pace(long began, long published, int rate) throws InterruptedException {
		long due = began + published * 1_000_000_000L / rate;
		long wait = due - System.nanoTime();
		if (wait > 0) {
			TimeUnit.NANOSECONDS.sleep(wait);
		}
	}

	private static long index(TrackingToken token) {
		return (token instanceof GapAwareTrackingToken gapAware) ? gapAware.getIndex() : token.position().orElseThrow();
	}

	/** The lowest position not yet read for sure: the oldest gap, or the one after. */
	private static long safePosition(TrackingToken token, long first) {
		if (token == null) {
			return first;
		}
		if (token instanceof GapAwareTrackingToken gapAware && !gapAware.getGaps().isEmpty()) {
			return gapAware.getGaps().first();
		}
		return index(token) + 1;
	}

	private static long gapsBelow(TrackingToken token, long until) {
		return (token instanceof GapAwareTrackingToken gapAware)
				? gapAware.getGaps().stream().filter((g) -> g < until).count() : 0;
	}

}
