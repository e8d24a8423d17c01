package dev.ticketloop.routingservice.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ticketloop.routingservice.sla.SlaClockState.Deadline;
import org.axonframework.serialization.Revision;

/**
 * The history of a ticket's SLA clocks: the policy they started under (its limits kept
 * with it), every fact that moved them, and what they raised. The facts are what a "what
 * if" replays under another policy.
 */
public sealed interface SlaClockEvent {

	String clockId();

	String ticketId();

	/**
	 * @param targets the policy's targets as configured (whole days are business days of
	 * the calendar)
	 * @param deadlines what is now due
	 */
	@Revision("1")
	record SlaClockStarted(String clockId, String ticketId, String policy, String calendar, String priority,
			Map<SlaTarget, Duration> targets, double warnAt, boolean pauseWhileAwaitingRelease,
			boolean escalateOnBreach, Instant openedAt, List<Deadline> deadlines) implements SlaClockEvent {
	}

	/**
	 * @param replaced the deadlines due before this fact (no longer valid)
	 * @param deadlines what is due after it
	 */
	@Revision("1")
	record SlaFactRecorded(String clockId, String ticketId, ClockFact fact, Instant at, String factId, int version,
			List<Deadline> replaced, List<Deadline> deadlines) implements SlaClockEvent {
	}

	/** A target was met (within its limit or not). */
	@Revision("1")
	record SlaTargetMet(String clockId, String ticketId, SlaTarget target, String policy, Duration elapsed,
			Duration limit, boolean withinTarget, Instant metAt) implements SlaClockEvent {
	}

	/**
	 * @param dueAt when the warning was due
	 * @param raisedAt when it was raised (the timer's lateness is the difference)
	 */
	@Revision("1")
	record SlaWarningRaised(String clockId, String ticketId, SlaTarget target, String policy, Instant dueAt,
			Instant breachAt, Instant raisedAt) implements SlaClockEvent {
	}

	@Revision("1")
	record SlaTargetBreached(String clockId, String ticketId, SlaTarget target, String policy, Instant dueAt,
			Instant raisedAt) implements SlaClockEvent {
	}

	/** A breach raised the ticket's priority (the policy says so). */
	@Revision("1")
	record PriorityEscalated(String clockId, String ticketId, String from, String to, SlaTarget breached,
			Instant firstResponseDueAt, String policy, Instant escalatedAt) implements SlaClockEvent {
	}

}
