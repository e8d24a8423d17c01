package dev.ticketloop.contracts.routing;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * A ticket's SLA target was met: the answer (or resolution) came, within the target or
 * not. The basis of SLA attainment.
 *
 * @param elapsedSeconds working time it took (pauses while waiting on the customer not
 * counted)
 * @param limitSeconds the working time allowed
 */
public record SlaTargetMetV1(String ticketId, String target, String policy, boolean withinTarget, long elapsedSeconds,
		long limitSeconds, Instant metAt) implements TicketIntegrationEvent {
}
