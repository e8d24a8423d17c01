package dev.ticketloop.insightsservice.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ticketloop.contracts.TopicSpec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.TopicSpec.CleanupPolicy;
import dev.ticketloop.platform.PlatformProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics insights-service reads: the published language's three that carry what it
 * counts, and its backfill topic ({@code ticketloop.insights.backfill-topic}, by default
 * {@code ticketloop.replay.insights}), onto which operators republish history older than
 * the public topics keep (ADR 17: {@code bin/ticketloop republish ticket-service
 * --replay-topic insights}, and the same for routing-service). Every update of the sheets
 * is idempotent by CloudEvents id, so an event read from both is counted once. The
 * backfill topic is created here with the replay topics' retention, and a dead-letter
 * topic beside it.
 */
@Configuration(proxyBeanMethods = false)
public class ReadTopics {

	/** The public topics read. */
	static final List<String> PUBLISHED = List.of(Topics.TICKET_EVENTS, Topics.ROUTING_DECISIONS,
			Topics.ENGINEERING_ISSUES);

	/** The backfill topic's default name. */
	public static final String DEFAULT_BACKFILL = "ticketloop.replay.insights";

	private final String backfill;

	private final List<NewTopic> backfillTopics;

	ReadTopics(@Value("${ticketloop.insights.backfill-topic:" + DEFAULT_BACKFILL + "}") String backfill,
			PlatformProperties properties) {
		if (backfill.isBlank() || PUBLISHED.contains(backfill)) {
			throw new IllegalArgumentException(
					"ticketloop.insights.backfill-topic must name a topic of its own, not '" + backfill + "'");
		}
		this.backfill = backfill;
		PlatformProperties.Kafka kafka = properties.kafka();
		this.backfillTopics = List.of(
				TopicBuilder.name(backfill)
					.partitions(kafka.partitions())
					.replicas(kafka.replicationFactor())
					.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(kafka.replayRetention().toMillis()))
					.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(kafka.minInsyncReplicas()))
					.build(),
				TopicBuilder.name(backfill + TopicSpec.DEAD_LETTER_SUFFIX)
					.partitions(kafka.partitions())
					.replicas(kafka.replicationFactor())
					.config(TopicConfig.RETENTION_MS_CONFIG, "-1")
					.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(kafka.minInsyncReplicas()))
					.build());
	}

	/** Every topic read: the public ones, then the backfill topic. */
	public List<String> all() {
		List<String> all = new ArrayList<>(PUBLISHED);
		all.add(this.backfill);
		return List.copyOf(all);
	}

	public String backfill() {
		return this.backfill;
	}

	/**
	 * Creates the backfill topic and its dead-letter topic when they are missing (the
	 * broker was away at the start, or an operator deleted them): a replay's reset and
	 * the consumer group's lag describe every topic read, and one missing fails them all.
	 */
	void ensureBackfill(Admin admin) throws InterruptedException {
		CreateTopicsResult created = admin.createTopics(this.backfillTopics);
		for (KafkaFuture<Void> future : created.values().values()) {
			try {
				future.get(10, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw new IllegalStateException("The backfill topic cannot be created: " + ex.getCause(), ex);
				}
			}
			catch (TimeoutException ex) {
				throw new IllegalStateException("The backfill topic cannot be created in 10 s", ex);
			}
		}
	}

	/**
	 * The backfill topic as the platform's dead-letter tools know topics: what cannot be
	 * read from it is listed, retried and discarded like the public topics' dead letters.
	 */
	@Bean
	TopicSpec insightsBackfillTopicSpec(PlatformProperties properties) {
		return new TopicSpec(this.backfill,
				"History republished from ticket-service's and routing-service's event stores for insights-service.",
				"as on the public topics", "operators (republish jobs)", List.of(properties.service()),
				CleanupPolicy.DELETE, properties.kafka().replayRetention(), true);
	}

	@Bean
	KafkaAdmin.NewTopics insightsBackfillTopic() {
		return new KafkaAdmin.NewTopics(this.backfillTopics.toArray(NewTopic[]::new));
	}

}
