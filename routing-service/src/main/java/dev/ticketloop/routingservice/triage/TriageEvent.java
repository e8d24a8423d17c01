package dev.ticketloop.routingservice.triage;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/** What triage decided. */
public sealed interface TriageEvent {

	/**
	 * @param customerTier the tier the policy was chosen by (null in decisions before it
	 * was known, as the fields after it)
	 */
	@Revision("1")
	record TriageDecided(String ticketId, String decisionId, String priority, Instant firstResponseDueAt, String policy,
			Instant decidedAt, String customerTier, String language, String category, List<String> tags,
			String team) implements TriageEvent {

		public TriageDecided {
			tags = (tags != null) ? List.copyOf(tags) : List.of();
		}

	}

}
