package dev.ticketloop.ticketservice.ticket;

/** What was asked of a ticket is not possible in the state it is in. */
public class IllegalTicketTransitionException extends RuntimeException {

	private final TicketStatus status;

	public IllegalTicketTransitionException(TicketId ticketId, TicketStatus status, String action) {
		super("Ticket " + ticketId + " is " + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
				+ ": it cannot " + action + ".");
		this.status = status;
	}

	public TicketStatus status() {
		return this.status;
	}

}
