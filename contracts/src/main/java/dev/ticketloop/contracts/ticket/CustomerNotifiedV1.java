package dev.ticketloop.contracts.ticket;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The ticket recorded a delivery receipt: the customer was told something.
 *
 * @param reason e.g. {@code acknowledgement}
 * @param channel how it reached the customer, e.g. {@code email}
 */
public record CustomerNotifiedV1(String ticketId, String notificationId, String reason, String channel,
		Instant deliveredAt) implements TicketIntegrationEvent {
}
