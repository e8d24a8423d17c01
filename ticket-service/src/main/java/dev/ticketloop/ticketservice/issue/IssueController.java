package dev.ticketloop.ticketservice.issue;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ticketloop.platform.history.AggregateHistory;
import dev.ticketloop.platform.history.AggregateHistory.EventPage;
import dev.ticketloop.platform.security.ApiClient;
import dev.ticketloop.ticketservice.issue.IssueCommand.ConfirmIssue;
import dev.ticketloop.ticketservice.issue.IssueCommand.DeclineFix;
import dev.ticketloop.ticketservice.issue.IssueCommand.ReportIssue;
import dev.ticketloop.ticketservice.issue.IssueCommand.ScheduleFix;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.bson.Document;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Engineering issues for agents and engineering's tooling: report a known problem,
 * confirm it, schedule, decline, and report releases ({@code POST /releases}).
 */
@RestController
@Tag(name = "Engineering issues and releases",
		description = "Engineering's side of the loop: issues, their fix schedule, and releases that tell every linked customer.")
class IssueController {

	private static final String VERSION = "[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}";

	private final CommandGateway commands;

	private final Releases releases;

	private final MongoCollection<Document> views;

	private final IssueViewProjection projection;

	private final AggregateHistory history;

	IssueController(CommandGateway commands, Releases releases, MongoDatabase database, IssueViewProjection projection,
			AggregateHistory history) {
		this.commands = commands;
		this.releases = releases;
		this.views = database.getCollection(IssueViewProjection.COLLECTION);
		this.projection = projection;
		this.history = history;
	}

	/**
	 * A known problem reported directly (without a ticket), under engineering's key or a
	 * new one.
	 */
	@Operation(summary = "Report an issue",
			description = "Reports a new engineering issue; it gets a key such as `ENG-12`.")
	@ApiResponse(responseCode = "201", description = "The issue is reported; the body names its key.")
	@PostMapping("/issues")
	ResponseEntity<IssueState> report(@Valid @RequestBody NewIssue body, @AuthenticationPrincipal ApiClient client) {
		IssueKey key = (body.issueKey() != null) ? IssueKey.of(body.issueKey()) : IssueKey.newKey();
		this.commands.sendAndWait(new ReportIssue(key, body.title(), body.description(), null, client.name()));
		return ResponseEntity.status(HttpStatus.CREATED).body(new IssueState(key.value(), IssueStatus.REPORTED.name()));
	}

	@Operation(summary = "Read an issue",
			description = "The issue's state, its fix schedule and how many tickets follow it; with `asOf` (an ISO-8601 "
					+ "instant) the issue as it was then, computed from its events up to that instant, not from the "
					+ "read model.")
	@ApiResponse(responseCode = "200", description = "The issue.")
	@ApiResponse(responseCode = "404", description = "There is no such issue (or there was none yet at `asOf`).")
	@GetMapping("/issues/{key}")
	IssueView get(@PathVariable String key, @RequestParam(required = false) Instant asOf) {
		IssueKey issue = IssueKey.of(key);
		Document d = (asOf == null) ? this.views.find(Filters.eq("_id", issue.value())).first()
				: this.projection.viewOf(issue, this.history.until(issue.value(), asOf));
		if (d == null) {
			throw new IssueNotFoundException(issue);
		}
		return new IssueView(d.getString("_id"), d.getString("title"), d.getString("description"),
				d.getString("status"), d.getString("targetVersion"), d.getString("releasedVersion"),
				d.getString("explanation"), d.get("linkedTickets", 0), date(d.get("reportedAt")),
				date(d.get("updatedAt")), d.get("version", Number.class).longValue());
	}

	@Operation(summary = "List an issue's events",
			description = "The issue's domain events as stored, oldest first, a page at a time: sequence, global "
					+ "position in the event store (what processors' positions count), type, revision, timestamp and "
					+ "payload (pass a page's `next` as `after`).")
	@ApiResponse(responseCode = "200", description = "A page of events.")
	@ApiResponse(responseCode = "404", description = "There is no such issue.")
	@GetMapping("/issues/{key}/events")
	EventPage events(@PathVariable String key, @RequestParam(required = false) Long after,
			@RequestParam(defaultValue = "100") int limit) {
		IssueKey issue = IssueKey.of(key);
		return this.history.page(issue.value(), after, limit, () -> new IssueNotFoundException(issue));
	}

	@Operation(summary = "Confirm an issue", description = "Engineering confirms the issue is real.")
	@ApiResponse(responseCode = "200", description = "The issue's state after the step.")
	@ApiResponse(responseCode = "409", description = "The issue's state does not allow this now; nothing was changed.")
	@PostMapping("/issues/{key}/confirmation")
	IssueState confirm(@PathVariable String key, @AuthenticationPrincipal ApiClient client) {
		IssueKey issue = IssueKey.of(key);
		return state(issue, send(issue, new ConfirmIssue(issue, client.name())));
	}

	@Operation(summary = "Schedule the fix",
			description = "Says in which version the fix is expected; linked customers may be told.")
	@ApiResponse(responseCode = "200", description = "The issue's state after the step.")
	@ApiResponse(responseCode = "409", description = "The issue's state does not allow this now; nothing was changed.")
	@PostMapping("/issues/{key}/fix-schedule")
	IssueState schedule(@PathVariable String key, @Valid @RequestBody Schedule body,
			@AuthenticationPrincipal ApiClient client) {
		IssueKey issue = IssueKey.of(key);
		return state(issue, send(issue, new ScheduleFix(issue, body.targetVersion(), client.name())));
	}

	@Operation(summary = "Decline to fix",
			description = "Engineering will not fix the issue: every linked customer gets an honest answer with the explanation.")
	@ApiResponse(responseCode = "200", description = "The issue's state after the step.")
	@ApiResponse(responseCode = "409", description = "The issue's state does not allow this now; nothing was changed.")
	@PostMapping("/issues/{key}/decline")
	IssueState decline(@PathVariable String key, @Valid @RequestBody Decline body,
			@AuthenticationPrincipal ApiClient client) {
		IssueKey issue = IssueKey.of(key);
		return state(issue, send(issue, new DeclineFix(issue, body.explanation(), client.name())));
	}

	/**
	 * A release from engineering's tooling. Each fixed issue we know is released and its
	 * linked tickets are told (asynchronously, in the background); the answer says what
	 * happened to each key, a mistyped one included ({@code invalid-key}), as on the
	 * releases topic: one typo does not hold back the other issues of the release. The
	 * same release again changes nothing.
	 */
	@Operation(summary = "Announce a release",
			description = "A release from engineering's tooling: each fixed issue is released and its linked customers are told, in the background. The answer says what happened to each key; the same release again changes nothing.")
	@PostMapping("/releases")
	Releases.Outcome release(@Valid @RequestBody ReleaseRequest body, @AuthenticationPrincipal ApiClient client) {
		String releaseId = (body.releaseId() != null) ? body.releaseId()
				: "release-" + body.version() + "-" + UUID.randomUUID();
		return this.releases
			.apply(new Releases.Release(releaseId, body.version(), body.fixedIssues(), "api:" + client.name()));
	}

	private IssueStatus send(IssueKey issue, IssueCommand command) {
		try {
			return this.commands.sendAndWait(command);
		}
		catch (AggregateNotFoundException ex) {
			throw new IssueNotFoundException(issue);
		}
	}

	private static IssueState state(IssueKey issue, IssueStatus status) {
		return new IssueState(issue.value(), status.name());
	}

	private static Instant date(Object value) {
		return (value instanceof Date date) ? date.toInstant() : null;
	}

	record IssueState(String issueKey, String status) {
	}

	record NewIssue(@Size(max = 40) String issueKey, @NotBlank @Size(max = 300) String title,
			@Size(max = 20_000) String description) {
	}

	record Schedule(@NotBlank @Pattern(regexp = VERSION) String targetVersion) {
	}

	record Decline(@NotBlank @Size(max = 5_000) String explanation) {
	}

	record ReleaseRequest(@Size(max = 200) String releaseId, @NotBlank @Pattern(regexp = VERSION) String version,
			@NotEmpty @Size(max = 1_000) List<String> fixedIssues) {
	}

	/**
	 * An engineering issue as its read model has it.
	 *
	 * @param linkedTickets how many tickets are linked to it
	 */
	record IssueView(String issueKey, String title, String description, String status, String targetVersion,
			String releasedVersion, String explanation, int linkedTickets, java.time.Instant reportedAt,
			java.time.Instant updatedAt, long version) {
	}

}
