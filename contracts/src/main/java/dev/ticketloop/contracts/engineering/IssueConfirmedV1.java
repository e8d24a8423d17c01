package dev.ticketloop.contracts.engineering;

import java.time.Instant;

import dev.ticketloop.contracts.IntegrationEvent;

/**
 * Engineering confirmed the issue. Published by ticket-service on
 * {@code ticketloop.engineering.issues.v1}, keyed by issue key.
 *
 * @param issueKey the issue's key.
 * @param confirmedBy who confirmed it.
 * @param confirmedAt when.
 */
public record IssueConfirmedV1(String issueKey, String confirmedBy, Instant confirmedAt) implements IntegrationEvent {

	@Override
	public String subjectId() {
		return this.issueKey;
	}

}
