package dev.ticketloop.routingservice.queue;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
class QueueController {

	private final Queues queues;

	private final QueueBroadcaster broadcaster;

	QueueController(Queues queues, QueueBroadcaster broadcaster) {
		this.queues = queues;
		this.broadcaster = broadcaster;
	}

	@GetMapping("/queues")
	Map<String, Map<String, Integer>> summary() {
		return this.queues.summary();
	}

	@GetMapping("/queues/{team}")
	QueuePage queue(@PathVariable String team, @RequestParam(defaultValue = "waiting") String status,
			@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 500) {
			throw new IllegalArgumentException("limit: must be between 1 and 500");
		}
		return new QueuePage(team, this.queues.queue(team, status(status), limit));
	}

	@GetMapping(path = "/queues/{team}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@PathVariable String team, @RequestParam(defaultValue = "waiting") String status,
			@RequestParam(defaultValue = "50") int limit, Principal caller) {
		if (limit < 1 || limit > 500) {
			throw new IllegalArgumentException("limit: must be between 1 and 500");
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
