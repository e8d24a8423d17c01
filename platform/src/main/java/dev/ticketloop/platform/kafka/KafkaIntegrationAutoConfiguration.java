package dev.ticketloop.platform.kafka;

import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.CloudEventCodec.MalformedEventException;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.platform.PlatformProperties;
import org.axonframework.modelling.command.AggregateNotFoundException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka between the services: topics, the outbox publisher and consumer error handling.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(PlatformProperties.class)
public class KafkaIntegrationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public CloudEventCodec cloudEventCodec() {
		return new CloudEventCodec();
	}

	/** Creates the published topics if they do not exist yet (idempotent). */
	@Bean
	public KafkaAdmin.NewTopics ticketloopTopics(PlatformProperties properties) {
		int partitions = properties.kafka().partitions();
		short replicas = properties.kafka().replicationFactor();
		return new KafkaAdmin.NewTopics(
				TopicBuilder.name(Topics.TICKET_EVENTS).partitions(partitions).replicas(replicas).build(),
				TopicBuilder.name(Topics.ROUTING_DECISIONS).partitions(partitions).replicas(replicas).build(),
				TopicBuilder.name(Topics.NOTIFICATION_RECEIPTS).partitions(partitions).replicas(replicas).build(),
				TopicBuilder.name(Topics.ENGINEERING_ISSUES).partitions(partitions).replicas(replicas).build());
	}

	@Bean
	@ConditionalOnBean(IntegrationEventMapper.class)
	public KafkaOutboxPublisher kafkaOutboxPublisher(IntegrationEventMapper mapper,
			KafkaTemplate<String, byte[]> kafkaTemplate, CloudEventCodec codec, PlatformProperties properties) {
		return new KafkaOutboxPublisher(mapper, kafkaTemplate, codec, properties.service());
	}

	/**
	 * A record whose handling fails is retried with back-off (1 s doubling to 30 s,
	 * without end: a consumer never drops an event because a dependency was briefly
	 * away). Records that can never succeed (not a CloudEvent, about a ticket this
	 * service does not know) are logged and skipped.
	 */
	@Bean
	@ConditionalOnMissingBean
	public DefaultErrorHandler kafkaErrorHandler() {
		ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
		backOff.setMaxInterval(30_000);
		DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
		handler.addNotRetryableExceptions(MalformedEventException.class, AggregateNotFoundException.class);
		return handler;
	}

}
