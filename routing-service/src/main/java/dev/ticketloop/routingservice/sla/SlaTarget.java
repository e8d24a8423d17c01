package dev.ticketloop.routingservice.sla;

import java.util.Locale;

/** What an SLA promises, and by when it is measured. */
public enum SlaTarget {

	/**
	 * From opening to the first answer to the customer (a reply, a question, a
	 * resolution).
	 */
	FIRST_RESPONSE,

	/** From a customer's message (after the first answer) to the next answer. */
	NEXT_RESPONSE,

	/** From opening to resolution, without the time waiting on the customer. */
	RESOLUTION;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
