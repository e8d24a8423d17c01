package dev.ticketloop.ticketservice.ticket;

import java.util.Locale;

/** Who resolved a ticket. */
public enum ResolutionCause {

	/** An agent answered; the customer is yet to be told (a resolution mail). */
	AGENT,

	/** The customer was told the fix shipped: the loop closed on the delivery receipt. */
	FIX_RELEASED,

	/** The customer got engineering's honest answer that there will be no fix. */
	FIX_DECLINED;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
