package dev.ticketloop.notificationservice.delivery;

/** Where a notification's delivery stands. */
public enum DeliveryStatus {

	/** An attempt is under way (or about to be). */
	ATTEMPTING,

	/** The last attempt failed for a passing reason; the next one is scheduled. */
	RETRY_SCHEDULED,

	/** The receiving server or adapter accepted it. */
	DELIVERED,

	/** Refused for good or out of retries: in the dead-letter store, for an operator. */
	DEAD_LETTERED,

	/** An operator gave up on it. */
	DISCARDED;

	/**
	 * The status after an event: the one rule the notification and its views follow.
	 * @param current the status before, null before it was requested
	 */
	public static DeliveryStatus after(DeliveryStatus current, NotificationEvent event) {
		return switch (event) {
			// requests recorded before attempts were events were attempted at once
			case NotificationEvent.NotificationRequested e -> ATTEMPTING;
			case NotificationEvent.DeliveryAttempted e -> ATTEMPTING;
			// a delivery is a fact whenever it is reported, even after giving up
			case NotificationEvent.NotificationDelivered e -> DELIVERED;
			case NotificationEvent.DeliveryFailed e -> RETRY_SCHEDULED;
			case NotificationEvent.DeliveryAbandoned e -> DEAD_LETTERED;
			case NotificationEvent.DeadLetterDiscarded e -> DISCARDED;
			// the attempt that follows makes it ATTEMPTING
			case NotificationEvent.DeadLetterRetried e -> current;
			case NotificationEvent.SurveyAnswered e -> current;
		};
	}

}
