package dev.ticketloop.notificationservice.delivery;

import java.time.Instant;

/**
 * The facts a notification's template needs.
 *
 * @param ticketSubject the subject the customer wrote
 * @param dueAt when the next answer is due, if known
 * @param text what the agent wrote (question, reply or resolution), if any
 */
public record Content(String ticketSubject, Instant dueAt, String text) {

}
