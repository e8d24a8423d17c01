package dev.ticketloop.platform.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;

/**
 * An aggregate's event with its global position in the store: the position tracking
 * tokens count, so an event's place among all events of the service (what a processor's
 * position and lag are measured in).
 */
public record PositionedEvent(long globalPosition, DomainEventMessage<?> event) {

}
