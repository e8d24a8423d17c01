package dev.ticketloop.routingservice.sla;

import java.time.Instant;

import dev.ticketloop.platform.history.AggregateHistory;
import dev.ticketloop.platform.history.AggregateHistory.EventPage;
import dev.ticketloop.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A ticket's SLA clock, now or as it was at an instant, both computed from the clock's
 * events; and its events, a page at a time.
 */
@RestController
@Tag(name = "SLA", description = "SLA policies on business-hours calendars.")
class SlaClockController {

	private final AggregateHistory history;

	private final SlaPolicies policies;

	SlaClockController(AggregateHistory history, SlaPolicies policies) {
		this.history = history;
		this.policies = policies;
	}

	@Operation(summary = "Read a ticket's SLA clock",
			description = "The clock's policy, each target's working time, phase and flags, what is due next and what "
					+ "was met, computed from the clock's events; with `asOf` (an ISO-8601 instant) from its events up "
					+ "to that instant: the clock as it was then.")
	@ApiResponse(responseCode = "200", description = "The clock.")
	@ApiResponse(responseCode = "404",
			description = "Routing has no SLA clock for this ticket (or had none yet at `asOf`).")
	@GetMapping("/tickets/{ticketId}/sla-clock")
	SlaClockView get(@PathVariable String ticketId, @RequestParam(required = false) Instant asOf) {
		SlaClockView clock = SlaClockView.of(
				this.history.until(SlaClockCommand.clockIdOf(ticketId), (asOf != null) ? asOf : Instant.MAX),
				this.policies);
		if (clock == null) {
			throw new NoSlaClockException(ticketId);
		}
		return clock;
	}

	@Operation(summary = "List a ticket's SLA clock events",
			description = "The clock's domain events as stored, oldest first, a page at a time: sequence, global "
					+ "position in the event store (what processors' positions count), type, revision, timestamp and "
					+ "payload (pass a page's `next` as `after`).")
	@ApiResponse(responseCode = "200", description = "A page of events.")
	@ApiResponse(responseCode = "404", description = "Routing has no SLA clock for this ticket.")
	@GetMapping("/tickets/{ticketId}/sla-clock/events")
	EventPage events(@PathVariable String ticketId, @RequestParam(required = false) Long after,
			@RequestParam(defaultValue = "100") int limit) {
		return this.history.page(SlaClockCommand.clockIdOf(ticketId), after, limit,
				() -> new NoSlaClockException(ticketId));
	}

	@ExceptionHandler(NoSlaClockException.class)
	ResponseEntity<ProblemDetail> none(NoSlaClockException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Problems.of(HttpStatus.NOT_FOUND, "sla-clock-not-found", ex.getMessage()));
	}

	/** Routing has no clock for the ticket (404). */
	static class NoSlaClockException extends RuntimeException {

		NoSlaClockException(String ticketId) {
			super("Routing has no SLA clock for ticket " + ticketId + ".");
		}

	}

}
