package dev.ticketloop.platform.kafka;

import java.util.Optional;

import dev.ticketloop.contracts.IntegrationEvent;

/**
 * Translates a service's internal domain events into the published language. Internal
 * events never leave the service; what is returned here is what other teams see.
 */
@FunctionalInterface
public interface IntegrationEventMapper {

	/**
	 * @return the published form of the domain event, or empty when it stays internal
	 */
	Optional<IntegrationEvent> toIntegrationEvent(Object domainEvent);

}
