package dev.ticketloop.notificationservice.delivery;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The proof of every notification: requested, then delivered. */
public sealed interface NotificationEvent {

	String notificationId();

	@Revision("1")
	record NotificationRequested(String notificationId, String ticketId, Reason reason, Recipient recipient,
			Content content, Instant requestedAt) implements NotificationEvent {
	}

	@Revision("1")
	record NotificationDelivered(String notificationId, String ticketId, Reason reason, String channel,
			String messageId, Instant deliveredAt) implements NotificationEvent {
	}

}
