package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * Engineering will not fix the ticket's issue: the customer is to get an honest answer.
 *
 * @param ticketId the ticket.
 * @param issueKey the engineering issue.
 * @param explanation why, in words the customer can be given.
 * @param declinedAt when.
 */
public record TicketFixDeclinedV1(String ticketId, String issueKey, String explanation,
		Instant declinedAt) implements TicketIntegrationEvent {

}
