package dev.ticketloop.notificationservice.delivery;

import java.time.Instant;

/**
 * The facts a notification's template needs.
 *
 * @param ticketSubject the subject the customer wrote
 * @param dueAt when the next answer is due, if known
 * @param text what the agent wrote (question, reply or resolution), if any; a released
 * fix's version
 * @param approvedText a text support approved for this notification, in the customer's
 * language with its placeholders filled (a released fix's release template), which the
 * mail says instead of the standard paragraphs; null when there is none (added in place:
 * null in earlier events)
 */
public record Content(String ticketSubject, Instant dueAt, String text, String approvedText) {

	public Content(String ticketSubject, Instant dueAt, String text) {
		this(ticketSubject, dueAt, text, null);
	}

}
