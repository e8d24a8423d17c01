package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The ticket was resolved.
 *
 * @param singleReply resolved with at most one reply, without clarification or reopening
 * @param cause {@code agent} (an agent answered; the customer is yet to be told),
 * {@code fix-released} or {@code fix-declined} (the customer was already told, the loop
 * closed on the delivery receipt); absent in events written before it existed, meaning
 * {@code agent}
 * @param templateId the answer template the resolution was written with (added in place,
 * optional, as the fields after it)
 * @param automatic true when routing answered with the template by itself, false when an
 * agent did; null without a template
 */
public record TicketResolvedV1(String ticketId, String resolution, boolean singleReply, Instant resolvedAt,
		String cause, String templateId, Integer templateVersion, Boolean automatic) implements TicketIntegrationEvent {

	public TicketResolvedV1(String ticketId, String resolution, boolean singleReply, Instant resolvedAt, String cause) {
		this(ticketId, resolution, singleReply, resolvedAt, cause, null, null, null);
	}

}
