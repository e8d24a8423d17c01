package dev.ticketloop.insightsservice.facts;

import java.util.ArrayList;
import java.util.List;

import dev.ticketloop.contracts.TopicSpec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.platform.PlatformProperties;
import org.apache.kafka.clients.admin.NewTopic;
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

	ReadTopics(@Value("${ticketloop.insights.backfill-topic:" + DEFAULT_BACKFILL + "}") String backfill) {
		if (backfill.isBlank() || PUBLISHED.contains(backfill)) {
			throw new IllegalArgumentException(
					"ticketloop.insights.backfill-topic must name a topic of its own, not '" + backfill + "'");
		}
		this.backfill = backfill;
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

	@Bean
	KafkaAdmin.NewTopics insightsBackfillTopic(PlatformProperties properties) {
		PlatformProperties.Kafka kafka = properties.kafka();
		NewTopic topic = TopicBuilder.name(this.backfill)
			.partitions(kafka.partitions())
			.replicas(kafka.replicationFactor())
			.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(kafka.replayRetention().toMillis()))
			.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(kafka.minInsyncReplicas()))
			.build();
		NewTopic deadLetters = TopicBuilder.name(this.backfill + TopicSpec.DEAD_LETTER_SUFFIX)
			.partitions(kafka.partitions())
			.replicas(kafka.replicationFactor())
			.config(TopicConfig.RETENTION_MS_CONFIG, "-1")
			.build();
		return new KafkaAdmin.NewTopics(topic, deadLetters);
	}

}
