package dev.ticketloop.example.consumer;

/**
 * Where a ticket stands, as the published events tell it. The names are ticket-service's
 * own ({@code TicketStatus} there): the published language carries the facts, not the
 * status, so a consumer derives it with the same rule ({@link TicketStatuses#next}).
 */
public enum TicketStatus {

	/** Opened, waiting for triage. */
	NEW,

	/** Priority and first-response due time decided; not yet with an agent. */
	TRIAGED,

	/** An agent works on it. */
	IN_PROGRESS,

	/** The agent asked the customer for more information. */
	AWAITING_CUSTOMER,

	/** Linked to an engineering issue that has no fix planned yet. */
	ESCALATED,

	/** Engineering scheduled a fix for a version. */
	AWAITING_RELEASE,

	/** The fix shipped; the customer is being told. */
	FIX_RELEASED,

	/** Engineering will not fix it; the customer is being told why. */
	FIX_DECLINED,

	/**
	 * The customer was told of the released or declined fix. Only for an instant: the
	 * resolved event follows at once.
	 */
	CUSTOMER_NOTIFIED,

	/** A duplicate merged into another ticket, following that ticket's issue. */
	MERGED,

	/** Answered; the customer may still reopen it, rate it or confirm. */
	RESOLVED,

	/** Done for good. */
	CLOSED;

	/** Whether the ticket waits for its engineering issue. */
	boolean followsIssue() {
		return this == ESCALATED || this == AWAITING_RELEASE || this == MERGED;
	}

}
