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

	/**
	 * A ticket from the e-mail channel is answered by mail: its contact needs an address.
	 * @throws IllegalArgumentException when the contact cannot be reached on the channel
	 */
	public Contact requireReachableOn(Channel channel) {
		if (channel == Channel.EMAIL && (this.email == null || this.email.isBlank())) {
			throw new IllegalArgumentException("contact.email: required for tickets from the email channel");
		}
		return this;
	}

}
