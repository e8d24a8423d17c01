package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The customer reopened a resolved ticket; {@code reopenCount} counts this time too.
 *
 * @param agent the agent the reopened ticket is with, {@code null} when none
 * @param assigned whether it is with an agent (then {@code agent}) or with none:
 * consumers that track assignments take that as the ticket's assignment from now on;
 * {@code null} in events written before these fields existed, which tell nothing of the
 * assignment
 */
public record TicketReopenedV1(String ticketId, int reopenCount, Instant reopenedAt, String agent,
		Boolean assigned) implements TicketIntegrationEvent {
}
