package dev.ticketloop.ticketservice.ticket;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/** What happened to a {@link Ticket}: its history, kept whole and replayable. */
public sealed interface TicketEvent {

	TicketId ticketId();

	/**
	 * @param customerTier the customer's plan as the adapter knows it (e.g. {@code vip});
	 * null when unknown (events written before it existed too)
	 * @param environment the platform and product version the customer uses; null in
	 * events written before it existed, read as {@link ClientEnvironment#UNKNOWN}
	 */
	@Revision("1")
	record TicketOpened(TicketId ticketId, Channel channel, String customerRef, Contact contact, String locale,
			String subject, String body, Instant openedAt, String customerTier,
			ClientEnvironment environment) implements TicketEvent {

		public TicketOpened {
			environment = (environment != null) ? environment : ClientEnvironment.UNKNOWN;
		}

		public TicketOpened(TicketId ticketId, Channel channel, String customerRef, Contact contact, String locale,
				String subject, String body, Instant openedAt) {
			this(ticketId, channel, customerRef, contact, locale, subject, body, openedAt, null,
					ClientEnvironment.UNKNOWN);
		}

		public TicketOpened(TicketId ticketId, Channel channel, String customerRef, Contact contact, String locale,
				String subject, String body, Instant openedAt, String customerTier) {
			this(ticketId, channel, customerRef, contact, locale, subject, body, openedAt, customerTier,
					ClientEnvironment.UNKNOWN);
		}

	}

	@Revision("1")
	record TicketTriaged(TicketId ticketId, String decisionId, Priority priority, Instant firstResponseDueAt,
			Instant triagedAt) implements TicketEvent {
	}

	@Revision("1")
	record CustomerNotified(TicketId ticketId, String notificationId, String reason, String channel,
			Instant deliveredAt) implements TicketEvent {
	}

	/**
	 * The customer could not be told something: the notification is in
	 * notification-service's dead-letter store (an operator may still send it again).
	 *
	 * @param failure {@code permanent} (refused) or {@code exhausted} (retries used up)
	 */
	@Revision("1")
	record CustomerNotificationFailed(TicketId ticketId, String notificationId, String reason, String channel,
			int attempts, String failure, String detail, Instant failedAt) implements TicketEvent {
	}

	@Revision("1")
	record TicketAssigned(TicketId ticketId, String agent, String previousAgent,
			Instant assignedAt) implements TicketEvent {
	}

	@Revision("1")
	record ClarificationRequested(TicketId ticketId, String agent, String question,
			Instant requestedAt) implements TicketEvent {
	}

	/**
	 * @param answersClarification whether it answers a clarification request (the ticket
	 * goes back to the agent)
	 */
	@Revision("1")
	record CustomerMessageReceived(TicketId ticketId, String body, boolean answersClarification,
			Instant receivedAt) implements TicketEvent {
	}

	/**
	 * @param template the answer template the reply was written with (added in place:
	 * null in earlier events, and without one)
	 */
	@Revision("1")
	record AgentReplied(TicketId ticketId, String agent, String body, Instant repliedAt,
			TemplateUse template) implements TicketEvent {

		public AgentReplied(TicketId ticketId, String agent, String body, Instant repliedAt) {
			this(ticketId, agent, body, repliedAt, null);
		}

	}

	/**
	 * @param singleReply resolved with at most one reply, no clarification and no
	 * reopening: a known question answered at once
	 * @param template the answer template the resolution was written with (added in
	 * place: null in earlier events, and without one)
	 */
	@Revision("1")
	record TicketResolved(TicketId ticketId, String agent, String resolution, boolean singleReply, Instant resolvedAt,
			ResolutionCause cause, TemplateUse template) implements TicketEvent {

		/** Events written before the cause existed were all resolved by an agent. */
		public TicketResolved {
			cause = (cause != null) ? cause : ResolutionCause.AGENT;
		}

		public TicketResolved(TicketId ticketId, String agent, String resolution, boolean singleReply,
				Instant resolvedAt, ResolutionCause cause) {
			this(ticketId, agent, resolution, singleReply, resolvedAt, cause, null);
		}

	}

	/**
	 * Revision 2 says whether the assignment is known: revision 1 had {@code agent} only,
	 * null both when the ticket was with no agent and in its events written before the
	 * agent was recorded ({@link TicketReopenedUpcaster} tells them apart by the field's
	 * presence in the stored event).
	 *
	 * @param reopenCount how often this ticket has been reopened, this time included
	 * @param agent the agent it is with, {@code null} when none (or not known)
	 * @param assigned whether it is with an agent ({@code agent}) or with none;
	 * {@code null} when not known (events written before the agent was recorded)
	 */
	@Revision("2")
	record TicketReopened(TicketId ticketId, String reason, int reopenCount, Instant reopenedAt, String agent,
			Boolean assigned) implements TicketEvent {

		public TicketReopened {
			if ((agent != null) ? !Boolean.TRUE.equals(assigned) : Boolean.TRUE.equals(assigned)) {
				throw new IllegalArgumentException(
						"assigned: true exactly when an agent is named (" + agent + ", " + assigned + ")");
			}
		}

		/** Reopened with the agent it is with, or with none. */
		public TicketReopened(TicketId ticketId, String reason, int reopenCount, Instant reopenedAt, String agent) {
			this(ticketId, reason, reopenCount, reopenedAt, agent, agent != null);
		}

	}

	@Revision("1")
	record TicketRated(TicketId ticketId, int score, String comment, Instant ratedAt) implements TicketEvent {
	}

	@Revision("1")
	record TicketClosed(TicketId ticketId, TicketCommand.CloseReason reason, Instant closedAt) implements TicketEvent {
	}

	/**
	 * Escalated to engineering: linked to an engineering issue, a new one (reported from
	 * this ticket, with the title and description given) or a known one.
	 *
	 * @param viaSurvivor set when this ticket is a merged duplicate that follows the
	 * issue of the ticket it was merged into
	 * @param duplicates tickets merged into this one, which follow the same issue
	 */
	@Revision("1")
	record TicketEscalated(TicketId ticketId, String issueKey, boolean knownIssue, String agent, String title,
			String description, TicketId viaSurvivor, List<TicketId> duplicates,
			Instant escalatedAt) implements TicketEvent {
	}

	/**
	 * @param issueSequence the issue event it follows (each applied once, in order)
	 */
	@Revision("1")
	record TicketFixScheduled(TicketId ticketId, String issueKey, String targetVersion, long issueSequence,
			Instant scheduledAt) implements TicketEvent {
	}

	/** The fix shipped: the customer is to be told (by notification-service). */
	@Revision("1")
	record TicketFixReleased(TicketId ticketId, String issueKey, String version, long issueSequence,
			Instant releasedAt) implements TicketEvent {
	}

	/** Engineering will not fix it: the customer is to get the honest answer. */
	@Revision("1")
	record TicketFixDeclined(TicketId ticketId, String issueKey, String explanation, long issueSequence,
			Instant declinedAt) implements TicketEvent {
	}

	/** A duplicate: from now on it follows the surviving ticket's engineering issue. */
	@Revision("1")
	record TicketMerged(TicketId ticketId, TicketId survivingTicketId, String agent,
			Instant mergedAt) implements TicketEvent {
	}

	/**
	 * Another ticket was merged into this one.
	 *
	 * @param issueKey this ticket's engineering issue, null while it has none
	 */
	@Revision("1")
	record DuplicateAttached(TicketId ticketId, TicketId duplicateTicketId, String issueKey,
			Instant attachedAt) implements TicketEvent {
	}

	/**
	 * The customer did not answer the clarification request in time: they are reminded.
	 *
	 * @param closesAt when the ticket closes if there is still no answer
	 */
	@Revision("1")
	record CustomerReminded(TicketId ticketId, String question, Instant closesAt,
			Instant remindedAt) implements TicketEvent {
	}

}
