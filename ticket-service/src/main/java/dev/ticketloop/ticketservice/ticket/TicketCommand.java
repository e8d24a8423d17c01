package dev.ticketloop.ticketservice.ticket;

import java.time.Instant;
import java.util.Locale;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What can be asked of a {@link Ticket}. Commands a channel adapter sends carry its
 * channel ({@code actingChannel}); the ticket refuses them when it belongs to another
 * channel. Agents' and operators' commands carry none.
 */
public sealed interface TicketCommand {

	TicketId ticketId();

	/** A channel adapter hands in a customer's issue. */
	record OpenTicket(@TargetAggregateIdentifier TicketId ticketId, Channel channel, String customerRef,
			Contact contact, Locale locale, String subject, String body, String customerTier,
			ClientEnvironment environment) implements TicketCommand {

		/** A ticket of a customer whose tier the adapter does not know. */
		public OpenTicket(TicketId ticketId, Channel channel, String customerRef, Contact contact, Locale locale,
				String subject, String body) {
			this(ticketId, channel, customerRef, contact, locale, subject, body, null, ClientEnvironment.UNKNOWN);
		}

		/** A ticket whose platform and product version the adapter does not know. */
		public OpenTicket(TicketId ticketId, Channel channel, String customerRef, Contact contact, Locale locale,
				String subject, String body, String customerTier) {
			this(ticketId, channel, customerRef, contact, locale, subject, body, customerTier,
					ClientEnvironment.UNKNOWN);
		}

	}

	/** routing-service's triage decision arrived; applied once per decision. */
	record ApplyTriageDecision(@TargetAggregateIdentifier TicketId ticketId, String decisionId, Priority priority,
			Instant firstResponseDueAt) implements TicketCommand {
	}

	/**
	 * notification-service's delivery receipt arrived; recorded once per notification.
	 */
	record RecordCustomerNotified(@TargetAggregateIdentifier TicketId ticketId, String notificationId, String reason,
			String channel, Instant deliveredAt) implements TicketCommand {
	}

	/**
	 * notification-service gave up telling the customer something (dead-lettered);
	 * recorded once per notification and attempt count.
	 */
	record RecordNotificationFailure(@TargetAggregateIdentifier TicketId ticketId, String notificationId, String reason,
			String channel, int attempts, String failure, String detail) implements TicketCommand {
	}

	/** Give the ticket to an agent (or to another one). */
	record AssignTicket(@TargetAggregateIdentifier TicketId ticketId, String agent) implements TicketCommand {
	}

	/**
	 * routing-service's dispatcher gives the ticket to {@code agent}, having seen it with
	 * {@code previousAgent} (null: nobody): refused when the ticket has moved on since
	 * (an agent took it by hand, a later decision came first, an old decision is
	 * delivered again).
	 */
	record ApplyAssignmentDecision(@TargetAggregateIdentifier TicketId ticketId, String agent,
			String previousAgent) implements TicketCommand {
	}

	/** The agent needs more from the customer before going on. */
	record RequestClarification(@TargetAggregateIdentifier TicketId ticketId, String agent,
			String question) implements TicketCommand {
	}

	/** The customer wrote (through their channel's adapter). */
	record AddCustomerMessage(@TargetAggregateIdentifier TicketId ticketId, String actingChannel,
			String body) implements TicketCommand {
	}

	/**
	 * The agent answers the customer.
	 *
	 * @param template the answer template the reply was written with, if any
	 */
	record ReplyToCustomer(@TargetAggregateIdentifier TicketId ticketId, String agent, String body,
			TemplateUse template) implements TicketCommand {

		public ReplyToCustomer(TicketId ticketId, String agent, String body) {
			this(ticketId, agent, body, null);
		}

	}

	/**
	 * The agent (or routing, answering with a template by itself) considers the
	 * customer's issue answered.
	 *
	 * @param template the answer template the resolution was written with, if any
	 */
	record ResolveTicket(@TargetAggregateIdentifier TicketId ticketId, String agent, String resolution,
			TemplateUse template) implements TicketCommand {

		public ResolveTicket(TicketId ticketId, String agent, String resolution) {
			this(ticketId, agent, resolution, null);
		}

	}

	/** The customer says the issue is back. */
	record ReopenTicket(@TargetAggregateIdentifier TicketId ticketId, String actingChannel,
			String reason) implements TicketCommand {
	}

	/** The customer rates the answer (CSAT, 1 to 5). */
	record RateTicket(@TargetAggregateIdentifier TicketId ticketId, String actingChannel, int score,
			String comment) implements TicketCommand {
	}

	/** A resolved ticket is done for good. */
	record CloseTicket(@TargetAggregateIdentifier TicketId ticketId, String actingChannel,
			CloseReason reason) implements TicketCommand {
	}

	/**
	 * Escalate to engineering: link to a known issue ({@code knownIssue}) or report a new
	 * one under a fresh key with a title and description. Escalating again to the same
	 * issue is a no-op.
	 *
	 * @param viaSurvivor set (by the system) for a merged duplicate following its
	 * survivor's issue
	 */
	record EscalateTicket(@TargetAggregateIdentifier TicketId ticketId, String agent, String issueKey,
			boolean knownIssue, String title, String description, TicketId viaSurvivor) implements TicketCommand {
	}

	/**
	 * The ticket's engineering issue moved on. Sent by the system for every linked
	 * ticket; each issue event is applied once and an older one never after a newer one.
	 *
	 * @param issueSequence the issue event's sequence number
	 */
	record FollowIssue(@TargetAggregateIdentifier TicketId ticketId, String issueKey, Progress progress, String detail,
			long issueSequence) implements TicketCommand {

		public enum Progress {

			/** Detail: the target version. */
			FIX_SCHEDULED,
			/** Detail: the version that contains the fix. */
			FIX_RELEASED,
			/** Detail: engineering's explanation. */
			FIX_DECLINED

		}

	}

	/** This ticket duplicates another one: it follows the survivor from now on. */
	record MergeTicket(@TargetAggregateIdentifier TicketId ticketId, TicketId survivingTicketId,
			String agent) implements TicketCommand {
	}

	/** Sent by the system to the survivor of a merge. Attaching twice is a no-op. */
	record AttachDuplicate(@TargetAggregateIdentifier TicketId ticketId,
			TicketId duplicateTicketId) implements TicketCommand {
	}

	/**
	 * A timer: the clarification request of {@code round} is still unanswered.
	 *
	 * @param round the sequence number of the clarification request
	 */
	record RemindCustomer(@TargetAggregateIdentifier TicketId ticketId, long round,
			Instant closesAt) implements TicketCommand {
	}

	/** A timer: the clarification request of {@code round} stayed unanswered too long. */
	record CloseUnanswered(@TargetAggregateIdentifier TicketId ticketId, long round) implements TicketCommand {
	}

	/** A timer: nothing was heard since the resolution of {@code round}. */
	record CloseAfterQuietPeriod(@TargetAggregateIdentifier TicketId ticketId, long round) implements TicketCommand {
	}

	/** Why a ticket closed. */
	enum CloseReason {

		/** The customer confirmed the answer. */
		CONFIRMED,
		/** The customer rated the answer. */
		RATED,
		/** Nothing more was heard during the quiet period after the resolution. */
		QUIET_PERIOD,
		/**
		 * The customer never answered a clarification request (and got a polite final
		 * message).
		 */
		UNANSWERED,
		/** An agent or operator closed it. */
		MANUAL;

		/**
		 * As the published {@code ticket.closed.v1} spells it ({@code rated},
		 * {@code quiet_period}), wherever the reason is shown.
		 */
		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
