package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The ticket was escalated to engineering: linked to an engineering issue, new or already
 * known.
 *
 * @param ticketId the ticket.
 * @param issueKey the engineering issue it is linked to, e.g. ISS-7K3QF2MA.
 * @param knownIssue true when linked to an issue that already existed, false when the
 * escalation reported a new one.
 * @param escalatedAt when.
 */
public record TicketEscalatedV1(String ticketId, String issueKey, boolean knownIssue,
		Instant escalatedAt) implements TicketIntegrationEvent {

}
