package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/** An agent answered the customer; the answer is to be delivered to them. */
public record AgentRepliedV1(String ticketId, String agent, String body,
		Instant repliedAt) implements TicketIntegrationEvent {
}
