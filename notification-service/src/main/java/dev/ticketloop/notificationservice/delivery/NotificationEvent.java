package dev.ticketloop.notificationservice.delivery;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * The proof of every notification: requested, each attempt and its outcome (delivered,
 * failed with the next attempt scheduled, or abandoned to the dead-letter store), what
 * operators did with a dead letter, and a survey's answer.
 */
public sealed interface NotificationEvent {

	String notificationId();

	String ticketId();

	@Revision("1")
	record NotificationRequested(String notificationId, String ticketId, Reason reason, Recipient recipient,
			Content content, Instant requestedAt) implements NotificationEvent {
	}

	/** Attempt number {@code attempt} (1 for the first) is to be made now. */
	@Revision("1")
	record DeliveryAttempted(String notificationId, String ticketId, int attempt, String channel,
			Instant attemptedAt) implements NotificationEvent {
	}

	/**
	 * @param messageId the SMTP Message-ID or the webhook delivery id
	 * @param attempt the attempt that succeeded (0 in events recorded before attempts
	 * were counted)
	 */
	@Revision("1")
	record NotificationDelivered(String notificationId, String ticketId, Reason reason, String channel,
			String messageId, Instant deliveredAt, int attempt) implements NotificationEvent {

		public NotificationDelivered(String notificationId, String ticketId, Reason reason, String channel,
				String messageId, Instant deliveredAt) {
			this(notificationId, ticketId, reason, channel, messageId, deliveredAt, 0);
		}

	}

	/**
	 * A passing failure (SMTP 4xx, HTTP 5xx, a timeout, a server away).
	 *
	 * @param detail what the server answered
	 * @param nextAttemptAt when the next attempt is made
	 */
	@Revision("1")
	record DeliveryFailed(String notificationId, String ticketId, int attempt, String channel, String detail,
			Instant nextAttemptAt, Instant failedAt) implements NotificationEvent {
	}

	/**
	 * Given up: refused for good (SMTP 5xx, HTTP 4xx) or the last retry failed. The
	 * notification is in the dead-letter store.
	 *
	 * @param permanent refused for good (true) or out of retries (false)
	 */
	@Revision("1")
	record DeliveryAbandoned(String notificationId, String ticketId, Reason reason, String channel, int attempt,
			boolean permanent, String detail, Instant abandonedAt) implements NotificationEvent {
	}

	/** An operator sent a dead letter on again; a new attempt follows. */
	@Revision("1")
	record DeadLetterRetried(String notificationId, String ticketId, String operator,
			Instant retriedAt) implements NotificationEvent {
	}

	/** An operator gave up on a dead letter. */
	@Revision("1")
	record DeadLetterDiscarded(String notificationId, String ticketId, String operator, String note,
			Instant discardedAt) implements NotificationEvent {
	}

	/** The customer answered the satisfaction survey of this notification. */
	@Revision("1")
	record SurveyAnswered(String notificationId, String ticketId, int score, String comment,
			Instant answeredAt) implements NotificationEvent {
	}

}
