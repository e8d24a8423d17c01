package dev.ticketloop.contracts.engineering;

import java.time.Instant;

import dev.ticketloop.contracts.IntegrationEvent;

/**
 * One more customer ticket suffers from the issue (each ticket linked once). Published by
 * ticket-service on {@code ticketloop.engineering.issues.v1}, keyed by issue key.
 *
 * @param issueKey the issue's key.
 * @param ticketId the linked ticket.
 * @param linkedAt when.
 */
public record IssueTicketLinkedV1(String issueKey, String ticketId, Instant linkedAt) implements IntegrationEvent {

	@Override
	public String subjectId() {
		return this.issueKey;
	}

}
