package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * An agent answered the customer; the answer is to be delivered to them.
 *
 * @param templateId the answer template the agent replied with, perhaps edited (added in
 * place, optional, as the field after it)
 */
public record AgentRepliedV1(String ticketId, String agent, String body, Instant repliedAt, String templateId,
		Integer templateVersion) implements TicketIntegrationEvent {

	public AgentRepliedV1(String ticketId, String agent, String body, Instant repliedAt) {
		this(ticketId, agent, body, repliedAt, null, null);
	}

}
