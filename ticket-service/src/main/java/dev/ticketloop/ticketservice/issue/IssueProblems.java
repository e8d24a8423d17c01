package dev.ticketloop.ticketservice.issue;

import dev.ticketloop.platform.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The issue's refusals as problem+json: 409 for the wrong state, 404 for an unknown key.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IssueProblems {

	@ExceptionHandler(IllegalIssueTransitionException.class)
	ResponseEntity<ProblemDetail> illegalTransition(IllegalIssueTransitionException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "illegal-issue-transition", ex.getMessage());
		problem.setProperty("status-of-issue", ex.status().name());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	@ExceptionHandler(IssueNotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(IssueNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Problems.of(HttpStatus.NOT_FOUND, "issue-not-found", ex.getMessage()));
	}

}
