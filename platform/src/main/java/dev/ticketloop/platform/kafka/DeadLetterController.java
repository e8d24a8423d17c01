package dev.ticketloop.platform.kafka;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ticketloop.platform.kafka.DeadLetterRecords.Entry;
import dev.ticketloop.platform.kafka.DeadLetterRecords.State;
import dev.ticketloop.platform.kafka.DeadLetterRecords.TopicSummary;
import dev.ticketloop.platform.security.ApiClient;
import dev.ticketloop.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Records this service's consumers could not read or handle, on the dead-letter topics
 * (operator role).
 */
@RestController
@Tag(name = "Operations: dead-letter topics",
		description = "Records a consumer of this service could not read (not a CloudEvent, breaking its schema) "
				+ "or handle (about an unknown ticket) are kept on <topic>.dlt with why, where from and when; "
				+ "consumption goes on. Operators list and inspect them, re-drive or discard each once.")
public class DeadLetterController {

	private final DeadLetterRecords records;

	public DeadLetterController(DeadLetterRecords records) {
		this.records = records;
	}

	@Operation(summary = "List the dead-letter topics",
			description = "Each topic this service consumes with its dead-letter topic and how many of this "
					+ "service's dead letters it holds and wait.")
	@ApiResponse(responseCode = "200", description = "The topics.")
	@GetMapping("/operations/dead-letter-topics")
	List<TopicSummary> topics() {
		return this.records.topics();
	}

	@Operation(summary = "List dead letters",
			description = "Oldest first, without their values: where each came from, why and when, and what was "
					+ "done to it.")
	@ApiResponse(responseCode = "200", description = "The dead letters.")
	@GetMapping("/operations/dead-letter-records")
	Map<String, List<Entry>> list(@RequestParam(required = false) String topic,
			@RequestParam(required = false) String state) {
		return Map.of("items", this.records.list(topic, (state != null) ? stateOf(state) : null));
	}

	@Operation(summary = "Read a dead letter", description = "One dead letter with its value and headers' meaning.")
	@ApiResponse(responseCode = "200", description = "The dead letter.")
	@ApiResponse(responseCode = "404", description = "No dead letter of this service there.")
	@GetMapping("/operations/dead-letter-records/{topic}/{partition}/{offset}")
	Entry get(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
		return this.records.get(topic, partition, offset);
	}

	@Operation(summary = "Re-drive a dead letter",
			description = "Sends the record again to the topic it came from; consumers read it again.")
	@ApiResponse(responseCode = "200", description = "Sent again.")
	@ApiResponse(responseCode = "409", description = "Re-driven or discarded already.")
	@PostMapping("/operations/dead-letter-records/{topic}/{partition}/{offset}/redrive")
	Entry redrive(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset,
			@AuthenticationPrincipal ApiClient client) {
		return this.records.redrive(topic, partition, offset, client.name());
	}

	@Operation(summary = "Discard a dead letter", description = "Marks it as one that will not be handled.")
	@ApiResponse(responseCode = "200", description = "Discarded.")
	@ApiResponse(responseCode = "409", description = "Re-driven or discarded already.")
	@PostMapping("/operations/dead-letter-records/{topic}/{partition}/{offset}/discard")
	Entry discard(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset,
			@RequestBody(required = false) Map<String, String> body, @AuthenticationPrincipal ApiClient client) {
		String note = (body != null) ? body.get("note") : null;
		if (note != null && note.length() > 500) {
			throw new IllegalArgumentException("note: at most 500 characters");
		}
		return this.records.discard(topic, partition, offset, client.name(), note);
	}

	private static State stateOf(String state) {
		try {
			return State.valueOf(state.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("state: one of pending, redriven, discarded");
		}
	}

	/** The dead letters' refusals as problem details. */
	@RestControllerAdvice(assignableTypes = DeadLetterController.class)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	public static class DeadLetterProblems {

		@ExceptionHandler(DeadLetterRecords.NoSuchDeadLetterException.class)
		ResponseEntity<ProblemDetail> unknown(DeadLetterRecords.NoSuchDeadLetterException ex) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(Problems.of(HttpStatus.NOT_FOUND, "dead-letter-not-found", ex.getMessage()));
		}

		@ExceptionHandler(DeadLetterRecords.AlreadyHandledException.class)
		ResponseEntity<ProblemDetail> handled(DeadLetterRecords.AlreadyHandledException ex) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(Problems.of(HttpStatus.CONFLICT, "dead-letter-handled", ex.getMessage()));
		}

		@ExceptionHandler(IllegalArgumentException.class)
		ResponseEntity<ProblemDetail> invalid(IllegalArgumentException ex) {
			return ResponseEntity.badRequest()
				.body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", ex.getMessage()));
		}

	}

}
