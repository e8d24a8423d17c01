package dev.ticketloop.ticketservice.ticket;

import java.util.Locale;

/** How urgent a ticket is, as decided by triage. */
public enum Priority {

	URGENT, HIGH, NORMAL, LOW;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Priority fromWireName(String name) {
		return valueOf(name.toUpperCase(Locale.ROOT));
	}

}
