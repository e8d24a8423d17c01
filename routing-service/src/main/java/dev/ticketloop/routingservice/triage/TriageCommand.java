package dev.ticketloop.routingservice.triage;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What can be asked of a {@link Triage}. */
public sealed interface TriageCommand {

	/** A new ticket arrived and needs a priority and a first-response due time. */
	record TriageTicket(@TargetAggregateIdentifier String ticketId, String channel,
			Instant openedAt) implements TriageCommand {
	}

}
