package dev.ticketloop.contracts.engineering;

import java.time.Instant;

import dev.ticketloop.contracts.IntegrationEvent;

/**
 * A fix is planned for a version (again when the target changes). Published by
 * ticket-service on {@code ticketloop.engineering.issues.v1}, keyed by issue key.
 *
 * @param issueKey the issue's key.
 * @param targetVersion the version the fix is planned for.
 * @param scheduledBy who planned it.
 * @param scheduledAt when.
 */
public record IssueFixScheduledV1(String issueKey, String targetVersion, String scheduledBy,
		Instant scheduledAt) implements IntegrationEvent {

	@Override
	public String subjectId() {
		return this.issueKey;
	}

}
