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
			Contact contact, Locale locale, String subject, String body) implements TicketCommand {
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

	/** Give the ticket to an agent (or to another one). */
	record AssignTicket(@TargetAggregateIdentifier TicketId ticketId, String agent) implements TicketCommand {
	}

	/** The agent needs more from the customer before going on. */
	record RequestClarification(@TargetAggregateIdentifier TicketId ticketId, String agent,
			String question) implements TicketCommand {
	}

	/** The customer wrote (through their channel's adapter). */
	record AddCustomerMessage(@TargetAggregateIdentifier TicketId ticketId, String actingChannel,
			String body) implements TicketCommand {
	}

	/** The agent answers the customer. */
	record ReplyToCustomer(@TargetAggregateIdentifier TicketId ticketId, String agent,
			String body) implements TicketCommand {
	}

	/** The agent considers the customer's issue answered. */
	record ResolveTicket(@TargetAggregateIdentifier TicketId ticketId, String agent,
			String resolution) implements TicketCommand {
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

	/** Why a ticket closed. */
	enum CloseReason {

		/** The customer confirmed the answer. */
		CONFIRMED,
		/** Nothing more was heard during the quiet period. */
		QUIET_PERIOD,
		/** An agent or operator closed it. */
		MANUAL

	}

}
