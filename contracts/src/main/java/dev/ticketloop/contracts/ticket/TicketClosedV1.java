package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The ticket is done for good.
 *
 * @param reason {@code confirmed}, {@code rated}, {@code quiet_period},
 * {@code unanswered} (the clarification was never answered) or {@code manual}
 */
public record TicketClosedV1(String ticketId, String reason, Instant closedAt) implements TicketIntegrationEvent {
}
