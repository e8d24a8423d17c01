package dev.ticketloop.routingservice.triage;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What can be asked of a {@link Triage}. */
public sealed interface TriageCommand {

	/**
	 * A new ticket arrived and needs a priority, a first-response due time and a queue.
	 *
	 * @param policy the SLA policy chosen for the customer's tier and channel
	 */
	record TriageTicket(@TargetAggregateIdentifier String ticketId, String channel, Instant openedAt,
			String customerTier, String policy) implements TriageCommand {
	}

}
