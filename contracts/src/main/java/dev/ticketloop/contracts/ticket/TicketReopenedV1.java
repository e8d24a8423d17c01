package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The customer reopened a resolved ticket; {@code reopenCount} counts this time too.
 *
 * @param agent the agent the reopened ticket is with, {@code null} when none (consumers
 * that track assignments take it as the ticket's assignment from now on)
 */
public record TicketReopenedV1(String ticketId, int reopenCount, Instant reopenedAt,
		String agent) implements TicketIntegrationEvent {
}
