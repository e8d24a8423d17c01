package dev.ticketloop.platform.axon;

import java.time.Clock;
import java.time.Duration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.ticketloop.platform.PlatformProperties;
import dev.ticketloop.platform.eventstore.MongoEventStorageEngine;
import dev.ticketloop.platform.eventstore.NewAggregates;
import dev.ticketloop.platform.history.AggregateHistory;
import dev.ticketloop.platform.scaleout.FairShareOfSegments;
import dev.ticketloop.platform.scaleout.ServiceInstances;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Axon on MongoDB for every service: events, snapshots and tracking tokens in the
 * service's own database, Jackson 3 serialization restricted to Axon's and our own types,
 * and streaming processors that never skip an event whose handler failed (they retry it).
 */
@AutoConfiguration(before = AxonAutoConfiguration.class,
		beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
		afterName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
@EnableConfigurationProperties(PlatformProperties.class)
public class AxonMongoAutoConfiguration {

	/** The time source of every handler: injected, never {@code Instant.now()}. */
	@Bean
	@ConditionalOnMissingBean
	public Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	public MongoDatabase serviceDatabase(MongoClient client, PlatformProperties properties) {
		return client.getDatabase(properties.databaseName());
	}

	@Bean
	@ConditionalOnMissingBean(name = "mongoHealthIndicator")
	public MongoPingHealthIndicator mongoHealthIndicator(MongoDatabase serviceDatabase) {
		return new MongoPingHealthIndicator(serviceDatabase);
	}

	@Bean
	@ConditionalOnMissingBean
	public MongoTemplate axonMongoTemplate(MongoDatabase serviceDatabase) {
		return DefaultMongoTemplate.builder().mongoDatabase(serviceDatabase).build();
	}

	/**
	 * The event store: the project's gap-aware engine on MongoDB (see docs/adr/0006), in
	 * the service's own database. Stored events of an older revision are upcast on the
	 * way out by the service's {@link EventUpcaster} beans, one chain in their order
	 * ({@code @Order}), whatever reads them: aggregates, processors, time travel (see
	 * docs/adr/0013).
	 */
	@Bean
	@ConditionalOnMissingBean
	public EventStorageEngine eventStorageEngine(MongoDatabase serviceDatabase, Serializer serializer,
			@Qualifier("eventSerializer") Serializer eventSerializer, ObjectProvider<EventUpcaster> upcasters,
			Clock clock) {
		return MongoEventStorageEngine.builder()
			.database(serviceDatabase)
			.snapshotSerializer(serializer)
			.eventSerializer(eventSerializer)
			.upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
			.clock(clock)
			.build();
	}

	/**
	 * Aggregates' histories for operators: their events with global positions, a page at
	 * a time, and the events a view as of an instant is computed from.
	 */
	@Bean
	@ConditionalOnMissingBean
	public AggregateHistory aggregateHistory(EventStorageEngine eventStorageEngine) {
		return new AggregateHistory(eventStorageEngine);
	}

	/** Hints for batches that create many aggregates (see {@link NewAggregates}). */
	@Bean
	@ConditionalOnMissingBean
	public NewAggregates newAggregates(EventStorageEngine eventStorageEngine) {
		return (eventStorageEngine instanceof MongoEventStorageEngine mongo) ? mongo::expectNew : NewAggregates.NONE;
	}

	/**
	 * Tracking tokens in MongoDB, a position stored only after the events its batch
	 * caused (see {@link PositionAfterEventsTokenStore}).
	 */
	@Bean
	@ConditionalOnMissingBean
	public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer, ServiceInstances instances,
			PlatformProperties properties) {
		return new PositionAfterEventsTokenStore(MongoTokenStore.builder()
			.mongoTemplate(axonMongoTemplate)
			.serializer(serializer)
			.nodeId(instances.id())
			.claimTimeout(properties.scaleOut().claimTimeout())
			.build());
	}

	/** This service's live instances, which share the processors' segments. */
	@Bean
	@ConditionalOnMissingBean
	public ServiceInstances serviceInstances(MongoDatabase serviceDatabase, Clock clock,
			PlatformProperties properties) {
		return new ServiceInstances(serviceDatabase, clock, properties.scaleOut().heartbeat(),
				properties.scaleOut().instanceTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	public FairShareOfSegments fairShareOfSegments(ServiceInstances instances, TokenStore tokenStore, Clock clock) {
		return new FairShareOfSegments(instances, tokenStore, clock);
	}

	/**
	 * The segments a processor may claim here: none while operators have it paused, else
	 * the instance's fair share.
	 */
	@Bean
	@ConditionalOnMissingBean
	public PausedProcessors pausedProcessors(MongoDatabase serviceDatabase, FairShareOfSegments fairShareOfSegments) {
		return new PausedProcessors(serviceDatabase, fairShareOfSegments);
	}

	/**
	 * Commands that lose a race for their aggregate to another instance (or to this one's
	 * stale cache) are sent again rather than failing the caller (see
	 * {@link ConflictRetryScheduler}).
	 */
	@Bean
	@ConditionalOnMissingBean
	public ConflictRetryScheduler conflictRetryScheduler() {
		return new ConflictRetryScheduler(8, 20, 1_000);
	}

	@Bean
	@ConditionalOnMissingBean
	public CommandGateway commandGateway(CommandBus commandBus, ConflictRetryScheduler conflictRetryScheduler) {
		return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(conflictRetryScheduler).build();
	}

	/**
	 * Jackson 3 refuses polymorphic types it is not told about; tokens and our own
	 * messages are allowed, nothing else (no default typing).
	 */
	@Bean
	public Jackson3SerializerCustomizer ticketloopJacksonCustomizer() {
		return (builder) -> builder
			.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
				.allowIfSubType("org.axonframework.")
				.allowIfSubType("dev.ticketloop.")
				.allowIfSubType("java.util.")
				.build())
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	/**
	 * Pooled streaming processors everywhere, handling events in batches
	 * ({@code ticketloop.processing.batch-size}; Axon's default of one event per unit of
	 * work costs a token update, an append and a Kafka round trip per event). A failing
	 * handler stops its segment and the batch is retried with back-off instead of being
	 * logged and skipped (Axon's default), so no read model or publisher silently misses
	 * an event. The instances of a service share each processor's segments (see
	 * {@link FairShareOfSegments}), and look for segments to take every
	 * {@code ticketloop.scale-out.token-claim-interval}; a paused processor takes none,
	 * from its start (see {@link PausedProcessors}).
	 */
	@Bean
	public ConfigurerModule streamingProcessorDefaults(PlatformProperties properties,
			PausedProcessors pausedProcessors) {
		int batchSize = properties.processing().batchSize();
		long claimInterval = properties.scaleOut().tokenClaimInterval().toMillis();
		return (configurer) -> configurer
			.eventProcessing((processing) -> processing.usingPooledStreamingEventProcessors()
				.registerPooledStreamingEventProcessorConfiguration((config, builder) -> builder.batchSize(batchSize)
					.tokenClaimInterval(claimInterval)
					.maxSegmentProvider(pausedProcessors.provider()))
				.registerDefaultListenerInvocationErrorHandler((config) -> PropagatingErrorHandler.instance()));
	}

}
