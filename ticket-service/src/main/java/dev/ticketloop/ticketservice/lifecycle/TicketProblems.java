package dev.ticketloop.ticketservice.lifecycle;

import dev.ticketloop.platform.web.Problems;
import dev.ticketloop.ticketservice.ticket.IllegalTicketTransitionException;
import dev.ticketloop.ticketservice.ticket.TicketClosedException;
import dev.ticketloop.ticketservice.ticket.TicketNotVisibleException;
import org.axonframework.modelling.command.AggregateNotFoundException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The ticket's refusals as problem+json: 409 for the wrong state ({@code ticket-closed}
 * when it is closed, which is final; {@code illegal-transition} otherwise), 404 for an
 * unknown ticket.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TicketProblems {

	@ExceptionHandler(IllegalTicketTransitionException.class)
	ResponseEntity<ProblemDetail> illegalTransition(IllegalTicketTransitionException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "illegal-transition", ex.getMessage());
		problem.setProperty("status-of-ticket", ex.status().name());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	@ExceptionHandler(TicketClosedException.class)
	ResponseEntity<ProblemDetail> closed(TicketClosedException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "ticket-closed", ex.getMessage());
		problem.setProperty("status-of-ticket", ex.status().name());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	@ExceptionHandler({ TicketNotVisibleException.class, AggregateNotFoundException.class })
	ResponseEntity<ProblemDetail> notFound(RuntimeException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Problems.of(HttpStatus.NOT_FOUND, "ticket-not-found", "There is no such ticket."));
	}

}
