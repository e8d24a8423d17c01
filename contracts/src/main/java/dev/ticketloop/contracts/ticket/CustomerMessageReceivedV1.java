package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The customer wrote.
 *
 * @param answersClarification true when it answers a clarification request (the ticket is
 * back with the agent; SLA clocks resume)
 */
public record CustomerMessageReceivedV1(String ticketId, String body, boolean answersClarification,
		Instant receivedAt) implements TicketIntegrationEvent {
}
