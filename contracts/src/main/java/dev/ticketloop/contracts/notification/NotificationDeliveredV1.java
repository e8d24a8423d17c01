package dev.ticketloop.contracts.notification;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * A delivery receipt: one notification reached one recipient (the receiving server
 * accepted it).
 *
 * @param notificationId stable per (ticket, reason): the same notification is delivered
 * once
 * @param reason e.g. {@code acknowledgement}
 * @param channel e.g. {@code email}
 */
public record NotificationDeliveredV1(String ticketId, String notificationId, String reason, String channel,
		Instant deliveredAt) implements TicketIntegrationEvent {
}
