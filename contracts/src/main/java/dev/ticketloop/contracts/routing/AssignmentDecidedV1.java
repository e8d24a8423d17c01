package dev.ticketloop.contracts.routing;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The dispatcher gave the ticket to an agent: the fitting, available agent with the least
 * load (or next in turn). ticket-service assigns it.
 *
 * @param decisionId unique per decision
 * @param previousAgent who had it before (a reassignment), or null
 * @param reason {@code available} (the best agent free now) or {@code reassigned} (the
 * agent before went away)
 */
public record AssignmentDecidedV1(String ticketId, String decisionId, String agent, String previousAgent, String reason,
		Instant decidedAt) implements TicketIntegrationEvent {
}
