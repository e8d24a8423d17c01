package dev.ticketloop.insightsservice.report;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * The steps of the loop a ticket can reach, in the order of the funnel. A ticket "leaves"
 * the funnel at the furthest step before {@link #CLOSED} it reached, once it is resolved
 * or closed; until then it is in progress there.
 */
public enum FunnelStep {

	OPENED((t) -> true),
	/** routing answered it with an approved template by itself. */
	ANSWERED_AUTOMATICALLY(TicketFact::automatic),
	/** resolved with at most one reply, no clarification, no reopening. */
	RESOLVED_WITH_SINGLE_REPLY(TicketFact::singleReply), CLARIFICATION_ASKED(TicketFact::clarified),
	ESCALATED(TicketFact::escalated),
	/** a fix was scheduled for the issue it is linked to. */
	WAITING_FOR_RELEASE(TicketFact::waitingForRelease),
	/**
	 * told of the released (or declined) fix: the loop closed on the delivery receipt.
	 */
	CUSTOMER_TOLD(TicketFact::told), CLOSED(TicketFact::closed);

	private final Predicate<TicketFact> reached;

	FunnelStep(Predicate<TicketFact> reached) {
		this.reached = reached;
	}

	public boolean reachedBy(TicketFact ticket) {
		return this.reached.test(ticket);
	}

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The furthest step before {@link #CLOSED} the ticket reached. */
	public static FunnelStep furthest(TicketFact ticket) {
		FunnelStep furthest = OPENED;
		for (FunnelStep step : values()) {
			if (step != CLOSED && step.reachedBy(ticket)) {
				furthest = step;
			}
		}
		return furthest;
	}

}
