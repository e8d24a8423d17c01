package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * Engineering scheduled a fix for the ticket's issue; the ticket awaits the release.
 *
 * @param ticketId the ticket.
 * @param issueKey the engineering issue.
 * @param targetVersion the version the fix is planned for.
 * @param scheduledAt when.
 */
public record TicketFixScheduledV1(String ticketId, String issueKey, String targetVersion,
		Instant scheduledAt) implements TicketIntegrationEvent {

}
