package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The customer has not answered a clarification request: they are to be reminded.
 *
 * @param ticketId the ticket.
 * @param question the question still open.
 * @param closesAt when the ticket closes if there is still no answer.
 * @param remindedAt when.
 */
public record CustomerRemindedV1(String ticketId, String question, Instant closesAt,
		Instant remindedAt) implements TicketIntegrationEvent {

}
