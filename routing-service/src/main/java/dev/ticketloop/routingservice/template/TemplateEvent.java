package dev.ticketloop.routingservice.template;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * What happened to an answer template: its versions, reviews, use in and out, outcomes.
 */
public sealed interface TemplateEvent {

	String templateId();

	/**
	 * A version was proposed (version 1 creates the template).
	 *
	 * @param origin {@code agent} (over REST), {@code seed} (the configured seed library)
	 * or {@code release-draft} (drafted when engineering scheduled a fix)
	 * @param source what a release draft was drafted for (see
	 * {@code DraftReleaseTemplate})
	 */
	@Revision("1")
	record TemplateProposed(String templateId, int version, TemplateContent content, String proposedBy, String origin,
			Instant proposedAt, String source) implements TemplateEvent {

		public TemplateProposed(String templateId, int version, TemplateContent content, String proposedBy,
				String origin, Instant proposedAt) {
			this(templateId, version, content, proposedBy, origin, proposedAt, null);
		}

	}

	/**
	 * A lead approved a version: the template answers with it from now on.
	 *
	 * @param content what the approved version says (published as
	 * {@code template-approved})
	 */
	@Revision("1")
	record TemplateApproved(String templateId, int version, String approvedBy, Instant approvedAt,
			TemplateContent content) implements TemplateEvent {
	}

	/** A lead turned a proposed version down. */
	@Revision("1")
	record TemplateProposalRejected(String templateId, int version, String reason, String rejectedBy,
			Instant rejectedAt) implements TemplateEvent {
	}

	/**
	 * @param issueKey the known issue it told of, if any
	 */
	@Revision("1")
	record TemplateRetired(String templateId, String reason, String retiredBy, Instant retiredAt,
			String issueKey) implements TemplateEvent {
	}

	/** Back in use at its approved version (0 and no content when none was approved). */
	@Revision("1")
	record TemplateRestored(String templateId, String restoredBy, Instant restoredAt, int version,
			TemplateContent content) implements TemplateEvent {
	}

	/**
	 * What came of an automatic answer, and the template's measured precision after it.
	 *
	 * @param outcomes the outcomes the precision counts (the last ones, up to the window)
	 * @param precision the share of them that helped
	 */
	@Revision("1")
	record AnswerOutcomeRecorded(String templateId, String ticketId, int version, boolean helped, String signal,
			int outcomes, double precision, Instant recordedAt) implements TemplateEvent {
	}

	/**
	 * The template's measured precision fell under the target: it answers automatically
	 * no more (it is still suggested to agents) until a lead resumes it.
	 */
	@Revision("1")
	record AutoAnswerSuspended(String templateId, double precision, int outcomes, double targetPrecision,
			Instant suspendedAt) implements TemplateEvent {
	}

	@Revision("1")
	record AutoAnswerResumed(String templateId, String resumedBy, Instant resumedAt) implements TemplateEvent {
	}

}
