package dev.ticketloop.platform.operations;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoDatabase;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.platform.PlatformProperties;
import dev.ticketloop.platform.audit.OperatorAudit;
import dev.ticketloop.platform.audit.OperatorAuditFilter;
import dev.ticketloop.platform.eventstore.StoredEvents;
import dev.ticketloop.platform.job.JobHandler;
import dev.ticketloop.platform.job.ResumableJobs;
import dev.ticketloop.platform.kafka.PublishedRecords;
import dev.ticketloop.platform.axon.AxonMongoAutoConfiguration;
import dev.ticketloop.platform.scaleout.ServiceInstances;
import dev.ticketloop.platform.security.EndpointRules;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The operators' tools in every service: its event processors over REST (operator role).
 */
@AutoConfiguration(after = AxonMongoAutoConfiguration.class,
		afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnWebApplication
@ConditionalOnClass(EventProcessingConfiguration.class)
public class OperationsAutoConfiguration {

	@Bean
	public ProcessorOperations processorOperations(EventProcessingConfiguration processing,
			MongoTemplate axonMongoTemplate, MongoDatabase serviceDatabase, Serializer serializer,
			EventStore eventStore, ApplicationContext context, Clock clock, ServiceInstances instances,
			PlatformProperties properties) {
		return new ProcessorOperations(processing, axonMongoTemplate, serviceDatabase, serializer, eventStore, context,
				clock, instances.id(), properties.scaleOut().claimTimeout());
	}

	@Bean
	public ProcessorControlWatcher processorControlWatcher(ProcessorOperations operations) {
		return new ProcessorControlWatcher(operations);
	}

	@Bean
	public ProcessorController processorController(ProcessorOperations operations) {
		return new ProcessorController(operations);
	}

	@Bean
	public ProcessorController.ProcessorProblems processorProblems() {
		return new ProcessorController.ProcessorProblems();
	}

	@Bean
	public StoredEvents storedEvents(MongoDatabase serviceDatabase) {
		return new StoredEvents(serviceDatabase);
	}

	@Bean
	public EventExport eventExport(StoredEvents storedEvents, EventStorageEngine eventStorageEngine) {
		return new EventExport(storedEvents, eventStorageEngine);
	}

	@Bean
	public Republish republish(EventStorageEngine eventStorageEngine, ObjectProvider<PublishedRecords> records,
			KafkaTemplate<String, byte[]> kafkaTemplate, KafkaAdmin kafkaAdmin, EventExport eventExport,
			StoredEvents storedEvents, Clock clock, PlatformProperties properties) {
		PublishedRecords published = records.getIfAvailable(() -> new PublishedRecords((event) -> Optional.empty(),
				new CloudEventCodec(), properties.service(), () -> "", properties.kafka().validatePublished()));
		return new Republish(eventStorageEngine, published, kafkaTemplate, kafkaAdmin, eventExport, storedEvents, clock,
				new Republish.Topics(properties.kafka().partitions(), properties.kafka().replicationFactor(),
						properties.kafka().replayRetention()));
	}

	@Bean
	public ResumableJobs resumableJobs(MongoDatabase serviceDatabase, List<JobHandler> handlers, Clock clock,
			ServiceInstances instances) {
		return new ResumableJobs(serviceDatabase, handlers, clock, instances.id());
	}

	@Bean
	public OperatorAudit operatorAudit(MongoDatabase serviceDatabase, Clock clock, PlatformProperties properties) {
		return new OperatorAudit(serviceDatabase, clock, properties.service());
	}

	@Bean
	public FilterRegistrationBean<OperatorAuditFilter> operatorAuditFilter(OperatorAudit audit) {
		// after the security chain (order -100), so the caller is known
		FilterRegistrationBean<OperatorAuditFilter> registration = new FilterRegistrationBean<>(
				new OperatorAuditFilter(audit));
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
		return registration;
	}

	@Bean
	public HistoryController historyController(EventExport eventExport, Republish republish, ResumableJobs jobs,
			OperatorAudit audit, Clock clock) {
		return new HistoryController(eventExport, republish, jobs, audit, clock);
	}

	@Bean
	public HistoryController.HistoryProblems historyProblems() {
		return new HistoryController.HistoryProblems();
	}

	@Bean
	public EndpointRules operationsEndpointRules() {
		return (authorize) -> authorize.requestMatchers(HttpMethod.GET, "/operations/**")
			.hasRole("OPERATOR")
			.requestMatchers(HttpMethod.POST, "/operations/**")
			.hasRole("OPERATOR");
	}

}
