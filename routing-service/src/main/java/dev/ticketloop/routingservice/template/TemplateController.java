package dev.ticketloop.routingservice.template;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ticketloop.platform.history.AggregateHistory;
import dev.ticketloop.platform.history.AggregateHistory.EventPage;
import dev.ticketloop.platform.security.ApiClient;
import dev.ticketloop.platform.web.Problems;
import dev.ticketloop.routingservice.template.TemplateCommand.ApproveTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.CreateTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.RejectProposal;
import dev.ticketloop.routingservice.template.TemplateCommand.RestoreTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.ResumeAutoAnswer;
import dev.ticketloop.routingservice.template.TemplateCommand.RetireTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.ReviseTemplate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.bson.Document;

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

/**
 * The answer template library over REST: agents propose templates and new versions, leads
 * approve or reject them, retire and restore templates, and let a template that suspended
 * itself answer again; everyone who answers customers reads the library and gets a
 * template rendered for a ticket, to edit before it goes. Every change is an event of the
 * template ({@code /templates/{id}/events}). A change reaches the matcher of every
 * instance within about a second.
 */
@RestController
@Tag(name = "Templates", description = "The answer template library: proposals, reviews, outcomes.")
class TemplateController {

	private final CommandGateway commands;

	private final TemplateLibrary library;

	private final AggregateHistory history;

	private final MongoCollection<Document> queueItems;

	TemplateController(CommandGateway commands, TemplateLibrary library, AggregateHistory history,
			MongoDatabase database) {
		this.commands = commands;
		this.library = library;
		this.history = history;
		this.queueItems = database.getCollection("queue_items");
	}

	@Operation(summary = "List the library",
			description = "Every template with its state (`proposed`: nothing approved yet, `active`, `retired`), "
					+ "approved and latest version, whether it answers automatically (`autoAnswer`: `on` or "
					+ "`suspended`), its outcomes and its uses. `status` and `autoAnswer` filter.")
	@ApiResponse(responseCode = "200", description = "The templates, by id.")
	@GetMapping("/templates")
	Map<String, Object> list(@RequestParam(required = false) String status,
			@RequestParam(required = false) String autoAnswer) {
		List<Map<String, Object>> templates = this.library.all()
			.stream()
			.filter((t) -> status == null || status.equals(t.getString("status")))
			.filter((t) -> autoAnswer == null || autoAnswer.equals(t.getString("autoAnswer")))
			.map(TemplateController::summary)
			.toList();
		return Map.of("templates", templates);
	}

	@Operation(summary = "Read a template", description = "The template with every version and its review.")
	@ApiResponse(responseCode = "200", description = "The template.")
	@ApiResponse(responseCode = "404", description = "No such template.")
	@GetMapping("/templates/{id}")
	Map<String, Object> get(@PathVariable String id) {
		Document t = this.library.find(id)
			.filter((d) -> d.containsKey("latestVersion"))
			.orElseThrow(() -> new NoSuchTemplateException(id));
		Map<String, Object> view = summary(t);
		view.put("versions", t.getList("versions", Document.class, List.of()));
		if (t.containsKey("suspension")) {
			view.put("suspension", t.get("suspension"));
		}
		return view;
	}

	@Operation(summary = "List a template's events",
			description = "Its domain events as stored, oldest first, a page at a time (pass `next` as `after`).")
	@ApiResponse(responseCode = "200", description = "A page of events.")
	@ApiResponse(responseCode = "400", description = "The request is not valid (the detail names the fields).")
	@ApiResponse(responseCode = "404", description = "No such template.")
	@GetMapping("/templates/{id}/events")
	EventPage events(@PathVariable String id, @RequestParam(required = false) Long after,
			@RequestParam(defaultValue = "100") int limit) {
		return this.history.page(TemplateCommand.aggregateIdOf(id), after, limit,
				() -> new NoSuchTemplateException(id));
	}

	@Operation(summary = "Propose a template",
			description = "Version 1 of a new template, proposed: it answers nobody until a lead approves it.")
	@ApiResponse(responseCode = "201", description = "Proposed.")
	@ApiResponse(responseCode = "400", description = "The template is not valid (the detail names the fields).")
	@ApiResponse(responseCode = "409", description = "A template with this id exists (propose a new version).")
	@PostMapping("/templates")
	ResponseEntity<Map<String, Object>> create(@Valid @RequestBody NewTemplate body,
			@AuthenticationPrincipal ApiClient client) {
		try {
			this.commands.sendAndWait(new CreateTemplate(body.id(), body.content(), client.name()));
		}
		catch (AggregateStreamCreationException ex) {
			throw new IllegalTemplateStateException("Template " + body.id()
					+ " exists: propose a new version with POST /templates/" + body.id() + "/versions.");
		}
		return ResponseEntity.created(URI.create("/templates/" + body.id()))
			.body(Map.of("templateId", body.id(), "version", 1, "state", "proposed"));
	}

	@Operation(summary = "Propose a new version",
			description = "A new version of the template, to be approved by a lead; `basedOn` (the latest version "
					+ "you read) refuses the proposal with 409 if someone proposed another since.")
	@ApiResponse(responseCode = "201", description = "Proposed (or the same as the latest version: nothing new).")
	@ApiResponse(responseCode = "400", description = "The request is not valid (the detail names the fields).")
	@ApiResponse(responseCode = "404", description = "No such template.")
	@ApiResponse(responseCode = "409", description = "Another version was proposed since `basedOn`.")
	@PostMapping("/templates/{id}/versions")
	ResponseEntity<Map<String, Object>> revise(@PathVariable String id, @Valid @RequestBody Revision body,
			@AuthenticationPrincipal ApiClient client) {
		int version = this.commands.sendAndWait(new ReviseTemplate(id, body.content(), body.basedOn(), client.name()));
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("templateId", id, "version", version, "state", "proposed"));
	}

	@Operation(summary = "Approve a version (leads)",
			description = "The version answers customers from now on (automatically too, above its language's "
					+ "threshold).")
	@ApiResponse(responseCode = "200", description = "Approved.")
	@ApiResponse(responseCode = "400", description = "The request is not valid (the detail names the fields).")
	@ApiResponse(responseCode = "404", description = "No such template.")
	@ApiResponse(responseCode = "409",
			description = "The template's state does not allow it (the detail says why); nothing changed.")
	@PostMapping("/templates/{id}/approval")
	Map<String, Object> approve(@PathVariable String id, @Valid @RequestBody VersionRef body,
			@AuthenticationPrincipal ApiClient client) {
		this.commands.sendAndWait(new ApproveTemplate(id, body.version(), client.name()));
		return Map.of("templateId", id, "version", body.version(), "state", "approved");
	}

	@Operation(summary = "Reject a proposed version (leads)",
			description = "The version will not answer customers; the approved one goes on.")
	@ApiResponse(responseCode = "200", description = "Rejected.")
	@ApiResponse(responseCode = "400", description = "The request is not valid (the detail names the fields).")
	@ApiResponse(responseCode = "404", description = "No such template.")
	@ApiResponse(responseCode = "409",
			description = "The template's state does not allow it (the detail says why); nothing changed.")
	@PostMapping("/templates/{id}/rejection")
	Map<String, Object> reject(@PathVariable String id, @Valid @RequestBody Rejection body,
			@AuthenticationPrincipal ApiClient client) {
		this.commands.sendAndWait(new RejectProposal(id, body.version(), body.reason(), client.name()));
		return Map.of("templateId", id, "version", body.version(), "state", "rejected");
	}

	@Operation(summary = "Retire a template (leads)",
			description = "It answers and is suggested no more; restore it to bring it back.")
	@ApiResponse(responseCode = "200", description = "Retired.")
	@ApiResponse(responseCode = "400", description = "The request is not valid (the detail names the fields).")
	@ApiResponse(responseCode = "404", description = "No such template.")
	@ApiResponse(responseCode = "409",
			description = "The template's state does not allow it (the detail says why); nothing changed.")
	@PostMapping("/templates/{id}/retirement")
	Map<String, Object> retire(@PathVariable String id, @Valid @RequestBody Reason body,
			@AuthenticationPrincipal ApiClient client) {
		this.commands.sendAndWait(new RetireTemplate(id, body.reason(), client.name()));
		return Map.of("templateId", id, "status", "retired");
	}

	@Operation(summary = "Restore a retired template (leads)",
			description = "It answers again with its approved version.")
	@ApiResponse(responseCode = "200", description = "Restored.")
	@ApiResponse(responseCode = "404", description = "No such template.")
	@ApiResponse(responseCode = "409",
			description = "The template's state does not allow it (the detail says why); nothing changed.")
	@PostMapping("/templates/{id}/restoration")
	Map<String, Object> restore(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
		this.commands.sendAndWait(new RestoreTemplate(id, client.name()));
		return Map.of("templateId", id, "status", "restored");
	}

	@Operation(summary = "Let a suspended template answer automatically again (leads)",
			description = "Its precision is counted anew from here.")
	@ApiResponse(responseCode = "200", description = "Answers automatically again.")
	@ApiResponse(responseCode = "404", description = "No such template.")
	@ApiResponse(responseCode = "409",
			description = "The template's state does not allow it (the detail says why); nothing changed.")
	@PostMapping("/templates/{id}/auto-answer-resumption")
	Map<String, Object> resume(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
		this.commands.sendAndWait(new ResumeAutoAnswer(id, client.name()));
		return Map.of("templateId", id, "autoAnswer", "on");
	}

	@Operation(summary = "Render a template for a ticket",
			description = "The template's approved answer in the ticket's language (or `language`), with the "
					+ "ticket's id filled in, for the agent to edit and send with "
					+ "`POST /tickets/{id}/replies {body, templateId, templateVersion}` on ticket-service.")
	@ApiResponse(responseCode = "200", description = "The rendered answer.")
	@ApiResponse(responseCode = "400", description = "The request is not valid (the detail names the fields).")
	@ApiResponse(responseCode = "404", description = "No such template in use, ticket, or answer in that language.")
	@GetMapping("/tickets/{ticketId}/templates/{templateId}")
	Map<String, Object> render(@PathVariable String ticketId, @PathVariable String templateId,
			@RequestParam(required = false) String language) {
		if (language != null && !language.matches("[a-z]{2}")) {
			throw new IllegalArgumentException("language: an ISO 639-1 code such as en, es or zh");
		}
		Document item = this.queueItems.find(Filters.eq("_id", ticketId)).first();
		if (item == null) {
			throw new NoSuchTemplateException("for ticket " + ticketId + " (routing knows no such ticket)");
		}
		String lang = (language != null) ? language : item.getString("language");
		LiveTemplate live = this.library.live()
			.stream()
			.filter((t) -> t.id().equals(templateId))
			.findFirst()
			.orElseThrow(() -> new NoSuchTemplateException(templateId + " in use"));
		Map<String, String> values = new HashMap<>();
		values.put("ticketId", ticketId);
		String text = live.content().render(lang, values);
		if (text == null) {
			throw new NoSuchTemplateException(templateId + " in language " + lang);
		}
		return Map.of("ticketId", ticketId, "templateId", templateId, "templateVersion", live.version(), "language",
				lang, "text", text, "placeholdersLeft",
				TemplateContent.placeholdersIn(live.content().answers().get(lang))
					.stream()
					.filter((p) -> !values.containsKey(p))
					.distinct()
					.toList());
	}

	private static Map<String, Object> summary(Document t) {
		Map<String, Object> view = new java.util.LinkedHashMap<>();
		view.put("templateId", t.getString("_id"));
		view.put("title", t.getString("title"));
		view.put("category", t.getString("category"));
		view.put("issueKey", t.getString("issueKey"));
		view.put("status", t.getString("status"));
		view.put("languages", t.getList("languages", String.class, List.of()));
		view.put("approvedVersion", t.getInteger("liveVersion", 0));
		view.put("latestVersion", t.getInteger("latestVersion", 0));
		view.put("autoAnswer", t.getString("autoAnswer"));
		view.put("outcomes", t.get("outcomes", new Document()));
		view.put("usage", t.get("usage", new Document()));
		return view;
	}

	@ExceptionHandler(NoSuchTemplateException.class)
	ResponseEntity<ProblemDetail> none(NoSuchTemplateException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Problems.of(HttpStatus.NOT_FOUND, "template-not-found", ex.getMessage()));
	}

	@ExceptionHandler(AggregateNotFoundException.class)
	ResponseEntity<ProblemDetail> unknown(AggregateNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Problems.of(HttpStatus.NOT_FOUND, "template-not-found", "No such template."));
	}

	@ExceptionHandler(IllegalTemplateStateException.class)
	ResponseEntity<ProblemDetail> conflict(IllegalTemplateStateException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(Problems.of(HttpStatus.CONFLICT, "template-state", ex.getMessage()));
	}

	@ExceptionHandler(InvalidTemplateException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidTemplateException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-template", ex.getMessage());
		problem.setProperty("errors", ex.faults());
		return ResponseEntity.badRequest().body(problem);
	}

	/** No such template (404). */
	static class NoSuchTemplateException extends RuntimeException {

		NoSuchTemplateException(String what) {
			super("No template " + what + ".");
		}

	}

	record NewTemplate(@NotBlank @Pattern(regexp = TemplateIds.PATTERN) String id,
			@NotBlank @Size(max = 200) String title, @Size(max = 40) String category,
			@Pattern(regexp = "[A-Z][A-Z0-9_]{1,15}-[A-Z0-9]{1,24}") String issueKey,
			Map<String, List<String>> questions, Map<String, String> answers) {

		TemplateContent content() {
			return new TemplateContent(this.title, this.category, this.issueKey, this.questions, this.answers);
		}

	}

	record Revision(@NotBlank @Size(max = 200) String title, @Size(max = 40) String category,
			@Pattern(regexp = "[A-Z][A-Z0-9_]{1,15}-[A-Z0-9]{1,24}") String issueKey,
			Map<String, List<String>> questions, Map<String, String> answers, @Min(1) Integer basedOn) {

		TemplateContent content() {
			return new TemplateContent(this.title, this.category, this.issueKey, this.questions, this.answers);
		}

	}

	record VersionRef(@Min(1) int version) {
	}

	record Rejection(@Min(1) int version, @Size(max = 2_000) String reason) {
	}

	record Reason(@Size(max = 2_000) String reason) {
	}

}
