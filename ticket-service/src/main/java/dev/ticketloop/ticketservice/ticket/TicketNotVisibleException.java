package dev.ticketloop.ticketservice.ticket;

/**
 * A channel adapter acted on a ticket of another channel. Reported as if the ticket did
 * not exist, so that adapters cannot probe ids.
 */
public class TicketNotVisibleException extends RuntimeException {

	public TicketNotVisibleException(TicketId ticketId) {
		super("There is no ticket " + ticketId + ".");
	}

}
