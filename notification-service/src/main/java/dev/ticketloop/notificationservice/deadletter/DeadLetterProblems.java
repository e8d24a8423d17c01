package dev.ticketloop.notificationservice.deadletter;

import dev.ticketloop.notificationservice.deadletter.DeadLetterController.NoDeadLetterException;
import dev.ticketloop.platform.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An unknown dead letter as problem+json (404). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DeadLetterProblems {

	@ExceptionHandler(NoDeadLetterException.class)
	ResponseEntity<ProblemDetail> none(NoDeadLetterException ex) {
		return problem(HttpStatus.NOT_FOUND, "no-dead-letter", ex.getMessage());
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail) {
		return ResponseEntity.status(status).body(Problems.of(status, type, detail));
	}

}
