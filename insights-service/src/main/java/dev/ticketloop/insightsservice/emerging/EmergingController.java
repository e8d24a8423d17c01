package dev.ticketloop.insightsservice.emerging;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The last detection of emerging problems. */
@RestController
@Tag(name = "Reports")
class EmergingController {

	private final EmergingProblems emerging;

	EmergingController(EmergingProblems emerging) {
		this.emerging = emerging;
	}

	@Operation(summary = "Emerging problems",
			description = "Problems nobody has told engineering about yet, as of the last detection (every few minutes): tickets no engineering issue covers that say the same thing and came in faster over the last window (24 h by default) than over the days before it, with the words that weigh most in them, examples, categories and platforms. Each is also published as `dev.ticketloop.insights.emerging-issue.v1`. `detection` is null before the first detection.")
	@GetMapping(path = "/reports/emerging", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> emerging() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("detection", this.emerging.last());
		return body;
	}

}
