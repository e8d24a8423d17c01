package dev.ticketloop.ticketservice.ticket;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a ticket stands in its lifecycle. Engineering states (escalated, awaiting
 * release, fix released, customer notified) and merging arrive with the engineering
 * issue.
 */
public enum TicketStatus {

	/** Opened, waiting for triage. */
	NEW,

	/** Priority and first-response due time decided; not yet with an agent. */
	TRIAGED,

	/** An agent works on it. */
	IN_PROGRESS,

	/** The agent asked the customer for more information; the SLA clock pauses. */
	AWAITING_CUSTOMER,

	/** Answered; the customer may still reopen it, rate it or confirm. */
	RESOLVED,

	/** Done for good. */
	CLOSED;

	/** States in which the ticket is still being worked on. */
	public static final Set<TicketStatus> OPEN = EnumSet.of(NEW, TRIAGED, IN_PROGRESS, AWAITING_CUSTOMER);

	public boolean isOpen() {
		return OPEN.contains(this);
	}

	/**
	 * The status after an event: the one rule both the ticket and its read model follow.
	 * @param current the status before, null before the ticket was opened
	 */
	public static TicketStatus after(TicketStatus current, TicketEvent event) {
		return switch (event) {
			case TicketEvent.TicketOpened e -> NEW;
			case TicketEvent.TicketTriaged e -> (current == NEW) ? TRIAGED : current;
			case TicketEvent.TicketAssigned e -> (current == NEW || current == TRIAGED) ? IN_PROGRESS : current;
			case TicketEvent.ClarificationRequested e -> AWAITING_CUSTOMER;
			case TicketEvent.CustomerMessageReceived e -> e.answersClarification() ? IN_PROGRESS : current;
			case TicketEvent.TicketResolved e -> RESOLVED;
			case TicketEvent.TicketReopened e -> IN_PROGRESS;
			case TicketEvent.TicketClosed e -> CLOSED;
			case TicketEvent.AgentReplied e -> current;
			case TicketEvent.TicketRated e -> current;
			case TicketEvent.CustomerNotified e -> current;
		};
	}

}
