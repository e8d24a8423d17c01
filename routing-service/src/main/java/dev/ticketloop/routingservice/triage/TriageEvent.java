package dev.ticketloop.routingservice.triage;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** What triage decided. */
public sealed interface TriageEvent {

	@Revision("1")
	record TriageDecided(String ticketId, String decisionId, String priority, Instant firstResponseDueAt, String policy,
			Instant decidedAt) implements TriageEvent {
	}

}
