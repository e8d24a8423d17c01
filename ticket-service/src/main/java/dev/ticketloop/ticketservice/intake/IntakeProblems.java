package dev.ticketloop.ticketservice.intake;

import dev.ticketloop.platform.web.Problems;
import dev.ticketloop.ticketservice.intake.IdempotencyKeys.KeyReusedException;
import dev.ticketloop.ticketservice.intake.IntakeController.FirstAttemptInFlightException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An idempotency key reused for another request: 422, nothing created. The first attempt
 * of a request still opening its ticket: 503 with Retry-After.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IntakeProblems {

	@ExceptionHandler(KeyReusedException.class)
	ResponseEntity<ProblemDetail> keyReused(KeyReusedException ex) {
		return ResponseEntity.unprocessableContent()
			.body(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", ex.getMessage()));
	}

	@ExceptionHandler(FirstAttemptInFlightException.class)
	ResponseEntity<ProblemDetail> inFlight(FirstAttemptInFlightException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "request-in-progress", ex.getMessage()));
	}

}
