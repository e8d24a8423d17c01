package dev.ticketloop.contracts.insights;

import java.time.Instant;
import java.util.List;

import dev.ticketloop.contracts.IntegrationEvent;

/**
 * A problem nobody has reported to engineering yet: tickets that say the same thing, that
 * no engineering issue covers (none linked, none escalated), coming in faster over the
 * last window than before it. Published by insights-service on
 * {@code ticketloop.insights.reports.v1}, keyed by its id: again, with the same id, when
 * it has doubled since; the topic is compacted, so the latest record of a problem is what
 * is known of it.
 *
 * @param emergingId {@code emerging-<12 hex digits>}: the same problem keeps its id while
 * it goes on.
 * @param detectedAt when this record was made.
 * @param windowStart the start of the window it rose in.
 * @param windowEnd the end of that window (the detection).
 * @param ticketsInWindow its tickets opened in the window.
 * @param ticketsBefore its tickets opened in the {@code daysBefore} days before the
 * window.
 * @param daysBefore how many days before the window were looked at.
 * @param terms the analysed words that weigh most in its tickets (stems, in their
 * languages), most first.
 * @param examples some of its tickets, the latest first (at most 5).
 * @param categories its tickets by category, most first.
 * @param platforms its tickets by platform, most first.
 */
public record EmergingIssueV1(String emergingId, Instant detectedAt, Instant windowStart, Instant windowEnd,
		long ticketsInWindow, long ticketsBefore, int daysBefore, List<String> terms, List<Example> examples,
		List<Count> categories, List<Count> platforms) implements IntegrationEvent {

	@Override
	public String subjectId() {
		return this.emergingId;
	}

	/**
	 * One of its tickets.
	 *
	 * @param ticketId the ticket.
	 * @param subject the ticket's subject as the customer wrote it (at most 160
	 * characters).
	 * @param openedAt when it was opened.
	 * @param language its language, if known.
	 * @param platform its platform, if known.
	 */
	public record Example(String ticketId, String subject, Instant openedAt, String language, String platform) {
	}

	/**
	 * How many of its tickets have a value.
	 *
	 * @param value a category or platform ({@code unknown} when not known).
	 * @param tickets how many.
	 */
	public record Count(String value, long tickets) {
	}

}
