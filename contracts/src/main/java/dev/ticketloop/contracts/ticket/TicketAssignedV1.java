package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/** An agent took the ticket (or it moved to another agent). */
public record TicketAssignedV1(String ticketId, String agent, Instant assignedAt) implements TicketIntegrationEvent {
}
