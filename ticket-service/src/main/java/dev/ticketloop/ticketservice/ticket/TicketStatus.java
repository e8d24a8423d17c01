package dev.ticketloop.ticketservice.ticket;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a ticket stands in its lifecycle: the support loop (new to resolved), the
 * engineering loop (escalated to customer notified), merged duplicates, closed. The
 * lifecycle in one place: what each status allows ({@link #mayEscalate()} and the other
 * guards) next to where each event leads ({@link #after}).
 */
public enum TicketStatus {

	/** Opened, waiting for triage. */
	NEW,

	/** Priority and first-response due time decided; not yet with an agent. */
	TRIAGED,

	/** An agent works on it. */
	IN_PROGRESS,

	/** The agent asked the customer for more information; the SLA clock pauses. */
	AWAITING_CUSTOMER,

	/** Linked to an engineering issue that has no fix planned yet. */
	ESCALATED,

	/** Engineering scheduled a fix for a version. */
	AWAITING_RELEASE,

	/** The fix shipped; the customer is being told. */
	FIX_RELEASED,

	/** Engineering will not fix it; the customer is being told why. */
	FIX_DECLINED,

	/** The customer was told (delivery receipt); resolves at once. */
	CUSTOMER_NOTIFIED,

	/** A duplicate merged into another ticket, following that ticket's issue. */
	MERGED,

	/** Answered; the customer may still reopen it, rate it or confirm. */
	RESOLVED,

	/** Done for good. */
	CLOSED;

	/** States in which the ticket is still being worked on. */
	public static final Set<TicketStatus> OPEN = EnumSet.of(NEW, TRIAGED, IN_PROGRESS, AWAITING_CUSTOMER, ESCALATED,
			AWAITING_RELEASE, FIX_RELEASED, FIX_DECLINED);

	/** States in which the ticket waits for its engineering issue. */
	public static final Set<TicketStatus> FOLLOWING_ISSUE = EnumSet.of(ESCALATED, AWAITING_RELEASE, MERGED);

	/**
	 * Still in support's hands, before engineering: a ticket here may be escalated (a
	 * known issue's ticket is linked as soon as it arrives, before triage) or merged into
	 * another.
	 */
	private static final Set<TicketStatus> WITH_SUPPORT = EnumSet.of(NEW, TRIAGED, IN_PROGRESS, AWAITING_CUSTOMER);

	public boolean isOpen() {
		return OPEN.contains(this);
	}

	// The guards of the transitions below: what an actor may do in a status. The ticket
	// adds what depends on more than its status (an unsettled issue, the channel).

	/**
	 * Escalated to engineering or linked to a known issue:
	 * {@link TicketEvent.TicketEscalated}.
	 */
	public boolean mayEscalate() {
		return WITH_SUPPORT.contains(this);
	}

	/** Merged into another ticket: {@link TicketEvent.TicketMerged}. */
	public boolean mayMerge() {
		return WITH_SUPPORT.contains(this);
	}

	/**
	 * An agent's reply ({@link TicketEvent.AgentReplied}): once assigned, also while the
	 * ticket waits for engineering.
	 */
	public boolean mayReply() {
		return this == IN_PROGRESS || this == AWAITING_CUSTOMER || this == ESCALATED || this == AWAITING_RELEASE;
	}

	/**
	 * Resolved by an agent or an automatic answer ({@link TicketEvent.TicketResolved}):
	 * from triage on, also with a workaround while engineering works on it.
	 */
	public boolean mayResolve() {
		return this == TRIAGED || this == IN_PROGRESS || this == AWAITING_CUSTOMER || this == ESCALATED
				|| this == AWAITING_RELEASE;
	}

	/**
	 * The status after an event: the one rule both the ticket and its read model follow.
	 * @param current the status before, null before the ticket was opened
	 */
	public static TicketStatus after(TicketStatus current, TicketEvent event) {
		return switch (event) {
			case TicketEvent.TicketOpened e -> NEW;
			case TicketEvent.TicketTriaged e -> (current == NEW) ? TRIAGED : current;
			case TicketEvent.TicketAssigned e -> (current == NEW || current == TRIAGED) ? IN_PROGRESS : current;
			case TicketEvent.ClarificationRequested e -> AWAITING_CUSTOMER;
			case TicketEvent.CustomerMessageReceived e -> e.answersClarification() ? IN_PROGRESS : current;
			case TicketEvent.TicketResolved e -> RESOLVED;
			case TicketEvent.TicketEscalated e -> (current == MERGED) ? MERGED : ESCALATED;
			case TicketEvent.TicketFixScheduled e -> (current == MERGED) ? MERGED : AWAITING_RELEASE;
			// a ticket an agent settled meanwhile keeps its status: the customer is told,
			// the ticket is not resolved again
			case TicketEvent.TicketFixReleased e -> FOLLOWING_ISSUE.contains(current) ? FIX_RELEASED : current;
			case TicketEvent.TicketFixDeclined e -> FOLLOWING_ISSUE.contains(current) ? FIX_DECLINED : current;
			case TicketEvent.TicketMerged e -> MERGED;
			case TicketEvent.DuplicateAttached e -> current;
			case TicketEvent.CustomerReminded e -> current;
			case TicketEvent.TicketReopened e -> IN_PROGRESS;
			case TicketEvent.TicketClosed e -> CLOSED;
			case TicketEvent.AgentReplied e -> current;
			case TicketEvent.TicketRated e -> current;
			case TicketEvent.CustomerNotificationFailed e -> current;
			case TicketEvent.CustomerNotified e ->
				((current == FIX_RELEASED || current == FIX_DECLINED) && closesTheLoop(e.reason())) ? CUSTOMER_NOTIFIED
						: current;
		};
	}

	/**
	 * Whether a delivery receipt of this reason closes the engineering loop: the customer
	 * was told of the released or declined fix.
	 */
	public static boolean closesTheLoop(String notificationReason) {
		return "fix_released".equals(notificationReason) || "fix_declined".equals(notificationReason);
	}

}
