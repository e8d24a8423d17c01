package dev.ticketloop.ticketservice.ticket;

import java.util.Locale;

/** What was asked of a ticket is not possible in the state it is in. */
public class IllegalTicketTransitionException extends RuntimeException {

	private final TicketStatus status;

	public IllegalTicketTransitionException(TicketId ticketId, TicketStatus status, String action) {
		this(status, "Ticket " + ticketId + " is " + status.name().toLowerCase(Locale.ROOT).replace('_', ' ')
				+ ": it cannot " + action + ".");
	}

	/**
	 * A refusal whose message says more than "it cannot" (e.g. that it is already so).
	 */
	IllegalTicketTransitionException(TicketStatus status, String message) {
		super(message);
		this.status = status;
	}

	public TicketStatus status() {
		return this.status;
	}

}
