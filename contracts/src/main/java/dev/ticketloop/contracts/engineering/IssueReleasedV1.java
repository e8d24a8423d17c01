package dev.ticketloop.contracts.engineering;

import java.time.Instant;

import dev.ticketloop.contracts.IntegrationEvent;

/**
 * The fix shipped in a release; every linked customer is being told. Published by
 * ticket-service on {@code ticketloop.engineering.issues.v1}, keyed by issue key.
 *
 * @param issueKey the issue's key.
 * @param releaseId the release that fixed it.
 * @param version the version shipped.
 * @param linkedTickets tickets linked to the issue when it was released.
 * @param releasedAt when.
 */
public record IssueReleasedV1(String issueKey, String releaseId, String version, int linkedTickets,
		Instant releasedAt) implements IntegrationEvent {

	@Override
	public String subjectId() {
		return this.issueKey;
	}

}
