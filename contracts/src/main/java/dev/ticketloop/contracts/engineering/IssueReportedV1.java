package dev.ticketloop.contracts.engineering;

import java.time.Instant;

import dev.ticketloop.contracts.IntegrationEvent;

/**
 * An engineering issue was reported (from a ticket's escalation, or by engineering).
 * Published by ticket-service on {@code ticketloop.engineering.issues.v1}, keyed by issue
 * key.
 *
 * @param issueKey the issue's key, e.g. ISS-7K3QF2MA or ENG-1234.
 * @param title short description of the problem.
 * @param description what is known about it; may be absent.
 * @param reportedBy the agent or API client who reported it.
 * @param reportedAt when.
 */
public record IssueReportedV1(String issueKey, String title, String description, String reportedBy,
		Instant reportedAt) implements IntegrationEvent {

	@Override
	public String subjectId() {
		return this.issueKey;
	}

}
