package dev.ticketloop.ticketservice.ticket;

/**
 * What was asked of a ticket is not possible because it is closed, which is final: a
 * refusal of its own kind, so that a client can tell "already closed" (a repeated
 * confirmation, say) from "not there yet".
 */
public class TicketClosedException extends IllegalTicketTransitionException {

	/**
	 * @param action what was refused ({@code "be reopened"}), or null when it was closing
	 * it again
	 */
	TicketClosedException(TicketId ticketId, String action) {
		super(TicketStatus.CLOSED,
				"Ticket " + ticketId + " is already closed" + ((action != null)
						? ": it cannot " + action + " (a closed ticket is final; the customer can open a new one)" : "")
						+ ".");
	}

}
