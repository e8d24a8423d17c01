package dev.ticketloop.routingservice.queue;

import java.time.Instant;
import java.util.List;

/**
 * A ticket in a team's queue, as agents' dashboards show it.
 *
 * @param band {@code breached}, {@code critical} (under 25 % of the target's working time
 * left), {@code at-risk} (under 50 %), {@code on-track}, {@code paused} (waiting on the
 * customer or a release) or {@code no-target}
 * @param colour the band's colour: red, orange, yellow, green, grey
 * @param breachAt when the nearest running target breaches
 * @param urgentTarget that target
 * @param workingSecondsLeft working time until then (negative: overdue by)
 * @param shareLeft the share of the target's working time left (0 to 1)
 * @param waitingFor while the clock is paused: {@code customer} (asked for clarification)
 * or {@code release} (a fix is scheduled); null otherwise
 * @param suggestion the best suggestion for the ticket (a known issue before a template,
 * as {@code GET /tickets/{id}/suggestions} ranks them), null when there is none
 * @param suggestions how many suggestions there are
 */
public record QueueItem(String ticketId, String team, String status, String assignee, String priority, String policy,
		String language, String category, List<String> tags, Instant openedAt, Instant breachAt, String urgentTarget,
		long workingSecondsLeft, double shareLeft, String band, String colour, String waitingFor, Suggestion suggestion,
		int suggestions) {

	/**
	 * A suggestion as the queue shows it.
	 *
	 * @param kind {@code known-issue} or {@code template}
	 * @param ref the key or the template's id
	 */
	public record Suggestion(String kind, String ref, String title, double score) {
	}

}
