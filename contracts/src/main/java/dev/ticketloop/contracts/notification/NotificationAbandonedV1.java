package dev.ticketloop.contracts.notification;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * A notification could not be delivered and went to the dead-letter store: the recipient
 * refused it for good, or every retry failed. An operator may still retry it (a later
 * {@code delivered} receipt then follows) or discard it.
 *
 * @param notificationId the notification (as in {@code delivered})
 * @param reason e.g. {@code fix_released}
 * @param channel e.g. {@code email} or {@code chat}
 * @param attempts how many attempts were made
 * @param failure {@code permanent} (refused) or {@code exhausted} (retries used up)
 * @param detail what the last attempt answered, e.g. {@code SMTP 550 mailbox unavailable}
 */
public record NotificationAbandonedV1(String ticketId, String notificationId, String reason, String channel,
		int attempts, String failure, String detail, Instant abandonedAt) implements TicketIntegrationEvent {
}
