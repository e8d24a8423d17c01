package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.IntegrationEvent;

/** The customer reopened a resolved ticket; {@code reopenCount} counts this time too. */
public record TicketReopenedV1(String ticketId, int reopenCount, Instant reopenedAt) implements IntegrationEvent {
}
