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
	 * @param templateVersion the template's approved version (templates only; added in
	 * place, null in earlier events, as the fields after it)
	 * @param confidence the calibrated chance that the template is the right answer
	 * @param heldBack why a template that matched well enough did not answer by itself
	 * ({@code bug-report}, {@code upset-customer}, {@code several-questions},
	 * {@code suspended}), else null
	 */
	@Revision("1")
	record SuggestionMade(String ticketId, String suggestionId, String kind, String ref, String title, double score,
			String action, String answer, Instant madeAt, Integer templateVersion, Double confidence,
			String heldBack) implements TriageEvent {
	}

	/**
	 * A template was used for the ticket.
	 *
	 * @param how {@code auto-answer} (routing answered and resolved the ticket with it),
	 * {@code agent-reply} or {@code agent-resolution} (an agent answered with it, perhaps
	 * edited)
	 */
	@Revision("1")
	record TemplateUsed(String ticketId, String templateId, Integer version, String how,
			Instant usedAt) implements TriageEvent {

		public static final String AUTO_ANSWER = "auto-answer";

		public static final String AGENT_REPLY = "agent-reply";

		public static final String AGENT_RESOLUTION = "agent-resolution";

	}

	/**
	 * What came of the ticket's automatic answer, decided once: it did not help when the
	 * customer reopened the ticket, said so or rated it 1 or 2; it helped when they rated
	 * it 3 or more or the ticket closed without either.
	 *
	 * @param signal {@code reopened}, {@code did-not-help}, {@code rated} or
	 * {@code closed}
	 */
	@Revision("1")
	record AnswerOutcomeDecided(String ticketId, String templateId, int version, boolean helped, String signal,
			Instant decidedAt) implements TriageEvent {
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
