package dev.ticketloop.notificationservice.delivery;

/** A survey answer for a notification that is no survey; the REST layer answers 404. */
public class NotASurveyException extends RuntimeException {

	public NotASurveyException(String notificationId) {
		super("Notification " + notificationId + " is not a survey");
	}

}
