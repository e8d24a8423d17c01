package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/** The customer reopened a resolved ticket; {@code reopenCount} counts this time too. */
public record TicketReopenedV1(String ticketId, int reopenCount, Instant reopenedAt) implements TicketIntegrationEvent {
}
