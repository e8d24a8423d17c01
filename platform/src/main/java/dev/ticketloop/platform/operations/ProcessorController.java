package dev.ticketloop.platform.operations;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ticketloop.platform.operations.ProcessorOperations.ProcessorView;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The operators' view of the service's event processors, and what they can do with them
 * (operator role; see {@link ProcessorOperations}).
 */
@RestController
@Tag(name = "Operations: event processors",
		description = "Operators see each event processor's segments, positions and lag, pause and resume it, "
				+ "replay a read model, split and merge segments; on every instance at once.")
public class ProcessorController {

	private final ProcessorOperations operations;

	public ProcessorController(ProcessorOperations operations) {
		this.operations = operations;
	}

	@Operation(summary = "List the event processors",
			description = "Every processor with its state, the store's head, its lag in events and seconds, each "
					+ "segment's position and owner instance, and a replay's progress.")
	@ApiResponse(responseCode = "200", description = "The processors, by name.")
	@GetMapping("/operations/processors")
	List<ProcessorView> list() {
		return this.operations.list();
	}

	@Operation(summary = "Read an event processor", description = "One processor, as in the list.")
	@ApiResponse(responseCode = "200", description = "The processor.")
	@GetMapping("/operations/processors/{name}")
	ProcessorView get(@PathVariable String name) {
		return this.operations.get(name);
	}

	@Operation(summary = "Pause an event processor",
			description = "Every instance stops the processor within a second; it keeps its position, and stays paused "
					+ "across restarts until resumed.")
	@ApiResponse(responseCode = "200", description = "The processor, paused.")
	@ApiResponse(responseCode = "409", description = "The processor is replaying.")
	@PostMapping("/operations/processors/{name}/pause")
	ProcessorView pause(@PathVariable String name, @AuthenticationPrincipal ApiClient client) {
		return this.operations.pause(name, client.name());
	}

	@Operation(summary = "Resume an event processor", description = "Every instance starts the processor again.")
	@ApiResponse(responseCode = "200", description = "The processor, running.")
	@ApiResponse(responseCode = "409", description = "The processor is being reset for a replay.")
	@PostMapping("/operations/processors/{name}/resume")
	ProcessorView resume(@PathVariable String name, @AuthenticationPrincipal ApiClient client) {
		return this.operations.resume(name, client.name());
	}

	@Operation(summary = "Replay an event processor",
			description = "Rebuilds what the processor builds, in the background: every instance lets go of it, and it "
					+ "handles the events again from the beginning (no body, or neither field), from a global position "
					+ "(`fromPosition`: that event and every later one) or from a time (`fromTime`: the first event at "
					+ "or after it). From the beginning, its reset handler clears its read model first. From a later "
					+ "event, the records built from the events before it stay as they are, so only a processor whose "
					+ "read model tolerates that may be (`replayableFromPosition`). The processor's `replay` shows the "
					+ "progress: events done and to do, the rate and the time left. While it runs, reads of the model "
					+ "see it partly rebuilt and what decides from it waits. A processor with side effects (mail, "
					+ "webhooks, Kafka records, commands) is never replayed.")
	@ApiResponse(responseCode = "202", description = "The replay started; the processor with its progress.")
	@ApiResponse(responseCode = "400",
			description = "Both `fromPosition` and `fromTime`, a negative position, or a start after the newest event "
					+ "(the problem's `errors` name the field).")
	@ApiResponse(responseCode = "409",
			description = "The processor has side effects and is never replayed, is replayed from the beginning only "
					+ "and a later start was asked, is replaying already, an instance did not let go of it, or a "
					+ "segment has not reached the start yet.")
	@PostMapping("/operations/processors/{name}/replay")
	ResponseEntity<ProcessorView> replay(@PathVariable String name,
			@RequestBody(required = false) ReplayRequest request, @AuthenticationPrincipal ApiClient client) {
		ReplayRequest from = (request != null) ? request : new ReplayRequest(null, null);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(this.operations.replay(name, from.fromPosition(), from.fromTime(), client.name()));
	}

	/**
	 * Where a replay starts: neither field for the beginning, or one of them.
	 *
	 * @param fromPosition the global position of the first event to handle again
	 * @param fromTime an instant (ISO-8601): the first event at or after it is handled
	 * again, and every later one
	 */
	public record ReplayRequest(Long fromPosition, Instant fromTime) {
	}

	@Operation(summary = "Split a segment",
			description = "Splits the segment in two so that two instances can share its work; the instance holding it "
					+ "lets go first.")
	@ApiResponse(responseCode = "200", description = "The processor with its segments.")
	@ApiResponse(responseCode = "409", description = "The processor is paused, or the segment could not be split.")
	@PostMapping("/operations/processors/{name}/segments/{segment}/split")
	ProcessorView split(@PathVariable String name, @PathVariable int segment) {
		return this.operations.split(name, segment);
	}

	@Operation(summary = "Merge a segment with its sibling",
			description = "Merges the segment with the one it was split from.")
	@ApiResponse(responseCode = "200", description = "The processor with its segments.")
	@ApiResponse(responseCode = "409",
			description = "The processor has one segment, is paused, or the segment could not be merged.")
	@PostMapping("/operations/processors/{name}/segments/{segment}/merge")
	ProcessorView merge(@PathVariable String name, @PathVariable int segment) {
		return this.operations.merge(name, segment);
	}

	/** The refusals of processor operations. */
	@RestControllerAdvice(assignableTypes = ProcessorController.class)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	public static class ProcessorProblems {

		@ExceptionHandler(ProcessorOperations.UnknownProcessorException.class)
		ResponseEntity<ProblemDetail> unknown(ProcessorOperations.UnknownProcessorException ex) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(Problems.of(HttpStatus.NOT_FOUND, "processor-not-found", ex.getMessage()));
		}

		@ExceptionHandler(ProcessorOperations.InvalidReplayStartException.class)
		ResponseEntity<ProblemDetail> invalidStart(ProcessorOperations.InvalidReplayStartException ex) {
			ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", ex.getMessage());
			problem.setProperty("errors", List
				.of(Map.of("field", ex.field(), "message", ex.getMessage().substring(ex.field().length() + 2))));
			return ResponseEntity.badRequest().body(problem);
		}

		@ExceptionHandler(ProcessorOperations.RefusedException.class)
		ResponseEntity<ProblemDetail> refused(ProcessorOperations.RefusedException ex) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(Problems.of(HttpStatus.CONFLICT, "processor-operation-refused", ex.getMessage()));
		}

	}

}
