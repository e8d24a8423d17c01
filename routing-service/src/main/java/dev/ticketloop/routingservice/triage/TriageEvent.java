package dev.ticketloop.routingservice.triage;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/** What triage decided, and who the ticket is with. */
public sealed interface TriageEvent {

	String ticketId();

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

	/**
	 * A known issue or answer template that looks like the ticket.
	 *
	 * @param action {@code suggest}, {@code link} or {@code answer} (see
	 * {@code Suggestion})
	 */
	@Revision("1")
	record SuggestionMade(String ticketId, String suggestionId, String kind, String ref, String title, double score,
			String action, String answer, Instant madeAt) implements TriageEvent {
	}

	/** The dispatcher chose an agent; ticket-service assigns the ticket to them. */
	@Revision("1")
	record AssignmentDecided(String ticketId, String decisionId, String agent, String previousAgent, String reason,
			Instant decidedAt) implements TriageEvent {
	}

	/**
	 * The ticket is with this agent (as ticket-service reports it), or with nobody when
	 * {@code agent} is {@code null}.
	 */
	@Revision("1")
	record AssignmentRecorded(String ticketId, String agent, Instant assignedAt) implements TriageEvent {
	}

	/** Back in the team's queue: its agent went away. */
	@Revision("1")
	record ReturnedToQueue(String ticketId, String agent, String reason, Instant returnedAt) implements TriageEvent {
	}

}
