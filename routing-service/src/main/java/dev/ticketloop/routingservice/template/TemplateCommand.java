package dev.ticketloop.routingservice.template;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What can be asked of an {@link AnswerTemplate}. */
public sealed interface TemplateCommand {

	/** The template's id, e.g. {@code reset-password}. */
	String templateId();

	/** The aggregate of template {@code templateId}. */
	static String aggregateIdOf(String templateId) {
		return "template-" + templateId;
	}

	/** An agent or lead proposes a new template: version 1, to be approved by a lead. */
	record CreateTemplate(String templateId, TemplateContent content, String proposedBy) implements TemplateCommand {

		@TargetAggregateIdentifier
		public String aggregateId() {
			return aggregateIdOf(this.templateId);
		}

	}

	/**
	 * A new version of a template, to be approved by a lead.
	 *
	 * @param basedOn the latest version the proposer saw; refused when another version
	 * was proposed since ({@code null}: no check)
	 */
	record ReviseTemplate(String templateId, TemplateContent content, Integer basedOn,
			String proposedBy) implements TemplateCommand {

		@TargetAggregateIdentifier
		public String aggregateId() {
			return aggregateIdOf(this.templateId);
		}

	}

	/** A lead approves a proposed version: it answers customers from now on. */
	record ApproveTemplate(String templateId, int version, String approvedBy) implements TemplateCommand {

		@TargetAggregateIdentifier
		public String aggregateId() {
			return aggregateIdOf(this.templateId);
		}

	}

	/** A lead turns a proposed version down. */
	record RejectProposal(String templateId, int version, String reason, String rejectedBy) implements TemplateCommand {

		@TargetAggregateIdentifier
		public String aggregateId() {
			return aggregateIdOf(this.templateId);
		}

	}

	/** A lead takes a template out of use: it answers and is suggested no more. */
	record RetireTemplate(String templateId, String reason, String retiredBy) implements TemplateCommand {

		@TargetAggregateIdentifier
		public String aggregateId() {
			return aggregateIdOf(this.templateId);
		}

	}

	/** A lead puts a retired template back into use, at the version it had. */
	record RestoreTemplate(String templateId, String restoredBy) implements TemplateCommand {

		@TargetAggregateIdentifier
		public String aggregateId() {
			return aggregateIdOf(this.templateId);
		}

	}

	/**
	 * What came of one automatic answer: the customer reopened, said it did not help or
	 * rated it low ({@code helped} false), or rated it well or let it close. Counted once
	 * per ticket.
	 *
	 * @param signal what told it: {@code reopened}, {@code did-not-help}, {@code rated},
	 * {@code closed}
	 */
	record RecordAnswerOutcome(String templateId, String ticketId, int version, boolean helped,
			String signal) implements TemplateCommand {

		@TargetAggregateIdentifier
		public String aggregateId() {
			return aggregateIdOf(this.templateId);
		}

	}

	/** A lead lets a suspended template answer automatically again, counting anew. */
	record ResumeAutoAnswer(String templateId, String resumedBy) implements TemplateCommand {

		@TargetAggregateIdentifier
		public String aggregateId() {
			return aggregateIdOf(this.templateId);
		}

	}

	/**
	 * A template of the seed library ({@code ticketloop.suggestions.templates}): created
	 * and approved when the store has no template of that id; nothing otherwise (a seed
	 * retired or changed over REST stays so).
	 */
	record SeedTemplate(String templateId, TemplateContent content) implements TemplateCommand {

		@TargetAggregateIdentifier
		public String aggregateId() {
			return aggregateIdOf(this.templateId);
		}

	}

	/**
	 * Engineering scheduled a fix for a known issue: support gets a drafted "fixed in
	 * version X" template for it to review (a proposal); a new target version drafts a
	 * new version, the same schedule again (a redelivery, a restart reading the issues
	 * again) nothing.
	 *
	 * @param source the schedule it was drafted for, e.g.
	 * {@code fix-scheduled:ENG-42@2026-12-06T10:00:00Z}
	 */
	record DraftReleaseTemplate(String templateId, TemplateContent content, String source) implements TemplateCommand {

		@TargetAggregateIdentifier
		public String aggregateId() {
			return aggregateIdOf(this.templateId);
		}

	}

}
