package dev.ticketloop.notificationservice.delivery;

import java.time.Instant;

/** How an attempt went. */
public sealed interface DeliveryOutcome {

	/**
	 * @param messageId the receiver's proof (SMTP Message-ID, webhook delivery id)
	 */
	record Delivered(String messageId, Instant deliveredAt) implements DeliveryOutcome {
	}

	/**
	 * @param permanent refused for good (SMTP 5xx, HTTP 4xx): no retry helps
	 * @param detail what the receiver answered, for operators
	 */
	record Failed(boolean permanent, String detail) implements DeliveryOutcome {

		public static Failed passing(String detail) {
			return new Failed(false, detail);
		}

		public static Failed permanent(String detail) {
			return new Failed(true, detail);
		}

	}

}
