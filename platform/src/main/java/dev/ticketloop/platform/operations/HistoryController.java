package dev.ticketloop.platform.operations;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.ticketloop.platform.audit.OperatorAudit;
import dev.ticketloop.platform.job.JobView;
import dev.ticketloop.platform.job.ResumableJobs;
import dev.ticketloop.platform.security.ApiClient;
import dev.ticketloop.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.bson.Document;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
 * The operators' tools for the service's history: export it, republish its published
 * language for other teams, follow and cancel those jobs, and read the audit of what
 * operators did (operator role).
 */
@RestController
@Tag(name = "Operations: history",
		description = "Export the event store as JSON lines, republish the published language for a time range, "
				+ "follow jobs, read the operators' audit.")
public class HistoryController {

	static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

	private final EventExport export;

	private final Republish republish;

	private final ResumableJobs jobs;

	private final OperatorAudit audit;

	private final Clock clock;

	public HistoryController(EventExport export, Republish republish, ResumableJobs jobs, OperatorAudit audit,
			Clock clock) {
		this.export = export;
		this.republish = republish;
		this.jobs = jobs;
		this.audit = audit;
		this.clock = clock;
	}

	@Operation(summary = "Export the event store",
			description = "Every stored event in order of global position as JSON lines (position, event id, "
					+ "aggregate type and id, sequence, payload type and revision as stored, timestamp, metadata, "
					+ "payload), streamed in constant memory: events at or after `from` and before `to`, of one "
					+ "aggregate type if given (e.g. `Ticket`). Payloads may hold personal data; every export is in "
					+ "the audit.")
	@ApiResponse(responseCode = "200", description = "The events, one JSON object per line.",
			content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")))
	@GetMapping(path = "/operations/events", produces = "application/x-ndjson")
	void export(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(required = false) String aggregateType, HttpServletResponse response) throws Exception {
		EventExport.Range range = new EventExport.Range(from, to, aggregateType);
		// written on the request's own thread, not as an asynchronous body: an export of
		// a whole store takes minutes, longer than any asynchronous request may
		response.setStatus(HttpStatus.OK.value());
		response.setContentType(NDJSON.toString());
		response.setCharacterEncoding("UTF-8");
		this.export.write(range, response.getOutputStream());
	}

	@Operation(summary = "Republish the published language",
			description = "Sends the CloudEvents this service published between `from` and `to` (default now) again, "
					+ "built from the event store with the same ids, keys and times (consumers deduplicate on the id), "
					+ "onto the public topics or, with `replayTopic`, onto `ticketloop.replay.<replayTopic>`, at most "
					+ "`rate` records a second (default 5,000). A job: it survives restarts and crashes and goes on "
					+ "where it was; one at a time.")
	@ApiResponse(responseCode = "202", description = "The job, started.")
	@ApiResponse(responseCode = "409", description = "A republish job runs already.")
	@PostMapping("/operations/republish")
	ResponseEntity<JobView> republish(@RequestBody Republish.Request request,
			@AuthenticationPrincipal ApiClient client) {
		Republish.Request valid = request.validated(this.clock.instant());
		Document[] job = this.republish.jobOf(valid);
		Document submitted = this.jobs.submit(Republish.KIND, job[0], job[1], client.name());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(JobView.of(submitted));
	}

	@Operation(summary = "List jobs", description = "The newest jobs of a kind (default `republish`) first.")
	@GetMapping("/operations/jobs")
	List<JobView> jobs(@RequestParam(defaultValue = Republish.KIND) String kind,
			@RequestParam(defaultValue = "20") int limit) {
		if (limit < 1 || limit > 200) {
			throw new IllegalArgumentException("limit: must be between 1 and 200");
		}
		return this.jobs.list(kind, limit).stream().map(JobView::of).toList();
	}

	@Operation(summary = "Read a job", description = "Its state, parameters, counters and progress.")
	@ApiResponse(responseCode = "200", description = "The job.")
	@ApiResponse(responseCode = "404", description = "There is no such job.")
	@GetMapping("/operations/jobs/{id}")
	JobView job(@PathVariable String id) {
		Document job = this.jobs.find(id);
		if (job == null) {
			throw new NoSuchJobException(id);
		}
		return JobView.of(job);
	}

	@Operation(summary = "Cancel a job", description = "The job stops at its next checkpoint, within a second or so.")
	@ApiResponse(responseCode = "200", description = "The job, cancelled.")
	@ApiResponse(responseCode = "404", description = "There is no such job.")
	@ApiResponse(responseCode = "409", description = "The job has ended already.")
	@PostMapping("/operations/jobs/{id}/cancel")
	JobView cancel(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
		Document cancelled = this.jobs.cancel(id, client.name());
		if (cancelled == null) {
			if (this.jobs.find(id) == null) {
				throw new NoSuchJobException(id);
			}
			throw new JobEndedException(id);
		}
		return JobView.of(cancelled);
	}

	@Operation(summary = "Read the operators' audit",
			description = "What operators did in this service, newest first: replays, pauses, resumes, splits, merges, "
					+ "exports, republish jobs, dead-letter retries and discards, reads of history (time travel and "
					+ "event listings), with who, when, the request and its answer. Page with `before` (the `next` of "
					+ "a page).")
	@GetMapping("/operations/audit")
	AuditPage audit(@RequestParam(required = false) String before, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 500) {
			throw new IllegalArgumentException("limit: must be between 1 and 500");
		}
		List<OperatorAudit.Action> page = this.audit.list(before, limit);
		return new AuditPage(page, (page.size() == limit) ? page.get(page.size() - 1).id() : null);
	}

	/** A page of the audit; {@code next} is the {@code before} of the next page. */
	record AuditPage(List<OperatorAudit.Action> actions, String next) {
	}

	static final class NoSuchJobException extends RuntimeException {

		NoSuchJobException(String id) {
			super("There is no job " + id + ".");
		}

	}

	static final class JobEndedException extends RuntimeException {

		JobEndedException(String id) {
			super("Job " + id + " has ended; only a running job can be cancelled.");
		}

	}

	/** The refusals of the history tools. */
	@RestControllerAdvice(assignableTypes = HistoryController.class)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	public static class HistoryProblems {

		@ExceptionHandler(ResumableJobs.JobRefusedException.class)
		ResponseEntity<ProblemDetail> refused(ResumableJobs.JobRefusedException ex) {
			ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "job-running", ex.getMessage());
			if (ex.running() != null) {
				problem.setProperty("runningJob", ex.running().getString("_id"));
			}
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
		}

		@ExceptionHandler(NoSuchJobException.class)
		ResponseEntity<ProblemDetail> noSuchJob(NoSuchJobException ex) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(Problems.of(HttpStatus.NOT_FOUND, "job-not-found", ex.getMessage()));
		}

		@ExceptionHandler(JobEndedException.class)
		ResponseEntity<ProblemDetail> ended(JobEndedException ex) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(Problems.of(HttpStatus.CONFLICT, "job-ended", ex.getMessage()));
		}

	}

}
