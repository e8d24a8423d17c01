package dev.ticketloop.contracts.routing;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * A ticket's SLA target was missed: its working time is used up.
 *
 * @param target {@code first_response}, {@code next_response} or {@code resolution}
 * @param dueAt when it was due
 * @param raisedAt when the breach was raised
 */
public record SlaBreachedV1(String ticketId, String target, String policy, Instant dueAt,
		Instant raisedAt) implements TicketIntegrationEvent {
}
