package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.IntegrationEvent;

/**
 * The ticket is done for good.
 *
 * @param reason {@code confirmed}, {@code quiet_period} or {@code manual}
 */
public record TicketClosedV1(String ticketId, String reason, Instant closedAt) implements IntegrationEvent {
}
