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
 * A ticket routing does not know (404), as problem+json (a stream over the limits is the
 * platform's 429).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueueProblems {

	@ExceptionHandler(UnknownTicketException.class)
	ResponseEntity<ProblemDetail> unknown(UnknownTicketException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Problems.of(HttpStatus.NOT_FOUND, "ticket-not-found", ex.getMessage()));
	}

}
