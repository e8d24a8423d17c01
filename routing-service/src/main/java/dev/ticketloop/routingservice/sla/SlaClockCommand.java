package dev.ticketloop.routingservice.sla;

import java.time.Instant;

import dev.ticketloop.routingservice.sla.SlaClockState.Deadline;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What can be asked of an {@link SlaClock}. */
public sealed interface SlaClockCommand {

	String clockId();

	/** The clock of a ticket's id. */
	static String clockIdOf(String ticketId) {
		return "sla-" + ticketId;
	}

	/** A ticket opened: its clocks start under the policy triage chose. */
	record StartSlaClock(@TargetAggregateIdentifier String clockId, String ticketId, String policy, String priority,
			Instant openedAt) implements SlaClockCommand {
	}

	/**
	 * Something happened to the ticket.
	 *
	 * @param factId the id of the event that tells it (applied once)
	 * @param at when it happened (the ticket event's own time)
	 */
	record RecordClockFact(@TargetAggregateIdentifier String clockId, ClockFact fact, Instant at,
			String factId) implements SlaClockCommand {
	}

	/** A deadline's timer fired: raise its warning or breach if it still applies. */
	record CheckSlaDeadline(@TargetAggregateIdentifier String clockId, SlaTarget target, Deadline.Kind kind,
			int version) implements SlaClockCommand {
	}

}
