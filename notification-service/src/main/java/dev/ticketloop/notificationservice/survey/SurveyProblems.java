package dev.ticketloop.notificationservice.survey;

import dev.ticketloop.notificationservice.survey.SurveyLinks.ExpiredSurveyTokenException;
import dev.ticketloop.notificationservice.survey.SurveyLinks.InvalidSurveyTokenException;
import dev.ticketloop.platform.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Survey links that are not valid (401) or too old (410), as problem+json. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SurveyProblems {

	@ExceptionHandler(InvalidSurveyTokenException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidSurveyTokenException ex) {
		return problem(HttpStatus.UNAUTHORIZED, "invalid-survey-link", ex.getMessage());
	}

	@ExceptionHandler(ExpiredSurveyTokenException.class)
	ResponseEntity<ProblemDetail> expired(ExpiredSurveyTokenException ex) {
		return problem(HttpStatus.GONE, "expired-survey-link", ex.getMessage());
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail) {
		return ResponseEntity.status(status).body(Problems.of(status, type, detail));
	}

}
