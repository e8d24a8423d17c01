package dev.ticketloop.notificationservice.delivery;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What can be asked of a {@link Notification}. */
public sealed interface NotificationCommand {

	/**
	 * Tell a customer something. The id is stable per (ticket, reason), so asking twice
	 * for the same notification is one notification.
	 */
	record RequestNotification(@TargetAggregateIdentifier String notificationId, String ticketId, Reason reason,
			Recipient recipient, Content content) implements NotificationCommand {
	}

	/** The receiving server accepted the message. */
	record RecordDelivery(@TargetAggregateIdentifier String notificationId, String messageId,
			Instant deliveredAt) implements NotificationCommand {
	}

}
