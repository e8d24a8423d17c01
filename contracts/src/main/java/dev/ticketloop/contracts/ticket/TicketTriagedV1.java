package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The ticket took the triage decision of routing-service: its priority and by when the
 * first response is due.
 *
 * @param priority {@code urgent}, {@code high}, {@code normal} or {@code low}
 */
public record TicketTriagedV1(String ticketId, String decisionId, String priority, Instant firstResponseDueAt,
		Instant triagedAt) implements TicketIntegrationEvent {
}
