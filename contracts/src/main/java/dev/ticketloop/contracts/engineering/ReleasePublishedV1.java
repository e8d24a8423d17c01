package dev.ticketloop.contracts.engineering;

import java.time.Instant;
import java.util.List;

import dev.ticketloop.contracts.IntegrationEvent;

/**
 * Engineering shipped a release (published by engineering's CI, keyed by release id).
 *
 * @param releaseId unique per release: the same release delivered twice carries the same
 * id.
 * @param version the version shipped.
 * @param fixedIssues keys of the engineering issues the release fixes.
 * @param publishedAt when.
 */
public record ReleasePublishedV1(String releaseId, String version, List<String> fixedIssues,
		Instant publishedAt) implements IntegrationEvent {

	@Override
	public String subjectId() {
		return this.releaseId;
	}

}
