package dev.ticketloop.routingservice.queue;

import dev.ticketloop.platform.web.Problems;
import dev.ticketloop.routingservice.queue.SuggestionsController.UnknownTicketException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A ticket routing does not know (404) and a queue stream over the limits (429), as
 * problem+json.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueueProblems {

	@ExceptionHandler(UnknownTicketException.class)
	ResponseEntity<ProblemDetail> unknown(UnknownTicketException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Problems.of(HttpStatus.NOT_FOUND, "ticket-not-found", ex.getMessage()));
	}

	@ExceptionHandler(QueueBroadcaster.TooManyStreamsException.class)
	ResponseEntity<ProblemDetail> tooMany(QueueBroadcaster.TooManyStreamsException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header("Retry-After", "60")
			.body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", ex.getMessage()));
	}

}
