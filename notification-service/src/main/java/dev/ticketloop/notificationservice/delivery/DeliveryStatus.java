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
	DISCARDED

}
