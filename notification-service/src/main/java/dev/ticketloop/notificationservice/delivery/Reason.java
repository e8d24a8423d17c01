package dev.ticketloop.notificationservice.delivery;

import java.util.Locale;

/** Why a customer is told something; one template per reason (and locale). */
public enum Reason {

	/** The ticket was received and triaged: once per ticket. */
	ACKNOWLEDGEMENT,

	/** The agent asks the customer for more information. */
	CLARIFICATION_REQUEST,

	/** An agent's answer. */
	REPLY,

	/** The ticket was resolved by an agent. */
	RESOLUTION,

	/** A clarification request is still unanswered. */
	REMINDER,

	/** The ticket closed because the clarification request stayed unanswered. */
	CLOSED_UNANSWERED,

	/** The fix for the customer's problem shipped. */
	FIX_RELEASED,

	/** Engineering will not fix it: the honest answer. */
	FIX_DECLINED,

	/** How satisfied was the customer? A signed link to rate the resolved ticket. */
	CSAT_SURVEY;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The notification's identity and idempotency key: once per ticket for the
	 * acknowledgement, once per (ticket, reason, source event) for the others (the
	 * CloudEvents id of what caused it). A redelivered or replayed cause finds the
	 * notification already requested.
	 */
	public String notificationIdFor(String ticketId, String causeEventId) {
		return (this == ACKNOWLEDGEMENT) ? ticketId + ":" + wireName()
				: ticketId + ":" + wireName() + ":" + causeEventId;
	}

}
