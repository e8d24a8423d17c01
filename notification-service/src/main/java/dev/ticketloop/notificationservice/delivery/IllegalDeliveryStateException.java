package dev.ticketloop.notificationservice.delivery;

/**
 * What was asked does not fit where the notification stands (retrying a dead letter that
 * is not one, answering a survey twice); the REST layer answers 409.
 */
public class IllegalDeliveryStateException extends RuntimeException {

	public IllegalDeliveryStateException(String message) {
		super(message);
	}

}
