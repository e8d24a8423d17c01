package dev.ticketloop.insightsservice.facts;

import java.util.Map;

import dev.ticketloop.platform.security.ApiClient;
import dev.ticketloop.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operators' tools of insights-service (role OPERATOR, audited as every operation).
 */
@RestController
@Tag(name = "Operations")
class InsightsOperationsController {

	private final Replays replays;

	private final FactStore facts;

	InsightsOperationsController(Replays replays, FactStore facts) {
		this.replays = replays;
		this.facts = facts;
	}

	@Operation(summary = "Replay the topics",
			description = "Every instance stops reading; once the consumer group is empty its offsets go back to the beginning of every partition of the topics read, the read models are emptied, and reading starts again: the reports are rebuilt from what the topics still hold (their retention: 30 days by default) and the backfill topic (ticketloop.replay.insights, where operators republish older history). Answers 202 with the replay's state; follow it with GET.")
	@PostMapping("/operations/insights/replay")
	ResponseEntity<Replays.Status> replay(@AuthenticationPrincipal ApiClient client) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.replays.request(client.name()));
	}

	@Operation(summary = "The latest replay's state",
			description = "`stopping` until the group is reset, then `running`.")
	@GetMapping("/operations/insights/replay")
	ResponseEntity<?> replayStatus() {
		return this.replays.status()
			.<ResponseEntity<?>>map(ResponseEntity::ok)
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(Problems.of(HttpStatus.NOT_FOUND, "no-replay", "No replay was requested yet.")));
	}

	@Operation(summary = "Add every day up again",
			description = "Recomputes the totals of every day from the tickets' fact sheets (after a change of how the figures are made); the reports show the new totals within the refresh interval.")
	@PostMapping("/operations/insights/rebuild")
	ResponseEntity<Map<String, Long>> rebuild() {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("days", this.facts.markAllChanged()));
	}

}
