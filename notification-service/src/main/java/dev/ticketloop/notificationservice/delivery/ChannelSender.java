package dev.ticketloop.notificationservice.delivery;

import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;

/**
 * Sends a notification on one kind of channel (e-mail, webhooks to channel adapters) and
 * says how it went. Never throws for a failed delivery: a failure is an outcome, passing
 * or permanent, which the notification records and acts on.
 */
public interface ChannelSender {

	/** Whether this sender reaches the recipient. */
	boolean reaches(Recipient recipient);

	DeliveryOutcome send(NotificationRequested request, int attempt);

}
