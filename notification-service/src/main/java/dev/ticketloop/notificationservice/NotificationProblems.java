package dev.ticketloop.notificationservice;

import dev.ticketloop.notificationservice.delivery.IllegalDeliveryStateException;
import dev.ticketloop.notificationservice.delivery.NotASurveyException;
import dev.ticketloop.notificationservice.delivery.NotificationNotFoundException;
import dev.ticketloop.platform.web.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The notification's refusals as problem+json: 409 for a notification in the wrong state
 * (a dead letter retried that is none, a survey answered twice), 404 for an unknown one.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class NotificationProblems {

	@ExceptionHandler(IllegalDeliveryStateException.class)
	ResponseEntity<ProblemDetail> conflict(IllegalDeliveryStateException ex) {
		return problem(HttpStatus.CONFLICT, "illegal-delivery-state", ex.getMessage());
	}

	@ExceptionHandler({ AggregateNotFoundException.class, NotASurveyException.class })
	ResponseEntity<ProblemDetail> unknownNotification(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, "notification-not-found", "There is no such notification.");
	}

	@ExceptionHandler(NotificationNotFoundException.class)
	ResponseEntity<ProblemDetail> noNotification(NotificationNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "notification-not-found", ex.getMessage());
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail) {
		return ResponseEntity.status(status).body(Problems.of(status, type, detail));
	}

}
