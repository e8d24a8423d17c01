package dev.ticketloop.insightsservice.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import dev.ticketloop.contracts.ticket.CsatScore;

import org.springframework.stereotype.Component;

/** The reports, read from the totals of a period. */
@Component
public class Reports {

	private final TotalsStore totals;

	private final IssueSummaries issues;

	private final TemplateTitles templates;

	private final Clock clock;

	public Reports(TotalsStore totals, IssueSummaries issues, TemplateTitles templates, Clock clock) {
		this.totals = totals;
		this.issues = issues;
		this.templates = templates;
		this.clock = clock;
	}

	/** A step of the funnel for one value of the dimension. */
	public record Step(String step, long reached, double shareOfOpened, long leftHere, double shareLeftHere) {
	}

	/** The funnel of the tickets with one value of the dimension. */
	public record FunnelRow(String value, long opened, long resolved, long resolvedWithSingleReply,
			Double singleReplyRate, List<Step> steps) {
	}

	public record Funnel(LocalDate from, LocalDate to, String by, List<FunnelRow> rows) {
	}

	/** SLA attainment of one target, policy and team. */
	public record SlaRow(String target, String policy, String team, long metWithin, long metLate, long breachedNotMet,
			Double attainment, Long medianWorkingSeconds, Long p90WorkingSeconds) {
	}

	public record Sla(LocalDate from, LocalDate to, List<SlaRow> rows) {
	}

	/** The ratings of one cell: a category and a channel (or platform). */
	public record CsatCell(String category, String value, long count, double mean, double satisfiedShare,
			double unsatisfiedShare) {
	}

	public record Csat(LocalDate from, LocalDate to, String by, List<CsatCell> cells) {
	}

	public Funnel funnel(LocalDate from, LocalDate to, Dimension by) {
		Totals period = this.totals.period(from, to, "f|" + by.wireName());
		Map<String, Long> values = period.under("f", by.wireName());
		TreeSet<String> names = new TreeSet<>();
		values.keySet().forEach((name) -> names.add(name.substring(0, name.indexOf('|'))));
		List<FunnelRow> rows = new ArrayList<>();
		for (String value : names) {
			String d = by.wireName();
			long opened = period.get("f", d, value, FunnelStep.OPENED.wireName());
			long resolved = period.get("f", d, value, "resolved");
			long single = period.get("f", d, value, FunnelStep.RESOLVED_WITH_SINGLE_REPLY.wireName());
			List<Step> steps = new ArrayList<>();
			for (FunnelStep step : FunnelStep.values()) {
				long reached = period.get("f", d, value, step.wireName());
				long left = period.get("f", d, value, step.wireName(), "left");
				steps.add(new Step(step.wireName(), reached, share(reached, opened), left, share(left, reached)));
			}
			rows.add(new FunnelRow(value, opened, resolved, single, (resolved > 0) ? share(single, resolved) : null,
					steps));
		}
		rows.sort(Comparator.comparingLong(FunnelRow::opened).reversed().thenComparing(FunnelRow::value));
		return new Funnel(from, to, by.wireName(), rows);
	}

	public Sla sla(LocalDate from, LocalDate to) {
		Totals period = this.totals.period(from, to, "s");
		Map<String, Map<String, Long>> cells = new TreeMap<>();
		period.under("s").forEach((rest, n) -> {
			int end = rest.lastIndexOf('|');
			cells.computeIfAbsent(rest.substring(0, end), (c) -> new TreeMap<>()).put(rest.substring(end + 1), n);
		});
		Map<String, long[]> histograms = period.histogramsUnder("s");
		List<SlaRow> rows = new ArrayList<>();
		cells.forEach((cell, figures) -> {
			String[] parts = cell.split("\\|");
			long within = figures.getOrDefault("within", 0L);
			long late = figures.getOrDefault("late", 0L);
			long breached = figures.getOrDefault("breached-unmet", 0L);
			long[] bins = histograms.getOrDefault(cell, new long[0]);
			long all = within + late + breached;
			rows.add(new SlaRow(parts[0], parts[1], parts[2], within, late, breached,
					(all > 0) ? share(within, all) : null, WorkingTimeBins.percentile(bins, 0.5),
					WorkingTimeBins.percentile(bins, 0.9)));
		});
		return new Sla(from, to, rows);
	}

	/** {@code by}: {@code channel} or {@code platform}. */
	public Csat csat(LocalDate from, LocalDate to, Dimension by) {
		Totals period = this.totals.period(from, to, "c|category-" + by.wireName());
		Map<String, long[]> cells = new TreeMap<>();
		period.under("c", "category-" + by.wireName()).forEach((rest, n) -> {
			int last = rest.lastIndexOf('|');
			int score = Integer.parseInt(rest.substring(last + 1));
			cells.computeIfAbsent(rest.substring(0, last), (c) -> new long[CsatScore.MAX + 1])[score] += n;
		});
		List<CsatCell> result = new ArrayList<>();
		cells.forEach((cell, scores) -> {
			long count = 0;
			long sum = 0;
			for (int score = CsatScore.MIN; score <= CsatScore.MAX; score++) {
				count += scores[score];
				sum += (long) score * scores[score];
			}
			int bar = cell.indexOf('|');
			result.add(new CsatCell(cell.substring(0, bar), cell.substring(bar + 1), count, share(sum, count),
					share(scores[4] + scores[5], count), share(scores[1] + scores[2], count)));
		});
		return new Csat(from, to, by.wireName(), result);
	}

	/**
	 * Something that comes back: a category, a template or a known issue, with the
	 * tickets of the period and of the period of the same length just before.
	 */
	public record Question(String value, String title, long tickets, double share, long previousTickets) {
	}

	/** What comes back most among the tickets opened in the period. */
	public record TopQuestions(LocalDate from, LocalDate to, long tickets, long previousTickets,
			List<Question> categories, List<Question> templates, List<Question> knownIssues) {
	}

	public TopQuestions topQuestions(LocalDate from, LocalDate to, int limit) {
		long days = ChronoUnit.DAYS.between(from, to) + 1;
		Totals period = this.totals.period(from, to, "q");
		Totals previous = this.totals.period(from.minusDays(days), from.minusDays(1), "q");
		long tickets = period.get("q", "tickets");
		return new TopQuestions(from, to, tickets, previous.get("q", "tickets"),
				top(period, previous, "category", tickets, limit, (value) -> null),
				top(period, previous, "template", tickets, limit, this.templates::title),
				top(period, previous, "issue", tickets, limit, (key) -> {
					IssueSummary issue = this.issues.find(key);
					return (issue != null) ? issue.title() : null;
				}));
	}

	private static List<Question> top(Totals period, Totals previous, String kind, long tickets, int limit,
			Function<String, String> title) {
		Map<String, Long> before = previous.under("q", kind);
		return period.under("q", kind)
			.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.limit(limit)
			.map((entry) -> new Question(entry.getKey(), title.apply(entry.getKey()), entry.getValue(),
					share(entry.getValue(), tickets), before.getOrDefault(entry.getKey(), 0L)))
			.toList();
	}

	/** A topic of the customers' texts, by sentiment. */
	public record TopicRow(String topic, long negative, long neutral, long positive) {
	}

	/** The customers' texts of one value of the dimension, by sentiment and topic. */
	public record FeedbackRow(String value, long texts, long negative, long neutral, long positive,
			double negativeShare, List<TopicRow> topics) {
	}

	public record Feedback(LocalDate from, LocalDate to, String by, String source, List<FeedbackRow> rows) {
	}

	/** The sources of feedback: CSAT comments and customers' messages. */
	public static final List<String> SOURCES = List.of("comment", "message");

	/**
	 * The customers' texts of the tickets opened in the period by sentiment and by topic
	 * (the most negative topics first), per value of the dimension; {@code source}
	 * {@code comment}, {@code message} or {@code all}; {@code value} one value, or null
	 * for all.
	 */
	public Feedback feedback(LocalDate from, LocalDate to, Dimension by, String source, String value) {
		Totals period = this.totals.period(from, to, "t|" + by.wireName());
		Map<String, long[]> bySentiment = new TreeMap<>();
		Map<String, Map<String, long[]>> byTopic = new TreeMap<>();
		period.under("t", by.wireName()).forEach((rest, n) -> {
			String[] parts = rest.split("\\|");
			if ((value != null && !parts[0].equals(value)) || (!source.equals("all") && !parts[1].equals(source))) {
				return;
			}
			int sentiment = List.of("negative", "neutral", "positive").indexOf(parts[2]);
			if (parts.length == 3) {
				bySentiment.computeIfAbsent(parts[0], (v) -> new long[3])[sentiment] += n;
			}
			else {
				byTopic.computeIfAbsent(parts[0], (v) -> new TreeMap<>())
					.computeIfAbsent(parts[3], (t) -> new long[3])[sentiment] += n;
			}
		});
		List<FeedbackRow> rows = new ArrayList<>();
		bySentiment.forEach((v, s) -> {
			List<TopicRow> topics = byTopic.getOrDefault(v, Map.of())
				.entrySet()
				.stream()
				.map((t) -> new TopicRow(t.getKey(), t.getValue()[0], t.getValue()[1], t.getValue()[2]))
				.sorted(Comparator.comparingLong(TopicRow::negative)
					.thenComparingLong((t) -> t.negative() + t.neutral() + t.positive())
					.reversed()
					.thenComparing(TopicRow::topic))
				.toList();
			long texts = s[0] + s[1] + s[2];
			rows.add(new FeedbackRow(v, texts, s[0], s[1], s[2], share(s[0], texts), topics));
		});
		rows.sort(Comparator.comparingLong(FeedbackRow::texts).reversed().thenComparing(FeedbackRow::value));
		return new Feedback(from, to, by.wireName(), source, rows);
	}

	/** A value and how many linked tickets have it. */
	public record Count(String value, long tickets) {
	}

	/** One engineering issue as support reports it to engineering. */
	public record KnownIssue(String key, String title, String state, Instant stateSince, String version,
			Instant reportedAt, Long ageDays, long linkedTickets, long distinctCustomers, long openTickets,
			long linkedLast7Days, long ratings, Double meanRating, Double unsatisfiedShare, List<Count> categories,
			List<Count> platforms) {
	}

	/** The issues ranked by the customers they hurt. */
	public record EngineeringReport(Instant generatedAt, String state, long issues, List<KnownIssue> rows) {
	}

	/** Which issues a report to engineering lists. */
	public enum IssueFilter {

		/** Not released nor declined. */
		OPEN,
		/** Every issue. */
		ALL;

		public static IssueFilter fromWireName(String name) {
			for (IssueFilter filter : values()) {
				if (filter.name().equalsIgnoreCase(name)) {
					return filter;
				}
			}
			throw new IllegalArgumentException("state: must be open or all");
		}

	}

	/**
	 * The issues ranked by distinct customers affected, then linked tickets, then age;
	 * with the tickets linked in the last 7 days to now and the satisfaction of the
	 * customers who rated.
	 */
	public EngineeringReport engineering(IssueFilter filter, int limit) {
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		List<IssueSummary> listed = this.issues.all()
			.stream()
			.filter((issue) -> issue.linkedTickets() > 0 || issue.title() != null)
			.filter((issue) -> filter == IssueFilter.ALL || issue.open())
			.sorted(Comparator.comparingLong(IssueSummary::distinctCustomers)
				.thenComparingLong(IssueSummary::linkedTickets)
				.reversed()
				.thenComparing(IssueSummary::reportedAt, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(IssueSummary::key))
			.toList();
		List<KnownIssue> rows = new ArrayList<>();
		for (IssueSummary issue : listed.subList(0, Math.min(limit, listed.size()))) {
			rows.add(knownIssue(issue, today, now));
		}
		return new EngineeringReport(now, filter.name().toLowerCase(Locale.ROOT), listed.size(), rows);
	}

	static KnownIssue knownIssue(IssueSummary issue, LocalDate today, Instant now) {
		long lastWeek = issue.linkedByDay()
			.entrySet()
			.stream()
			.filter((day) -> !LocalDate.parse(day.getKey()).isBefore(today.minusDays(6))
					&& !LocalDate.parse(day.getKey()).isAfter(today))
			.mapToLong(Map.Entry::getValue)
			.sum();
		long[] scores = issue.ratingsByScore();
		long ratings = issue.ratings();
		long sum = 0;
		for (int score = CsatScore.MIN; score <= CsatScore.MAX; score++) {
			sum += score * scores[score];
		}
		return new KnownIssue(issue.key(), issue.title(), issue.state(), issue.stateSince(), issue.version(),
				issue.reportedAt(),
				(issue.reportedAt() != null) ? ChronoUnit.DAYS.between(issue.reportedAt(), now) : null,
				issue.linkedTickets(), issue.distinctCustomers(), issue.openTickets(), lastWeek, ratings,
				(ratings > 0) ? share(sum, ratings) : null,
				(ratings > 0) ? share(scores[1] + scores[2], ratings) : null, counts(issue.categories()),
				counts(issue.platforms()));
	}

	private static List<Count> counts(Map<String, Long> counts) {
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.map((entry) -> new Count(entry.getKey(), entry.getValue()))
			.toList();
	}

	private static double share(long part, long whole) {
		return (whole == 0) ? 0.0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
	}

}
