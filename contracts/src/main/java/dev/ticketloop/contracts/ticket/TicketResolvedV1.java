package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.IntegrationEvent;

/**
 * The ticket was resolved.
 *
 * @param singleReply resolved with at most one reply, without clarification or reopening
 */
public record TicketResolvedV1(String ticketId, String resolution, boolean singleReply,
		Instant resolvedAt) implements IntegrationEvent {
}
