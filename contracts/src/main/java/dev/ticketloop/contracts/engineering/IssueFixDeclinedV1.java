package dev.ticketloop.contracts.engineering;

import java.time.Instant;

import dev.ticketloop.contracts.IntegrationEvent;

/**
 * Engineering will not fix the issue; every linked customer gets the honest answer.
 * Published by ticket-service on {@code ticketloop.engineering.issues.v1}, keyed by issue
 * key.
 *
 * @param issueKey the issue's key.
 * @param explanation why, in words the customers are told.
 * @param linkedTickets tickets linked to the issue when it was declined.
 * @param declinedBy who declined it.
 * @param declinedAt when.
 */
public record IssueFixDeclinedV1(String issueKey, String explanation, int linkedTickets, String declinedBy,
		Instant declinedAt) implements IntegrationEvent {

	@Override
	public String subjectId() {
		return this.issueKey;
	}

}
