package dev.ticketloop.notificationservice.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.ticketloop.notificationservice.delivery.DeliveryStatus;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.DiscardDeadLetter;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RetryDeadLetter;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryAbandoned;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryAttempted;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryFailed;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import dev.ticketloop.notificationservice.delivery.NotificationEvent;
import dev.ticketloop.platform.security.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.bson.conversions.Bson;

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
 * Operators' view of the notifications that could not be delivered: list them (paged by
 * id), look at one with every attempt, send it on again once the cause is fixed, or
 * discard it.
 */
@RestController
@Tag(name = "Dead letters",
		description = "Notifications that could not be delivered, for operators to retry or discard.")
class DeadLetterController {

	private final MongoCollection<Document> deadLetters;

	private final CommandGateway commands;

	private final EventStore eventStore;

	DeadLetterController(MongoDatabase database, CommandGateway commands, EventStore eventStore) {
		this.deadLetters = database.getCollection(DeadLetterProjection.COLLECTION);
		this.commands = commands;
		this.eventStore = eventStore;
	}

	@Operation(summary = "List dead letters", description = "Notifications given up on, a page at a time.")
	@GetMapping("/dead-letters")
	Page list(@RequestParam(required = false) String after, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 200) {
			throw new IllegalArgumentException("limit: must be between 1 and 200");
		}
		Bson filter = (after != null) ? Filters.gt("_id", after) : new Document();
		List<DeadLetter> items = new ArrayList<>();
		for (Document d : this.deadLetters.find(filter).sort(Sorts.ascending("_id")).limit(limit + 1)) {
			items.add(toDeadLetter(d));
		}
		String next = null;
		if (items.size() > limit) {
			items = items.subList(0, limit);
			next = items.get(limit - 1).notificationId();
		}
		return new Page(items, next);
	}

	@Operation(summary = "Read a dead letter",
			description = "The notification, its recipient and every delivery attempt.")
	@GetMapping("/dead-letters/{notificationId}")
	DeadLetterDetail get(@PathVariable String notificationId) {
		Document d = this.deadLetters.find(Filters.eq("_id", notificationId)).first();
		if (d == null) {
			throw new NoDeadLetterException(notificationId);
		}
		Map<String, Object> recipient = new LinkedHashMap<>();
		List<Step> history = new ArrayList<>();
		this.eventStore.readEvents(notificationId).asStream().forEach((m) -> {
			history.add(step(m));
			if (m.getPayload() instanceof NotificationRequested r) {
				recipient.put("channel", r.recipient().channel());
				recipient.put("address", r.recipient().address());
				recipient.put("name", r.recipient().name());
				recipient.put("locale", r.recipient().locale());
				recipient.put("customerRef", r.recipient().customerRef());
			}
		});
		return new DeadLetterDetail(toDeadLetter(d), recipient, history);
	}

	@Operation(summary = "Retry a dead letter", description = "Delivers the notification again, in the background.")
	@ApiResponse(responseCode = "202", description = "The retry is scheduled.")
	@ApiResponse(responseCode = "409", description = "The notification is not a dead letter (any more).")
	@PostMapping("/dead-letters/{notificationId}/retry")
	ResponseEntity<Outcome> retry(@PathVariable String notificationId, @AuthenticationPrincipal ApiClient client) {
		DeliveryStatus status = this.commands.sendAndWait(new RetryDeadLetter(notificationId, client.name()));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Outcome(notificationId, status.name()));
	}

	@Operation(summary = "Discard a dead letter", description = "Gives up on the notification for good, with a note.")
	@ApiResponse(responseCode = "200", description = "The notification is discarded.")
	@ApiResponse(responseCode = "409", description = "The notification is not a dead letter (any more).")
	@PostMapping("/dead-letters/{notificationId}/discard")
	Outcome discard(@PathVariable String notificationId, @Valid @RequestBody(required = false) DiscardRequest request,
			@AuthenticationPrincipal ApiClient client) {
		DeliveryStatus status = this.commands.sendAndWait(
				new DiscardDeadLetter(notificationId, client.name(), (request != null) ? request.note() : null));
		return new Outcome(notificationId, status.name());
	}

	private static Step step(DomainEventMessage<?> m) {
		Object p = m.getPayload();
		String detail = switch (p) {
			case DeliveryAttempted a -> "attempt " + a.attempt();
			case DeliveryFailed f -> "attempt " + f.attempt() + ": " + f.detail() + "; next at " + f.nextAttemptAt();
			case DeliveryAbandoned a -> "attempt " + a.attempt() + ": " + a.detail();
			case NotificationEvent.DeadLetterRetried r -> "by " + r.operator();
			case NotificationEvent.DeadLetterDiscarded d ->
				"by " + d.operator() + ((d.note() != null) ? ": " + d.note() : "");
			default -> null;
		};
		return new Step(m.getSequenceNumber(), p.getClass().getSimpleName(), m.getTimestamp(), detail);
	}

	private static DeadLetter toDeadLetter(Document d) {
		return new DeadLetter(d.getString("_id"), d.getString("ticketId"), d.getString("reason"),
				d.getString("channel"), d.getInteger("attempts", 0), d.getString("failure"), d.getString("detail"),
				d.getDate("abandonedAt").toInstant());
	}

	record Page(List<DeadLetter> items, String next) {
	}

	/**
	 * @param failure {@code permanent} (refused) or {@code exhausted} (retries used up)
	 */
	record DeadLetter(String notificationId, String ticketId, String reason, String channel, int attempts,
			String failure, String detail, Instant abandonedAt) {
	}

	record DeadLetterDetail(DeadLetter deadLetter, Map<String, Object> recipient, List<Step> history) {
	}

	record Step(long sequence, String type, Instant at, String detail) {
	}

	record DiscardRequest(@Size(max = 500) String note) {
	}

	record Outcome(String notificationId, String status) {
	}

	/** Nothing in the dead-letter store under that id. */
	static class NoDeadLetterException extends RuntimeException {

		NoDeadLetterException(String notificationId) {
			super("No dead letter " + notificationId + ".");
		}

	}

}
