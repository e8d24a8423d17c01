package dev.ticketloop.contracts.notification;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The customer answered the satisfaction survey sent after their ticket was resolved
 * (accepted once per survey).
 *
 * @param surveyId the survey notification's id
 * @param score CSAT score, 1 (very unsatisfied) to 5 (very satisfied)
 * @param comment what the customer wrote, may be null
 */
public record SurveyAnsweredV1(String ticketId, String surveyId, int score, String comment,
		Instant answeredAt) implements TicketIntegrationEvent {
}
