package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The agent asked the customer for more information; the ticket waits for the customer
 * (SLA clocks pause).
 */
public record ClarificationRequestedV1(String ticketId, String question,
		Instant requestedAt) implements TicketIntegrationEvent {
}
