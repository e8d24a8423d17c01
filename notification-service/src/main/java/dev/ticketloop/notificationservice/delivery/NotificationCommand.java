package dev.ticketloop.notificationservice.delivery;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What can be asked of a {@link Notification}. */
public sealed interface NotificationCommand {

	String notificationId();

	/**
	 * Tell a customer something. The id is stable per (ticket, reason, cause), so asking
	 * twice for the same notification is one notification.
	 */
	record RequestNotification(@TargetAggregateIdentifier String notificationId, String ticketId, Reason reason,
			Recipient recipient, Content content) implements NotificationCommand {
	}

	/** The receiving server or adapter accepted the notification. */
	record RecordDelivery(@TargetAggregateIdentifier String notificationId, int attempt, String messageId,
			Instant deliveredAt) implements NotificationCommand {

		public RecordDelivery(String notificationId, String messageId, Instant deliveredAt) {
			this(notificationId, 0, messageId, deliveredAt);
		}

	}

	/**
	 * An attempt failed.
	 *
	 * @param permanent refused for good (no retry helps) rather than a passing failure
	 */
	record RecordFailure(@TargetAggregateIdentifier String notificationId, int attempt, boolean permanent,
			String detail) implements NotificationCommand {
	}

	/** The retry timer of {@code attempt} fired. */
	record AttemptAgain(@TargetAggregateIdentifier String notificationId, int attempt) implements NotificationCommand {
	}

	/** An operator sends a dead letter on again. */
	record RetryDeadLetter(@TargetAggregateIdentifier String notificationId,
			String operator) implements NotificationCommand {
	}

	/** An operator gives up on a dead letter. */
	record DiscardDeadLetter(@TargetAggregateIdentifier String notificationId, String operator,
			String note) implements NotificationCommand {
	}

	/** The customer rates their resolved ticket through the survey's signed link. */
	record AnswerSurvey(@TargetAggregateIdentifier String notificationId, int score,
			String comment) implements NotificationCommand {
	}

}
