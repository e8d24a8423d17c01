package dev.ticketloop.platform.kafka;

import java.util.stream.Stream;

import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.CloudEventCodec.MalformedEventException;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.platform.PlatformProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.modelling.command.AggregateNotFoundException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.config.BeanPostProcessor;
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

	/**
	 * Creates the published topics if they do not exist yet (idempotent): the event
	 * topics with the configured retention, the template library's compacted (the latest
	 * record of each template is kept, whatever its age: it is read from the beginning).
	 */
	@Bean
	public KafkaAdmin.NewTopics ticketloopTopics(PlatformProperties properties) {
		Stream<NewTopic> events = Stream
			.of(Topics.TICKET_EVENTS, Topics.ROUTING_DECISIONS, Topics.NOTIFICATION_RECEIPTS, Topics.ENGINEERING_ISSUES)
			.map((name) -> TopicBuilder.name(name)
				.partitions(properties.kafka().partitions())
				.replicas(properties.kafka().replicationFactor())
				.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(properties.kafka().retention().toMillis()))
				.build());
		Stream<NewTopic> compacted = Stream.of(TopicBuilder.name(Topics.ROUTING_TEMPLATES)
			.partitions(properties.kafka().partitions())
			.replicas(properties.kafka().replicationFactor())
			.compact()
			.build());
		return new KafkaAdmin.NewTopics(Stream.concat(events, compacted).toArray(NewTopic[]::new));
	}

	/**
	 * The topics' retention is applied to topics that exist already too (a changed
	 * {@code ticketloop.kafka.retention} takes effect at the next start).
	 */
	@Bean
	public static BeanPostProcessor ticketloopTopicConfigs() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof KafkaAdmin admin) {
					admin.setModifyTopicConfigs(true);
				}
				return bean;
			}

		};
	}

	@Bean
	@ConditionalOnBean(IntegrationEventMapper.class)
	public PublishedRecords publishedRecords(IntegrationEventMapper mapper, CloudEventCodec codec,
			PlatformProperties properties) {
		return new PublishedRecords(mapper, codec, properties.service());
	}

	@Bean
	@ConditionalOnBean(IntegrationEventMapper.class)
	public KafkaOutboxPublisher kafkaOutboxPublisher(PublishedRecords records,
			KafkaTemplate<String, byte[]> kafkaTemplate) {
		return new KafkaOutboxPublisher(records, kafkaTemplate);
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
