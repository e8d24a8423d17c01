package dev.ticketloop.ticketservice.ticket;

import java.time.Instant;
import java.util.Locale;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What can be asked of a {@link Ticket}. */
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

}
