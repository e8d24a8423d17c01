package dev.ticketloop.insightsservice.facts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.ticketloop.platform.timer.Lease;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * A replay of the topics into the read models, on every instance at once, the way Kafka
 * resets a consumer group: every instance stops its listener; once the group has no
 * member, one instance (a lease) sets the group's offsets to the beginning of every
 * partition of the topics it reads (the backfill topic too), forgets the sheets and the
 * days' tickets, and lets the listeners start again. Requested by an operator
 * ({@code POST /operations/insights/replay}); the state lives in MongoDB
 * ({@code insight_control}), so an instance that dies half-way leaves the replay to the
 * others.
 */
@Component
public class Replays implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Replays.class);

	static final String STOPPING = "stopping";

	static final String RUNNING = "running";

	private final MongoCollection<Document> control;

	private final FactStore facts;

	private final KafkaListenerEndpointRegistry listeners;

	private final KafkaAdmin kafkaAdmin;

	private final String group;

	private final Lease lease;

	private final Clock clock;

	private final ReadTopics topics;

	private ScheduledExecutorService executor;

	/** Set while the service stops: what fails then is the stop's doing, not a fault. */
	private volatile boolean stopping;

	public Replays(MongoDatabase database, FactStore facts, KafkaListenerEndpointRegistry listeners,
			KafkaAdmin kafkaAdmin, @Value("${spring.kafka.consumer.group-id}") String group, Clock clock,
			ReadTopics topics) {
		this.topics = topics;
		this.control = database.getCollection("insight_control");
		this.facts = facts;
		this.listeners = listeners;
		this.kafkaAdmin = kafkaAdmin;
		this.group = group;
		this.clock = clock;
		this.lease = new Lease(database.getCollection("insight_leases"), "replay", clock, Duration.ofSeconds(20));
	}

	/** The state of the latest replay, if any was requested. */
	public record Status(long generation, String state, Instant requestedAt, Instant resetAt, String requestedBy) {
	}

	public Status request(String by) {
		Document requested = this.control.findOneAndUpdate(Filters.eq("_id", "replay"),
				Updates.combine(Updates.inc("generation", 1L), Updates.set("state", STOPPING),
						Updates.set("requestedAt", Date.from(this.clock.instant())), Updates.set("requestedBy", by),
						Updates.unset("resetAt")),
				new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
		log.info("Replay {} of the topics requested by {}", requested.get("generation"), by);
		return status(requested);
	}

	public Optional<Status> status() {
		return Optional.ofNullable(this.control.find(Filters.eq("_id", "replay")).first()).map(Replays::status);
	}

	private static Status status(Document document) {
		Date reset = document.getDate("resetAt");
		return new Status(document.get("generation", Number.class).longValue(), document.getString("state"),
				document.getDate("requestedAt").toInstant(), (reset != null) ? reset.toInstant() : null,
				document.getString("requestedBy"));
	}

	void tick() {
		Document replay = this.control.find(Filters.eq("_id", "replay")).first();
		MessageListenerContainer container = this.listeners.getListenerContainer(PublishedEventsListener.LISTENER_ID);
		if (replay == null || container == null) {
			return;
		}
		if (STOPPING.equals(replay.getString("state"))) {
			if (container.isRunning()) {
				container.stop();
			}
			if (this.lease.check().leads()) {
				reset(replay.get("generation", Number.class).longValue());
			}
		}
		else if (!container.isRunning()) {
			container.start();
		}
	}

	/**
	 * Once the group is empty: its offsets to the beginning, the read models forgotten.
	 */
	private void reset(long generation) {
		try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
			ConsumerGroupDescription description = admin.describeConsumerGroups(java.util.List.of(this.group))
				.all()
				.get()
				.get(this.group);
			if (description != null && !description.members().isEmpty()) {
				return; // an instance still consumes: wait for it to stop
			}
			this.topics.ensureBackfill(admin);
			Map<String, TopicDescription> topics = admin.describeTopics(this.topics.all()).allTopicNames().get();
			Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
			topics.values()
				.forEach((topic) -> topic.partitions()
					.forEach((p) -> earliest.put(new TopicPartition(topic.name(), p.partition()),
							OffsetSpec.earliest())));
			Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
			admin.listOffsets(earliest)
				.all()
				.get()
				.forEach((partition, info) -> offsets.put(partition, new OffsetAndMetadata(info.offset())));
			admin.alterConsumerGroupOffsets(this.group, offsets).all().get();
			this.facts.clear();
			this.control.updateOne(Filters.and(Filters.eq("_id", "replay"), Filters.eq("generation", generation)),
					Updates.combine(Updates.set("state", RUNNING),
							Updates.set("resetAt", Date.from(this.clock.instant()))));
			log.info("Replay {}: the group's offsets are at the beginning of {} partitions, the sheets empty",
					generation, offsets.size());
		}
		catch (ExecutionException ex) {
			log.info("Replay {}: the group cannot be reset yet ({}); trying again", generation,
					ex.getCause().toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		this.stopping = false;
		this.executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("insights-replay").factory());
		this.executor.scheduleWithFixedDelay(() -> {
			try {
				tick();
			}
			catch (RuntimeException ex) {
				if (this.stopping || Thread.currentThread().isInterrupted()) {
					log.debug("Checking for a replay stopped by the service's stop: {}", ex.toString());
				}
				else {
					log.warn("Checking for a replay failed: {}", ex.toString());
				}
			}
		}, 500, 500, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.stopping = true;
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor = null;
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		// stops before the listener containers, so it never starts one during a stop
		return Integer.MAX_VALUE;
	}

}
