package dev.ticketloop.ticketservice.ticket;

/**
 * Where a ticket stands in its lifecycle (the later states arrive with the closed loop).
 */
public enum TicketStatus {

	/** Opened, waiting for triage. */
	NEW,

	/** Priority and first-response due time decided. */
	TRIAGED

}
