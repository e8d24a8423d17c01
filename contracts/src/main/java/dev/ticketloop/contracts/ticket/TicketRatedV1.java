package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/** The customer rated the answer (CSAT, 1 to 5). */
public record TicketRatedV1(String ticketId, int score, String comment,
		Instant ratedAt) implements TicketIntegrationEvent {
}
