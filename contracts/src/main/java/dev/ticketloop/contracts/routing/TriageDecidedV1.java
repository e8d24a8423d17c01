package dev.ticketloop.contracts.routing;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * routing-service decided a new ticket's priority and first-response due time.
 *
 * @param decisionId unique per decision; the ticket applies a decision once
 * @param priority {@code urgent}, {@code high}, {@code normal} or {@code low}
 * @param policy name of the SLA policy that produced the decision
 */
public record TriageDecidedV1(String ticketId, String decisionId, String priority, Instant firstResponseDueAt,
		String policy, Instant decidedAt) implements TicketIntegrationEvent {
}
