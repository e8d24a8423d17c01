package dev.ticketloop.routingservice.queue;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live queues: a team's open tickets ordered by urgency with their colour bands, a
 * summary of every team, and a stream of a team's queue (server-sent events, a
 * {@code queue} event whenever it changes) for dashboards.
 */
@RestController
@Tag(name = "Queues", description = "Each team's tickets, most urgent first, with colour bands.")
class QueueController {

	private final Queues queues;

	/**
	 * The most tickets a page or a stream of a queue holds (a busy team's whole queue).
	 */
	static final int MAX_LIMIT = 1000;

	private final QueueBroadcaster broadcaster;

	QueueController(Queues queues, QueueBroadcaster broadcaster) {
		this.queues = queues;
		this.broadcaster = broadcaster;
	}

	@Operation(summary = "List the queues", description = "Every team's queue with its counts by colour band.")
	@GetMapping("/queues")
	Map<String, Map<String, Integer>> summary() {
		return this.queues.summary();
	}

	@Operation(summary = "Read a team's queue",
			description = "The team's tickets most urgent first (time to breach, colour band); an unknown team has an empty queue.")
	@GetMapping("/queues/{team}")
	QueuePage queue(@PathVariable String team, @RequestParam(defaultValue = "waiting") String status,
			@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit: must be between 1 and " + MAX_LIMIT);
		}
		return new QueuePage(team, this.queues.queue(team, status(status), limit));
	}

	@Operation(summary = "Follow a team's queue live",
			description = "Server-sent events: the queue as it changes. Each key may hold a few streams at once.")
	@ApiResponse(responseCode = "200", description = "The stream: an event with the queue whenever it changes.")
	@ApiResponse(responseCode = "429", description = "This key holds as many streams as it may; close one first.")
	@GetMapping(path = "/queues/{team}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@PathVariable String team, @RequestParam(defaultValue = "waiting") String status,
			@RequestParam(defaultValue = "50") int limit, Principal caller) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit: must be between 1 and " + MAX_LIMIT);
		}
		return this.broadcaster.subscribe(team, status(status), limit, caller.getName());
	}

	private static Queues.Status status(String status) {
		try {
			return Queues.Status.valueOf(status.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("status: must be waiting, assigned or all");
		}
	}

	record QueuePage(String team, List<QueueItem> items) {
	}

}
