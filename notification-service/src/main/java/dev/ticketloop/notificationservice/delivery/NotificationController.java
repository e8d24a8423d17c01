package dev.ticketloop.notificationservice.delivery;

import java.time.Instant;

import dev.ticketloop.platform.history.AggregateHistory;
import dev.ticketloop.platform.history.AggregateHistory.EventPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A notification, now or as it was at an instant, both computed from its events; and its
 * events, a page at a time (the proof of every attempt, for operators).
 */
@RestController
@Tag(name = "Notifications",
		description = "Each notification with its recipient, content and delivery, now or as it was; its events.")
class NotificationController {

	private final AggregateHistory history;

	NotificationController(AggregateHistory history) {
		this.history = history;
	}

	@Operation(summary = "Read a notification",
			description = "Its recipient and content, where its delivery stands, its attempts and what became of them, "
					+ "computed from its events; with `asOf` (an ISO-8601 instant) from its events up to that instant: "
					+ "the notification as it was then.")
	@ApiResponse(responseCode = "200", description = "The notification.")
	@ApiResponse(responseCode = "404", description = "There is no such notification (or there was none yet at `asOf`).")
	@GetMapping("/notifications/{notificationId}")
	NotificationView get(@PathVariable String notificationId, @RequestParam(required = false) Instant asOf) {
		NotificationView view = NotificationView
			.of(this.history.until(notificationId, (asOf != null) ? asOf : Instant.MAX));
		if (view == null) {
			throw new NotificationNotFoundException(notificationId);
		}
		return view;
	}

	@Operation(summary = "List a notification's events",
			description = "The notification's domain events as stored, oldest first, a page at a time: sequence, global "
					+ "position in the event store (what processors' positions count), type, revision, timestamp and "
					+ "payload (pass a page's `next` as `after`).")
	@ApiResponse(responseCode = "200", description = "A page of events.")
	@ApiResponse(responseCode = "404", description = "There is no such notification.")
	@GetMapping("/notifications/{notificationId}/events")
	EventPage events(@PathVariable String notificationId, @RequestParam(required = false) Long after,
			@RequestParam(defaultValue = "100") int limit) {
		return this.history.page(notificationId, after, limit, () -> new NotificationNotFoundException(notificationId));
	}

}
