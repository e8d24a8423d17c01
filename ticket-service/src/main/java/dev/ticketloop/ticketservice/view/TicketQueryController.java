package dev.ticketloop.ticketservice.view;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ticketloop.platform.history.AggregateHistory;
import dev.ticketloop.platform.history.AggregateHistory.EventPage;
import dev.ticketloop.platform.security.ApiClient;
import dev.ticketloop.platform.web.Problems;
import dev.ticketloop.ticketservice.ticket.TicketId;
import dev.ticketloop.ticketservice.ticket.TicketStatus;
import dev.ticketloop.ticketservice.view.TicketView.ContactView;
import dev.ticketloop.ticketservice.view.TicketView.HistoryEntry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bson.Document;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Reads a ticket with its history. An adapter's key only sees its own channel's tickets;
 * another channel's ticket answers 404, as if it did not exist, so keys cannot probe ids.
 */
@RestController
@Tag(name = "Tickets", description = "Read tickets: adapters see their channel's, agents and operators all.")
class TicketQueryController {

	private final MongoCollection<Document> views;

	private final TicketViewProjection projection;

	private final AggregateHistory history;

	private final TicketStreams streams;

	TicketQueryController(MongoDatabase database, TicketViewProjection projection, AggregateHistory history,
			TicketStreams streams) {
		this.views = database.getCollection(TicketViewProjection.COLLECTION);
		this.projection = projection;
		this.history = history;
		this.streams = streams;
	}

	/**
	 * Lists tickets, filtered by status, customer, engineering issue or channel, a page
	 * at a time (pass the {@code next} of a page as {@code after} for the following one).
	 * An adapter's key lists only its channel's tickets.
	 */
	@Operation(summary = "List tickets",
			description = "Tickets most recent first, filtered by status, customer, issue or channel, a page at a time (`after` is the previous page's `next`).")
	@GetMapping("/tickets")
	TicketSearch.Page list(@RequestParam(required = false) String status,
			@RequestParam(required = false) String customerRef, @RequestParam(required = false) String issueKey,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String after,
			@RequestParam(defaultValue = "50") int limit, @AuthenticationPrincipal ApiClient client) {
		if (limit < 1 || limit > TicketSearch.MAX_LIMIT) {
			throw new IllegalArgumentException("limit: must be between 1 and " + TicketSearch.MAX_LIMIT);
		}
		if (status != null) {
			status = parseStatus(status).name();
		}
		if (after != null) {
			after = TicketId.of(after).value();
		}
		return TicketSearch.find(this.views, new TicketSearch.Criteria(status, customerRef, issueKey, channel), client,
				after, limit);
	}

	/** The tickets linked to an engineering issue, a page at a time. */
	@Operation(summary = "List the tickets linked to an issue",
			description = "The tickets that follow an engineering issue, a page at a time; an issue with no linked ticket lists none.")
	@GetMapping("/issues/{key}/tickets")
	TicketSearch.Page listOfIssue(@PathVariable String key, @RequestParam(required = false) String after,
			@RequestParam(defaultValue = "50") int limit, @AuthenticationPrincipal ApiClient client) {
		return list(null, null, key, null, after, limit, client);
	}

	@Operation(summary = "Read a ticket",
			description = "The ticket's current view with its history; with `asOf` (an ISO-8601 instant) the ticket as it "
					+ "was then, computed from its events up to that instant, not from the read model.")
	@ApiResponse(responseCode = "200", description = "The ticket.")
	@ApiResponse(responseCode = "404",
			description = "There is no such ticket (or there was none yet at `asOf`), or none this key's channel may see.")
	@GetMapping("/tickets/{id}")
	ResponseEntity<?> get(@PathVariable String id, @RequestParam(required = false) Instant asOf,
			@AuthenticationPrincipal ApiClient client) {
		TicketId ticketId = TicketId.of(id);
		Document document = (asOf == null) ? this.views.find(Filters.eq("_id", ticketId.value())).first()
				: this.projection.viewOf(ticketId.value(), this.history.until(ticketId.value(), asOf));
		if (document == null || !client.maySee(document.getString("channel"))) {
			ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "ticket-not-found",
					"There is no ticket " + ticketId + ".");
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
		}
		return ResponseEntity.ok(toView(document));
	}

	@Operation(summary = "Follow a ticket live",
			description = "Server-sent events: a `ticket` event with the view's version (`{\"ticketId\", \"version\"}`) "
					+ "at once and whenever the ticket changed; read the ticket again to see what changed. Each key "
					+ "may hold a few streams at once.")
	@ApiResponse(responseCode = "200", description = "The stream.")
	@ApiResponse(responseCode = "404", description = "There is no such ticket.")
	@ApiResponse(responseCode = "429", description = "This key holds as many streams as it may; close one first.")
	@GetMapping(path = "/tickets/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
		TicketId ticketId = TicketId.of(id);
		Document document = this.views.find(Filters.eq("_id", ticketId.value())).first();
		if (document == null || !client.maySee(document.getString("channel"))) {
			throw new TicketNotFoundException(ticketId);
		}
		return this.streams.follow(ticketId.value(), client.name());
	}

	@Operation(summary = "List a ticket's events",
			description = "The ticket's domain events, oldest first, a page at a time: sequence, global position in "
					+ "the event store (what processors' positions count), type, revision, timestamp and payload (pass "
					+ "a page's `next` as `after`). Events stored in an older revision are shown as the service reads "
					+ "them, upcast to the current one.")
	@ApiResponse(responseCode = "200", description = "A page of events.")
	@ApiResponse(responseCode = "404", description = "There is no such ticket.")
	@GetMapping("/tickets/{id}/events")
	EventPage events(@PathVariable String id, @RequestParam(required = false) Long after,
			@RequestParam(defaultValue = "100") int limit) {
		TicketId ticketId = TicketId.of(id);
		return this.history.page(ticketId.value(), after, limit, () -> new TicketNotFoundException(ticketId));
	}

	/** No such ticket (404). */
	static class TicketNotFoundException extends RuntimeException {

		TicketNotFoundException(TicketId id) {
			super("There is no ticket " + id + ".");
		}

	}

	@org.springframework.web.bind.annotation.ExceptionHandler(TicketNotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(TicketNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Problems.of(HttpStatus.NOT_FOUND, "ticket-not-found", ex.getMessage()));
	}

	private static TicketStatus parseStatus(String status) {
		try {
			return TicketStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"status: must be one of " + java.util.Arrays.toString(TicketStatus.values()));
		}
	}

	private static TicketView toView(Document d) {
		Document contact = d.get("contact", Document.class);
		List<HistoryEntry> history = d.getList("history", Document.class, List.of())
			.stream()
			.map((h) -> new HistoryEntry(h.get("sequence", Number.class).longValue(), h.getString("type"),
					instant(h.get("at")), new java.util.LinkedHashMap<>(h.get("details", Document.class))))
			.toList();
		return new TicketView(d.getString("_id"), d.getString("channel"), d.getString("customerRef"),
				d.getString("customerTier"), d.getString("platform"), d.getString("productVersion"),
				(contact != null) ? new ContactView(contact.getString("email"), contact.getString("name"),
						contact.getString("timeZone")) : null,
				d.getString("locale"), d.getString("subject"), d.getString("body"), d.getString("status"),
				d.getString("priority"), instant(d.get("firstResponseDueAt")), d.getString("assignee"),
				d.get("reopenCount", 0), d.getBoolean("singleReplyResolution"), d.getInteger("rating"),
				instant(d.get("openedAt")), instant(d.get("resolvedAt")), instant(d.get("closedAt")),
				instant(d.get("updatedAt")), d.getString("issueKey"), d.getString("targetVersion"),
				d.getString("fixVersion"), d.getString("mergedInto"), d.getList("duplicates", String.class, List.of()),
				d.get("version", Number.class).longValue(), history);
	}

	private static Instant instant(Object value) {
		if (value instanceof Date date) {
			return date.toInstant();
		}
		return (value instanceof Instant instant) ? instant : null;
	}

}
