package dev.ticketloop.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.CloudEventCodec.MalformedEventException;
import dev.ticketloop.contracts.TopicSpec;
import dev.ticketloop.contracts.TopicSpec.CleanupPolicy;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.platform.PlatformProperties;
import dev.ticketloop.platform.axon.AxonMongoAutoConfiguration;
import dev.ticketloop.platform.security.EndpointRules;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.modelling.command.AggregateNotFoundException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka between the services: topics as the contracts state them, the outbox publisher,
 * consumer error handling with dead-letter topics, and the contract documents served.
 */
@AutoConfiguration(after = AxonMongoAutoConfiguration.class,
		afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(PlatformProperties.class)
public class KafkaIntegrationAutoConfiguration {

	/**
	 * A producer closes within 2 s, not Spring's 30 s: with the broker away, a stop
	 * otherwise waits for sends that cannot complete. Nothing is lost: the outbox awaits
	 * every send of a batch before its token moves, so an unacknowledged send is sent
	 * again after the restart.
	 */
	@Bean
	public DefaultKafkaProducerFactoryCustomizer boundedProducerClose() {
		return (factory) -> factory.setPhysicalCloseTimeout(2);
	}

	@Bean
	@ConditionalOnMissingBean
	public CloudEventCodec cloudEventCodec() {
		return new CloudEventCodec();
	}

	/**
	 * Creates the topics of the published language if they do not exist yet (idempotent),
	 * with the settings {@link Topics#ALL} states and the deployment's partitions,
	 * replication, min in-sync replicas and retention; and a dead-letter topic beside
	 * each topic consumed with a consumer group (as many partitions, kept forever).
	 */
	@Bean
	public KafkaAdmin.NewTopics ticketloopTopics(PlatformProperties properties) {
		List<NewTopic> topics = new ArrayList<>();
		for (TopicSpec spec : Topics.ALL) {
			topics.add(topicOf(spec.name(), spec.cleanupPolicy(),
					(spec.cleanupPolicy() == CleanupPolicy.COMPACT) ? -1 : properties.kafka().retention().toMillis(),
					properties.kafka()));
			if (spec.deadLettered()) {
				topics.add(topicOf(spec.deadLetterTopic(), CleanupPolicy.DELETE, -1, properties.kafka()));
			}
		}
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	private static NewTopic topicOf(String name, CleanupPolicy cleanup, long retentionMs,
			PlatformProperties.Kafka kafka) {
		TopicBuilder builder = TopicBuilder.name(name)
			.partitions(kafka.partitions())
			.replicas(kafka.replicationFactor())
			.config(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup.kafkaName())
			.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(kafka.minInsyncReplicas()));
		if (cleanup == CleanupPolicy.DELETE) {
			builder.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retentionMs));
		}
		return builder.build();
	}

	/**
	 * The topics' settings are applied to topics that exist already too (a changed
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
			PlatformProperties properties, Environment environment) {
		return new PublishedRecords(mapper, codec, properties.service(), () -> schemaBaseUrl(properties, environment),
				properties.kafka().validatePublished());
	}

	/**
	 * Where this service serves the schemas: {@code ticketloop.kafka.schema-base-url}, or
	 * this host's port.
	 */
	public static String schemaBaseUrl(PlatformProperties properties, Environment environment) {
		if (properties.kafka().schemaBaseUrl() != null) {
			return properties.kafka().schemaBaseUrl().replaceAll("/+$", "");
		}
		return "http://localhost:"
				+ environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
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
	 * away). A record that can never succeed (not a CloudEvent, breaking its schema,
	 * about a ticket this service does not know) goes to its topic's dead-letter topic,
	 * on the same partition, with why ({@value DeadLetterRecords#REASON}, the exception's
	 * class and message, never a stack trace), where from (Spring Kafka's original topic,
	 * partition, offset, timestamp and consumer group) and when
	 * ({@value DeadLetterRecords#DEAD_LETTERED_AT}); consumption goes on with the next.
	 */
	@Bean
	@ConditionalOnMissingBean
	public DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> kafkaTemplate, Clock clock) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
				(record, ex) -> new TopicPartition(record.topic() + TopicSpec.DEAD_LETTER_SUFFIX, record.partition()));
		recoverer.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
		recoverer.setHeadersFunction((record,
				ex) -> new RecordHeaders(List.of(
						new RecordHeader(DeadLetterRecords.REASON, reasonOf(ex).getBytes(StandardCharsets.UTF_8)),
						new RecordHeader(DeadLetterRecords.DEAD_LETTERED_AT,
								clock.instant().toString().getBytes(StandardCharsets.UTF_8)))));
		ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
		backOff.setMaxInterval(30_000);
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(MalformedEventException.class, AggregateNotFoundException.class);
		return handler;
	}

	/** The failure that decided: the record's own problem, else the deepest cause. */
	static String reasonOf(Throwable ex) {
		Throwable reason = ex;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			reason = cause;
			if (cause instanceof MalformedEventException || cause instanceof AggregateNotFoundException) {
				break;
			}
		}
		String text = reason.getClass().getSimpleName() + ": " + reason.getMessage();
		return (text.length() > 1_000) ? text.substring(0, 1_000) : text;
	}

	@Bean
	@ConditionalOnWebApplication
	public ContractDocumentsController contractDocumentsController() {
		return new ContractDocumentsController();
	}

	/** The contract documents are read with any key, as the API's own document is. */
	@Bean
	public EndpointRules contractDocumentRules() {
		return (authorize) -> authorize.requestMatchers(HttpMethod.GET, "/schemas/*", "/asyncapi.yaml")
			.hasAnyRole("ADAPTER", "AGENT", "OPERATOR", "ENGINEERING");
	}

	@Bean
	@ConditionalOnWebApplication
	@ConditionalOnBean(MongoDatabase.class)
	public DeadLetterRecords kafkaDeadLetterRecords(KafkaTemplate<String, byte[]> kafkaTemplate,
			MongoDatabase serviceDatabase, Clock clock, PlatformProperties properties, Environment environment,
			ObjectProvider<TopicSpec> ownTopics) {
		String group = environment.getProperty("spring.kafka.consumer.group-id", properties.service());
		// the published language's topics this service consumes, and topics of its own
		// (a backfill topic) it declares as TopicSpec beans
		List<TopicSpec> consumed = java.util.stream.Stream.concat(Topics.ALL.stream(), ownTopics.orderedStream())
			.filter((spec) -> spec.deadLettered() && spec.consumedBy().contains(properties.service()))
			.toList();
		return new DeadLetterRecords(environment.getProperty("spring.kafka.bootstrap-servers", "localhost:9092"),
				kafkaTemplate, serviceDatabase, clock, group, consumed);
	}

	@Bean
	@ConditionalOnBean(DeadLetterRecords.class)
	public DeadLetterController kafkaDeadLetterController(DeadLetterRecords records) {
		return new DeadLetterController(records);
	}

	@Bean
	@ConditionalOnBean(DeadLetterRecords.class)
	public DeadLetterController.DeadLetterProblems kafkaDeadLetterProblems() {
		return new DeadLetterController.DeadLetterProblems();
	}

}
