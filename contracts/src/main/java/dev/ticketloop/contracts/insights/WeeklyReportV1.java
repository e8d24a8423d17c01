package dev.ticketloop.contracts.insights;

import java.time.Instant;
import java.util.List;

import dev.ticketloop.contracts.IntegrationEvent;

/**
 * The week's report from support to engineering: the engineering issues ranked by the
 * customers they hurt, and what came back most among the week's tickets. Published by
 * insights-service on {@code ticketloop.insights.reports.v1} once a week (Monday, for the
 * ISO week before, UTC), keyed by report id; the topic is compacted, so it keeps every
 * week's report.
 *
 * @param reportId {@code weekly-<ISO week>}, e.g. {@code weekly-2026-W49}: the same week
 * published twice carries the same id.
 * @param week the ISO week, e.g. {@code 2026-W49}.
 * @param from its first day (a Monday), as {@code yyyy-MM-dd}.
 * @param to its last day (a Sunday).
 * @param generatedAt when the report was made.
 * @param ticketsOpened tickets opened in the week.
 * @param ticketsResolved of those, resolved or closed by the time of the report.
 * @param singleReplyRate of those resolved, the share resolved with a single reply; null
 * without any.
 * @param knownIssues the issues still open or whose state changed in the week, most
 * distinct customers first (at most 20).
 * @param topCategories the categories of the week's tickets, most first (at most 10).
 * @param topTemplates the answer templates used on the week's tickets, most first (at
 * most 10).
 */
public record WeeklyReportV1(String reportId, String week, String from, String to, Instant generatedAt,
		long ticketsOpened, long ticketsResolved, Double singleReplyRate, List<KnownIssue> knownIssues,
		List<Question> topCategories, List<Question> topTemplates) implements IntegrationEvent {

	@Override
	public String subjectId() {
		return this.reportId;
	}

	/**
	 * One engineering issue as support sees it.
	 *
	 * @param issueKey the issue's key.
	 * @param title its title, if known.
	 * @param state reported, confirmed, fix-scheduled, released or declined.
	 * @param version the version its fix is scheduled for or shipped in, if any.
	 * @param reportedAt when support reported it, if known.
	 * @param linkedTickets tickets linked to it, all time.
	 * @param distinctCustomers distinct customers among them.
	 * @param openTickets linked tickets neither resolved nor closed.
	 * @param linkedInWeek tickets linked to it during the week.
	 * @param ratings linked tickets rated by their customers.
	 * @param meanRating their mean rating (1 to 5); null without ratings.
	 * @param unsatisfiedShare the share of them rated 1 or 2; null without ratings.
	 * @param categories linked tickets by category, most first.
	 * @param platforms linked tickets by platform, most first.
	 */
	public record KnownIssue(String issueKey, String title, String state, String version, Instant reportedAt,
			long linkedTickets, long distinctCustomers, long openTickets, long linkedInWeek, long ratings,
			Double meanRating, Double unsatisfiedShare, List<Count> categories, List<Count> platforms) {
	}

	/**
	 * Something that came back.
	 *
	 * @param value the category or template id.
	 * @param tickets the week's tickets with it.
	 * @param previousTickets the tickets of the week before with it.
	 */
	public record Question(String value, long tickets, long previousTickets) {
	}

	/**
	 * How many linked tickets have a value.
	 *
	 * @param value a category or platform ({@code unknown} when not known).
	 * @param tickets how many.
	 */
	public record Count(String value, long tickets) {
	}

}
