package dev.ticketloop.insightsservice.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The loop's numbers over a period of UTC days (the tickets opened in it, followed
 * through everything that happened to them), as JSON or, with {@code Accept: text/csv},
 * as CSV.
 */
@RestController
@Tag(name = "Reports")
class ReportsController {

	static final MediaType CSV = new MediaType("text", "csv");

	/** The longest period a report covers. */
	static final long MAX_DAYS = 1_096;

	private final Reports reports;

	private final Drilldown drilldown;

	private final Clock clock;

	ReportsController(Reports reports, Drilldown drilldown, Clock clock) {
		this.reports = reports;
		this.drilldown = drilldown;
		this.clock = clock;
	}

	@Operation(summary = "The funnel",
			description = "Of the tickets opened from `from` to `to` (UTC days, both included; the last 30 days by default): how many reached each step of the loop, the share of those opened, how many left the loop there (resolved or closed with it as their furthest step), and the single-reply resolution rate; one row per value of `by` (all, channel, tier, category, team, language, platform, agent).")
	@GetMapping(path = "/reports/funnel", produces = MediaType.APPLICATION_JSON_VALUE)
	Reports.Funnel funnel(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "all") String by) {
		Period period = period(from, to);
		return this.reports.funnel(period.from(), period.to(), Dimension.fromWireName(by));
	}

	@GetMapping(path = "/reports/funnel", produces = "text/csv")
	ResponseEntity<String> funnelCsv(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "all") String by) {
		Reports.Funnel funnel = funnel(from, to, by);
		return csv(List.of("by", "value", "step", "reached", "share_of_opened", "left_here", "share_left_here",
				"single_reply_rate"), (printer) -> {
					for (Reports.FunnelRow row : funnel.rows()) {
						for (Reports.Step step : row.steps()) {
							printer.printRecord(funnel.by(), row.value(), step.step(), step.reached(),
									step.shareOfOpened(), step.leftHere(), step.shareLeftHere(),
									(row.singleReplyRate() != null) ? row.singleReplyRate() : "");
						}
					}
				});
	}

	@Operation(summary = "SLA attainment",
			description = "Per SLA target (first_response, next_response, resolution), policy and team, of the tickets opened in the period: targets met within their limit, met late, breached and not met since, attainment (within / all three) and the median and 90th percentile of the working time the met ones took (within 1 %).")
	@GetMapping(path = "/reports/sla", produces = MediaType.APPLICATION_JSON_VALUE)
	Reports.Sla sla(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		Period period = period(from, to);
		return this.reports.sla(period.from(), period.to());
	}

	@GetMapping(path = "/reports/sla", produces = "text/csv")
	ResponseEntity<String> slaCsv(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		Reports.Sla sla = sla(from, to);
		return csv(List.of("target", "policy", "team", "met_within", "met_late", "breached_not_met", "attainment",
				"median_working_seconds", "p90_working_seconds"), (printer) -> {
					for (Reports.SlaRow row : sla.rows()) {
						printer.printRecord(row.target(), row.policy(), row.team(), row.metWithin(), row.metLate(),
								row.breachedNotMet(), blank(row.attainment()), blank(row.medianWorkingSeconds()),
								blank(row.p90WorkingSeconds()));
					}
				});
	}

	@Operation(summary = "Satisfaction (CSAT)",
			description = "The latest rating of each rated ticket opened in the period, by category and `by` (channel or platform): count, mean, share of 4-5 and share of 1-2.")
	@GetMapping(path = "/reports/csat", produces = MediaType.APPLICATION_JSON_VALUE)
	Reports.Csat csat(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "channel") String by) {
		Period period = period(from, to);
		return this.reports.csat(period.from(), period.to(), csatDimension(by));
	}

	@GetMapping(path = "/reports/csat", produces = "text/csv")
	ResponseEntity<String> csatCsv(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "channel") String by) {
		Reports.Csat csat = csat(from, to, by);
		return csv(List.of("category", csat.by(), "count", "mean", "share_4_5", "share_1_2"), (printer) -> {
			for (Reports.CsatCell cell : csat.cells()) {
				printer.printRecord(cell.category(), cell.value(), cell.count(), cell.mean(), cell.satisfiedShare(),
						cell.unsatisfiedShare());
			}
		});
	}

	@Operation(summary = "The ratings of one satisfaction cell",
			description = "The ratings and comments behind one cell of the CSAT report (a category and a channel or platform), the latest first, at most 500.")
	@GetMapping(path = "/reports/csat/ratings", produces = MediaType.APPLICATION_JSON_VALUE)
	Drilldown.Ratings ratings(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam String category, @RequestParam(defaultValue = "channel") String by,
			@RequestParam String value) {
		Period period = period(from, to);
		return this.drilldown.ratings(period.from(), period.to(), category, csatDimension(by), value);
	}

	@GetMapping(path = "/reports/csat/ratings", produces = "text/csv")
	ResponseEntity<String> ratingsCsv(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam String category,
			@RequestParam(defaultValue = "channel") String by, @RequestParam String value) {
		Drilldown.Ratings ratings = ratings(from, to, category, by, value);
		return csv(List.of("ticket_id", "score", "comment", "rated_at", "channel", "platform", "category"),
				(printer) -> {
					for (Drilldown.RatingRow row : ratings.ratings()) {
						printer.printRecord(row.ticketId(), row.score(), row.comment(), row.ratedAt(), row.channel(),
								row.platform(), row.category());
					}
				});
	}

	@Operation(summary = "Top questions",
			description = "What comes back most among the tickets opened in the period, for writing self-service answers: the categories, the answer templates used and the known issues linked, each with its tickets, their share of the period's tickets, and the tickets of the period of the same length just before; at most `limit` (1-100, default 10) of each.")
	@GetMapping(path = "/reports/top-questions", produces = MediaType.APPLICATION_JSON_VALUE)
	Reports.TopQuestions topQuestions(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "10") String limit) {
		Period period = period(from, to);
		return this.reports.topQuestions(period.from(), period.to(), limit(limit, 100));
	}

	@GetMapping(path = "/reports/top-questions", produces = "text/csv")
	ResponseEntity<String> topQuestionsCsv(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "10") String limit) {
		Reports.TopQuestions top = topQuestions(from, to, limit);
		return csv(List.of("kind", "value", "title", "tickets", "share", "previous_tickets"), (printer) -> {
			for (Reports.Question question : top.categories()) {
				printer.printRecord("category", question.value(), blank(question.title()), question.tickets(),
						question.share(), question.previousTickets());
			}
			for (Reports.Question question : top.templates()) {
				printer.printRecord("template", question.value(), blank(question.title()), question.tickets(),
						question.share(), question.previousTickets());
			}
			for (Reports.Question question : top.knownIssues()) {
				printer.printRecord("known_issue", question.value(), blank(question.title()), question.tickets(),
						question.share(), question.previousTickets());
			}
		});
	}

	@Operation(summary = "The report to engineering",
			description = "Engineering issues ranked by the distinct customers they affect, then by linked tickets: state and since when, the version of the fix, age, linked and still open tickets, tickets linked in the last 7 days, the satisfaction of the customers who rated (count, mean, share of 1-2), their categories and platforms. `state`: open (not released nor declined; default) or all; at most `limit` (1-500, default 50) issues. The same report goes out every week as `dev.ticketloop.insights.weekly-report.v1`.")
	@GetMapping(path = "/reports/engineering", produces = MediaType.APPLICATION_JSON_VALUE)
	Reports.EngineeringReport engineering(@RequestParam(defaultValue = "open") String state,
			@RequestParam(defaultValue = "50") String limit) {
		return this.reports.engineering(Reports.IssueFilter.fromWireName(state), limit(limit, 500));
	}

	@GetMapping(path = "/reports/engineering", produces = "text/csv")
	ResponseEntity<String> engineeringCsv(@RequestParam(defaultValue = "open") String state,
			@RequestParam(defaultValue = "50") String limit) {
		Reports.EngineeringReport report = engineering(state, limit);
		return csv(List.of("key", "title", "state", "state_since", "version", "reported_at", "age_days",
				"linked_tickets", "distinct_customers", "open_tickets", "linked_last_7_days", "ratings", "mean_rating",
				"share_1_2", "categories", "platforms"), (printer) -> {
					for (Reports.KnownIssue issue : report.rows()) {
						printer.printRecord(issue.key(), blank(issue.title()), issue.state(), blank(issue.stateSince()),
								blank(issue.version()), blank(issue.reportedAt()), blank(issue.ageDays()),
								issue.linkedTickets(), issue.distinctCustomers(), issue.openTickets(),
								issue.linkedLast7Days(), issue.ratings(), blank(issue.meanRating()),
								blank(issue.unsatisfiedShare()), joined(issue.categories()), joined(issue.platforms()));
					}
				});
	}

	@Operation(summary = "Feedback: sentiment and topics",
			description = "What the customers of the tickets opened in the period wrote (the comment of their latest rating, their messages; `source`: all, comment or message), tagged with a sentiment (negative, neutral, positive) and topics (response_time, agent, resolution, product_bug, billing, usability, communication, none) in English, Spanish and Chinese; per value of `by` (all, channel, tier, category, team, language, platform), or only `value`: texts by sentiment and by topic, the most negative topics first. What unhappy customers of the Android app complain about: `by=platform&value=android`.")
	@GetMapping(path = "/reports/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
	Reports.Feedback feedback(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "all") String by, @RequestParam(defaultValue = "all") String source,
			@RequestParam(required = false) String value) {
		Period period = period(from, to);
		return this.reports.feedback(period.from(), period.to(), feedbackDimension(by), source(source), value);
	}

	@GetMapping(path = "/reports/feedback", produces = "text/csv")
	ResponseEntity<String> feedbackCsv(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "all") String by,
			@RequestParam(defaultValue = "all") String source, @RequestParam(required = false) String value) {
		Reports.Feedback feedback = feedback(from, to, by, source, value);
		return csv(List.of("by", "value", "topic", "negative", "neutral", "positive"), (printer) -> {
			for (Reports.FeedbackRow row : feedback.rows()) {
				printer.printRecord(feedback.by(), row.value(), "", row.negative(), row.neutral(), row.positive());
				for (Reports.TopicRow topic : row.topics()) {
					printer.printRecord(feedback.by(), row.value(), topic.topic(), topic.negative(), topic.neutral(),
							topic.positive());
				}
			}
		});
	}

	@Operation(summary = "The texts of one feedback cell",
			description = "The customers' texts behind one cell of the feedback report, with their tags, the latest first, at most 500: the tickets opened in the period with `value` of `by`, texts of `source` with `sentiment` (all, negative, neutral, positive) and, if given, `topic`.")
	@GetMapping(path = "/reports/feedback/texts", produces = MediaType.APPLICATION_JSON_VALUE)
	Drilldown.Texts feedbackTexts(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "all") String by,
			@RequestParam(defaultValue = "all") String value, @RequestParam(defaultValue = "all") String source,
			@RequestParam(defaultValue = "all") String sentiment, @RequestParam(required = false) String topic) {
		Period period = period(from, to);
		if (!List.of("all", "negative", "neutral", "positive").contains(sentiment)) {
			throw new IllegalArgumentException("sentiment: must be all, negative, neutral or positive");
		}
		return this.drilldown.texts(period.from(), period.to(), feedbackDimension(by), value, source(source), sentiment,
				topic);
	}

	private static Dimension feedbackDimension(String by) {
		Dimension dimension = Dimension.fromWireName(by);
		if (dimension == Dimension.AGENT) {
			throw new IllegalArgumentException("by: feedback is not reported by agent");
		}
		return dimension;
	}

	private static String source(String source) {
		if (!source.equals("all") && !Reports.SOURCES.contains(source)) {
			throw new IllegalArgumentException("source: must be all, comment or message");
		}
		return source;
	}

	private static String joined(List<Reports.Count> counts) {
		StringBuilder joined = new StringBuilder();
		for (Reports.Count count : counts) {
			joined.append(joined.isEmpty() ? "" : "; ").append(count.value()).append(' ').append(count.tickets());
		}
		return joined.toString();
	}

	private static int limit(String value, int max) {
		try {
			int limit = Integer.parseInt(value);
			if (limit >= 1 && limit <= max) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// told below
		}
		throw new IllegalArgumentException("limit: must be a whole number from 1 to " + max);
	}

	private static Dimension csatDimension(String by) {
		Dimension dimension = Dimension.fromWireName(by);
		if (dimension != Dimension.CHANNEL && dimension != Dimension.PLATFORM) {
			throw new IllegalArgumentException("by: satisfaction is reported by channel or by platform");
		}
		return dimension;
	}

	record Period(LocalDate from, LocalDate to) {
	}

	private Period period(String from, String to) {
		LocalDate end = (to != null) ? date("to", to) : LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		LocalDate start = (from != null) ? date("from", from) : end.minusDays(29);
		if (start.isAfter(end)) {
			throw new IllegalArgumentException("from: must not be after to");
		}
		if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
			throw new IllegalArgumentException("from: a report covers at most " + MAX_DAYS + " days");
		}
		return new Period(start, end);
	}

	private static LocalDate date(String name, String value) {
		try {
			LocalDate date = LocalDate.parse(value);
			if (date.getYear() < 2000 || date.getYear() > 2999) {
				throw new IllegalArgumentException(name + ": must be a date from the year 2000 to 2999");
			}
			return date;
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(name + ": must be a date such as 2026-12-07");
		}
	}

	private static Object blank(Object value) {
		return (value != null) ? value : "";
	}

	interface Rows {

		void print(CSVPrinter printer) throws IOException;

	}

	private static ResponseEntity<String> csv(List<String> header, Rows rows) {
		StringWriter out = new StringWriter();
		try (CSVPrinter printer = new CSVPrinter(out,
				CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
			rows.print(printer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return ResponseEntity.ok().contentType(CSV).body(out.toString());
	}

}
