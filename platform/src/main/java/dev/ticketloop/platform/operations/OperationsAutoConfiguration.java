package dev.ticketloop.platform.operations;

import java.time.Clock;

import com.mongodb.client.MongoDatabase;
import dev.ticketloop.platform.PlatformProperties;
import dev.ticketloop.platform.axon.AxonMongoAutoConfiguration;
import dev.ticketloop.platform.scaleout.ServiceInstances;
import dev.ticketloop.platform.security.EndpointRules;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;

/**
 * The operators' tools in every service: its event processors over REST (operator role).
 */
@AutoConfiguration(after = AxonMongoAutoConfiguration.class)
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
	public EndpointRules operationsEndpointRules() {
		return (authorize) -> authorize.requestMatchers(HttpMethod.GET, "/operations/**")
			.hasRole("OPERATOR")
			.requestMatchers(HttpMethod.POST, "/operations/**")
			.hasRole("OPERATOR");
	}

}
