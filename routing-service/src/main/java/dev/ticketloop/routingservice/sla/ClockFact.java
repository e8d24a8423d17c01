package dev.ticketloop.routingservice.sla;

/** What happened to a ticket, as far as its SLA clocks are concerned. */
public enum ClockFact {

	/** The agent asked the customer: an answer; the clock waits for the customer. */
	QUESTION_ASKED,

	/** The customer answered the question: the clock runs again. */
	CUSTOMER_ANSWERED,

	/** The customer wrote (not answering a question): the next answer is due. */
	CUSTOMER_WROTE,

	/** An agent answered. */
	AGENT_REPLIED,

	/** Resolved. */
	RESOLVED,

	/** The customer reopened it. */
	REOPENED,

	/** A fix is scheduled: the ticket waits for the release. */
	FIX_SCHEDULED,

	/** The release shipped, or engineering declined: the wait is over. */
	FIX_SETTLED,

	/** Closed or merged into another ticket: nothing more is measured. */
	ENDED

}
