package dev.ticketloop.insightsservice.report;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.insights.WeeklyReportV1;
import dev.ticketloop.insightsservice.facts.ConsumerLag;
import dev.ticketloop.insightsservice.facts.FactStore;
import dev.ticketloop.insightsservice.publish.ReportPublisher;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The weekly report to engineering ({@code dev.ticketloop.insights.weekly-report.v1}):
 * once the ISO week (UTC) is over and {@code ticketloop.insights.weekly-report.delay}
 * more has passed (late events), the materializer's leader publishes the week's report
 * and records it ({@code insight_control}), once its consumer group has read everything
 * published ({@link ConsumerLag}) and added up everything it read. The event's id is
 * derived from the week: a leader that dies between sending and recording sends the same
 * event again, which consumers drop as a duplicate. Weeks missed while nothing ran are
 * not published late; only the last finished week is.
 */
@Component
public class WeeklyReports {

	private static final Logger log = LoggerFactory.getLogger(WeeklyReports.class);

	static final int ISSUES = 20;

	static final int QUESTIONS = 10;

	private final Reports reports;

	private final IssueSummaries issues;

	private final ConsumerLag lag;

	private final FactStore facts;

	private final ReportPublisher publisher;

	private final MongoCollection<Document> control;

	private final boolean enabled;

	private final Duration delay;

	WeeklyReports(Reports reports, IssueSummaries issues, ConsumerLag lag, FactStore facts, ReportPublisher publisher,
			MongoDatabase database, @Value("${ticketloop.insights.weekly-report.enabled:true}") boolean enabled,
			@Value("${ticketloop.insights.weekly-report.delay:1h}") Duration delay) {
		this.reports = reports;
		this.issues = issues;
		this.lag = lag;
		this.facts = facts;
		this.publisher = publisher;
		this.control = database.getCollection("insight_control");
		this.enabled = enabled;
		this.delay = delay;
	}

	/** The Monday of the last ISO week that was over {@code delay} before {@code now}. */
	static LocalDate lastFinishedWeek(Instant now, Duration delay) {
		LocalDate today = LocalDate.ofInstant(now.minus(delay), ZoneOffset.UTC);
		return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
	}

	static String week(LocalDate monday) {
		return String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
				monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

	/**
	 * Publishes the last finished week's report unless it was published already or the
	 * topics are not read to their end yet; whether it did.
	 */
	public boolean publishDue(Instant now) throws Exception {
		if (!this.enabled) {
			return false;
		}
		LocalDate monday = lastFinishedWeek(now, this.delay);
		String id = "weekly-report/" + week(monday);
		if (this.control.find(Filters.eq("_id", id)).first() != null) {
			return false;
		}
		long lag = this.lag.records();
		if (lag > 0 || !this.facts.dirtyDays().isEmpty() || !this.facts.dirtyIssues().isEmpty()) {
			// every record read, and everything read added up
			log.debug("The weekly report {} waits for {} records to be read and the totals to be made", id, lag);
			return false;
		}
		WeeklyReportV1 report = report(monday, now);
		CloudEvent event = this.publisher.publish(ReportPublisher.idOf(id), now, report);
		this.control.updateOne(Filters.eq("_id", id),
				Updates.combine(Updates.set("eventId", event.id()), Updates.set("publishedAt", Date.from(now))),
				new UpdateOptions().upsert(true));
		log.info("Published the weekly report {} ({} tickets, {} known issues)", report.reportId(),
				report.ticketsOpened(), report.knownIssues().size());
		return true;
	}

	/** The report of the week starting on {@code monday}, as of {@code now}. */
	WeeklyReportV1 report(LocalDate monday, Instant now) {
		LocalDate sunday = monday.plusDays(6);
		Reports.Funnel funnel = this.reports.funnel(monday, sunday, Dimension.ALL);
		long opened = 0;
		long resolved = 0;
		long single = 0;
		for (Reports.FunnelRow row : funnel.rows()) {
			opened += row.opened();
			resolved += row.resolved();
			single += row.resolvedWithSingleReply();
		}
		Reports.TopQuestions top = this.reports.topQuestions(monday, sunday, QUESTIONS);
		Instant start = monday.atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant end = sunday.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		List<WeeklyReportV1.KnownIssue> known = this.issues.all()
			.stream()
			.filter((issue) -> issue.linkedTickets() > 0 || issue.title() != null)
			.filter((issue) -> issue.open() || (issue.stateSince() != null && !issue.stateSince().isBefore(start)
					&& issue.stateSince().isBefore(end)))
			.sorted(Comparator.comparingLong(IssueSummary::distinctCustomers)
				.thenComparingLong(IssueSummary::linkedTickets)
				.reversed()
				.thenComparing(IssueSummary::key))
			.limit(ISSUES)
			.map((issue) -> knownIssue(issue, monday, sunday, now))
			.toList();
		return new WeeklyReportV1("weekly-" + week(monday), week(monday), monday.toString(), sunday.toString(), now,
				opened, resolved, (resolved > 0) ? Math.round(single * 10_000.0 / resolved) / 10_000.0 : null, known,
				questions(top.categories()), questions(top.templates()));
	}

	private static WeeklyReportV1.KnownIssue knownIssue(IssueSummary issue, LocalDate monday, LocalDate sunday,
			Instant now) {
		Reports.KnownIssue row = Reports.knownIssue(issue, LocalDate.ofInstant(now, ZoneOffset.UTC), now);
		long inWeek = 0;
		for (Map.Entry<String, Long> day : issue.linkedByDay().entrySet()) {
			LocalDate linked = LocalDate.parse(day.getKey());
			if (!linked.isBefore(monday) && !linked.isAfter(sunday)) {
				inWeek += day.getValue();
			}
		}
		return new WeeklyReportV1.KnownIssue(row.key(), row.title(), row.state(), row.version(), row.reportedAt(),
				row.linkedTickets(), row.distinctCustomers(), row.openTickets(), inWeek, row.ratings(),
				row.meanRating(), row.unsatisfiedShare(), counts(row.categories()), counts(row.platforms()));
	}

	private static List<WeeklyReportV1.Count> counts(List<Reports.Count> counts) {
		return counts.stream().map((count) -> new WeeklyReportV1.Count(count.value(), count.tickets())).toList();
	}

	private static List<WeeklyReportV1.Question> questions(List<Reports.Question> questions) {
		return questions.stream()
			.map((question) -> new WeeklyReportV1.Question(question.value(), question.tickets(),
					question.previousTickets()))
			.toList();
	}

}
