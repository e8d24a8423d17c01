package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The ticket was merged as a duplicate into another one; its customer is still told when
 * the surviving ticket's fix ships.
 *
 * @param ticketId the duplicate.
 * @param survivingTicketId the ticket it was merged into.
 * @param mergedAt when.
 */
public record TicketMergedV1(String ticketId, String survivingTicketId,
		Instant mergedAt) implements TicketIntegrationEvent {

}
