package dev.ticketloop.notificationservice.delivery;

/** There is no notification with this id (or there was none yet at the instant asked). */
public class NotificationNotFoundException extends RuntimeException {

	public NotificationNotFoundException(String notificationId) {
		super("There is no notification " + notificationId + ".");
	}

}
