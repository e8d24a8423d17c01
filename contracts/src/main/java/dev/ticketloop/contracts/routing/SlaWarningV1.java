package dev.ticketloop.contracts.routing;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * A ticket's SLA target is about to be missed: the warning share of its working time is
 * used up (e.g. 75 %).
 *
 * @param target {@code first_response}, {@code next_response} or {@code resolution}
 * @param policy the SLA policy of the ticket
 * @param dueAt when the warning was due
 * @param breachAt when the target will be breached if nothing happens
 * @param raisedAt when it was raised
 */
public record SlaWarningV1(String ticketId, String target, String policy, Instant dueAt, Instant breachAt,
		Instant raisedAt) implements TicketIntegrationEvent {
}
