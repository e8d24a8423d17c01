package dev.ticketloop.ticketservice.ticket;

/**
 * How to reach the customer: an e-mail address (optional on non-e-mail channels, whose
 * adapters answer through their own callback), a name to address them by and their time
 * zone (IANA id such as {@code America/Mexico_City}; dates in what they are told are
 * written in it, UTC when unknown).
 */
public record Contact(String email, String name, String timeZone) {

	public Contact(String email, String name) {
		this(email, name, null);
	}

}
