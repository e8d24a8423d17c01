package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The fix for the ticket's issue shipped: the customer is to be told.
 *
 * @param ticketId the ticket.
 * @param issueKey the engineering issue.
 * @param version the version that contains the fix.
 * @param releasedAt when the ticket learned of the release.
 */
public record TicketFixReleasedV1(String ticketId, String issueKey, String version,
		Instant releasedAt) implements TicketIntegrationEvent {

}
