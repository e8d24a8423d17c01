package dev.ticketloop.routingservice.assignment;

import dev.ticketloop.platform.web.Problems;
import dev.ticketloop.routingservice.assignment.AgentController.UnknownAgentException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An unknown agent as problem+json (404). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AssignmentProblems {

	@ExceptionHandler(UnknownAgentException.class)
	ResponseEntity<ProblemDetail> unknown(UnknownAgentException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Problems.of(HttpStatus.NOT_FOUND, "agent-not-found", ex.getMessage()));
	}

}
