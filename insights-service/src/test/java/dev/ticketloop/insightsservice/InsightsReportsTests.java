package dev.ticketloop.insightsservice;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.insights.WeeklyReportV1;
import dev.ticketloop.contracts.routing.SlaBreachedV1;
import dev.ticketloop.contracts.routing.SlaTargetMetV1;
import dev.ticketloop.contracts.routing.TemplateApprovedV1;
import dev.ticketloop.contracts.routing.TriageDecidedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.insightsservice.report.WeeklyReports;
import dev.ticketloop.insightsservice.report.WorkingTimeBins;
import dev.ticketloop.testsupport.CloudEventsProducer;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.LoopFigures;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.testsupport.TopicRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A history of several hundred tickets published on the topics as the services publish
 * them (one event in ten published twice, routing's decision now and then before the
 * opening, the topics read in parallel), then every report compared with the same figures
 * computed independently over the same events ({@link History}).
 */
@IntegrationTest
@SpringBootTest(classes = InsightsServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=insights-service", "ticketloop.insights.refresh=200ms",
				"ticketloop.security.api-keys[0].name=lead", "ticketloop.security.api-keys[0].key=lead-test-key-0001",
				"ticketloop.security.api-keys[0].role=LEAD", "ticketloop.security.api-keys[1].name=email-adapter",
				"ticketloop.security.api-keys[1].key=adapter-test-key-01",
				"ticketloop.security.api-keys[1].role=ADAPTER", "ticketloop.security.api-keys[1].channel=email",
				"ticketloop.security.api-keys[2].name=operator",
				"ticketloop.security.api-keys[2].key=operator-test-key-01",
				"ticketloop.security.api-keys[2].role=OPERATOR", "ticketloop.security.api-keys[3].name=engineering",
				"ticketloop.security.api-keys[3].key=engineering-test-key-1",
				"ticketloop.security.api-keys[3].role=ENGINEERING" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsReportsTests {

	private static final String LEAD = "lead-test-key-0001";

	private static final String OPERATOR = "operator-test-key-01";

	private static final String PERIOD = "from=2026-11-01&to=2026-11-30";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, InsightsServiceApplication.NAME);
	}

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final History history = History.generate(20261207, 400);

	@BeforeAll
	void publishTheHistory() {
		List<History.Event> sent = new ArrayList<>(this.history.events);
		Random random = new Random(7);
		for (History.Event event : this.history.events) {
			if (random.nextInt(10) == 0) {
				sent.add(event); // the same event again: a redelivery, or the outbox
									// sending it twice
			}
		}
		Collections.shuffle(sent.subList(sent.size() - sent.size() / 10, sent.size()), random);
		try (CloudEventsProducer tickets = new CloudEventsProducer("/ticketloop/ticket-service");
				CloudEventsProducer routing = new CloudEventsProducer("/ticketloop/routing-service")) {
			for (History.Event event : sent) {
				boolean fromRouting = event.data() instanceof TriageDecidedV1 || event.data() instanceof SlaTargetMetV1
						|| event.data() instanceof SlaBreachedV1;
				(fromRouting ? routing : tickets).publish(event.id(), event.data());
			}
			// routing's template library: tpl-1 approved twice, its latest title wins
			java.time.Instant approved = java.time.Instant.parse("2026-10-01T09:00:00Z");
			routing.publish(new TemplateApprovedV1("tpl-1", 1, "An older title", "account", null, Map.of("en", "Hello"),
					"lead", approved));
			for (int i = 0; i < 3; i++) {
				routing.publish(new TemplateApprovedV1("tpl-" + i, (i == 1) ? 2 : 1, "Title of tpl-" + i, "account",
						null, Map.of("en", "Hello"), "lead", approved.plusSeconds(60)));
			}
		}
	}

	@Test
	void the_funnel_by_channel_is_what_the_events_say() throws Exception {
		Map<String, Map<String, long[]>> expected = this.history.funnelByChannel("2026-11-01", "2026-11-30");
		JsonNode funnel = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> get("/reports/funnel?" + PERIOD + "&by=channel"),
					(report) -> opened(report) == this.history.events.stream()
						.filter((e) -> e.data() instanceof dev.ticketloop.contracts.ticket.TicketOpenedV1)
						.count() && matches(report, expected));
		assertThat(funnel.get("by").asString()).isEqualTo("channel");
		// a period of a whole month (read from its month's totals) and days (from theirs)
		Map<String, Map<String, long[]>> firstDays = this.history.funnelByChannel("2026-10-01", "2026-11-04");
		assertThat(matches(get("/reports/funnel?from=2026-10-01&to=2026-11-04&by=channel"), firstDays)).isTrue();
		assertThat(firstDays).isNotEmpty();
		for (JsonNode row : funnel.get("rows")) {
			Map<String, long[]> steps = expected.get(row.get("value").asString());
			assertThat(row.get("resolved").asLong()).isEqualTo(steps.get("resolved")[0]);
			long single = steps.get("resolved_with_single_reply")[0];
			assertThat(row.get("singleReplyRate").asDouble())
				.isEqualTo(Math.round(single * 10_000.0 / steps.get("resolved")[0]) / 10_000.0);
		}
	}

	@Test
	void sla_attainment_and_working_time_percentiles_are_what_the_events_say() {
		Map<String, List<Long>> times = new TreeMap<>();
		Map<String, long[]> expected = this.history.sla(times);
		JsonNode sla = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> get("/reports/sla?" + PERIOD),
					(report) -> report.get("rows").size() == expected.size() && slaMatches(report, expected));
		for (JsonNode row : sla.get("rows")) {
			String cell = row.get("target").asString() + "|" + row.get("policy").asString() + "|"
					+ row.get("team").asString();
			List<Long> met = times.get(cell);
			if (met == null) {
				assertThat(row.get("medianWorkingSeconds").isNull()).isTrue();
				continue;
			}
			long median = History.percentile(met, 0.5);
			long p90 = History.percentile(met, 0.9);
			assertThat(row.get("medianWorkingSeconds").asLong()).as(cell)
				.isEqualTo(WorkingTimeBins.upperBound(WorkingTimeBins.bin(median)))
				.isBetween(median, (long) Math.ceil(median * 1.01));
			assertThat(row.get("p90WorkingSeconds").asLong()).as(cell).isBetween(p90, (long) Math.ceil(p90 * 1.01));
		}
	}

	@Test
	void satisfaction_by_category_and_platform_is_what_the_events_say() throws Exception {
		Map<String, long[]> expected = this.history.csatByPlatform();
		JsonNode csat = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> get("/reports/csat?" + PERIOD + "&by=platform"),
					(report) -> report.get("cells").size() == expected.size() && csatMatches(report, expected));
		JsonNode cell = csat.get("cells").get(0);
		JsonNode drill = get("/reports/csat/ratings?" + PERIOD + "&by=platform&category="
				+ cell.get("category").asString() + "&value=" + cell.get("value").asString());
		assertThat(drill.get("total").asLong()).isEqualTo(cell.get("count").asLong());
		assertThat(drill.get("ratings").size()).isEqualTo(cell.get("count").asInt());
	}

	@Test
	void the_report_to_engineering_ranks_issues_by_the_customers_they_hurt() throws Exception {
		Map<String, LoopFigures.ExpectedIssue> expected = this.history.engineering();
		JsonNode report = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> get("/reports/engineering?state=all&limit=500"),
					(found) -> found.get("rows").size() == expected.size() && issuesMatch(found, expected));
		List<Long> customers = new ArrayList<>();
		for (JsonNode row : report.get("rows")) {
			LoopFigures.ExpectedIssue issue = expected.get(row.get("key").asString());
			assertThat(row.get("title").asString()).isEqualTo(issue.title());
			assertThat(row.get("version").isNull() ? null : row.get("version").asString()).isEqualTo(issue.version());
			long[] scores = issue.scores();
			long count = 0;
			long sum = 0;
			for (int score = 1; score <= 5; score++) {
				count += scores[score];
				sum += score * scores[score];
			}
			assertThat(row.get("ratings").asLong()).isEqualTo(count);
			assertThat(row.get("meanRating").asDouble()).isEqualTo(Math.round(sum * 10_000.0 / count) / 10_000.0);
			assertThat(row.get("unsatisfiedShare").asDouble())
				.isEqualTo(Math.round((scores[1] + scores[2]) * 10_000.0 / count) / 10_000.0);
			long categories = 0;
			for (JsonNode category : row.get("categories")) {
				categories += category.get("tickets").asLong();
			}
			assertThat(categories).isEqualTo(issue.linked());
			customers.add(row.get("distinctCustomers").asLong());
		}
		assertThat(customers).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		// open issues only by default: the released and the declined one are not listed
		JsonNode open = get("/reports/engineering");
		assertThat(open.get("state").asString()).isEqualTo("open");
		List<String> keys = new ArrayList<>();
		open.get("rows").forEach((row) -> keys.add(row.get("key").asString()));
		assertThat(keys).containsExactlyInAnyOrder("ISS-0", "ISS-1");
		HttpResponse<String> csv = send("/reports/engineering?state=all", LEAD, "text/csv");
		assertThat(csv.body()).startsWith("key,title,state,").contains("ISS-3,Title of ISS-3,declined,");
		assertThat(send("/reports/engineering?state=closed", LEAD, "application/json").body())
			.contains("state: must be open or all");
		assertThat(send("/reports/engineering?limit=0", LEAD, "application/json").statusCode()).isEqualTo(400);
	}

	@Test
	void feedback_by_platform_sentiment_and_topic_is_what_the_texts_say() throws Exception {
		Map<String, Long> expected = this.history.feedbackByPlatform("2026-11-01", "2026-11-30",
				new dev.ticketloop.insightsservice.tagging.FeedbackTagger());
		JsonNode feedback = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> get("/reports/feedback?" + PERIOD + "&by=platform"),
					(report) -> feedbackOf(report, "all").equals(sourcesAdded(expected)));
		assertThat(feedback.get("rows")).isNotEmpty();
		// one source, one value
		JsonNode comments = get("/reports/feedback?" + PERIOD + "&by=platform&source=comment&value=android");
		assertThat(comments.get("rows")).hasSize(1);
		Map<String, Long> androidComments = new TreeMap<>();
		expected.forEach((cell, n) -> {
			if (cell.startsWith("android|comment|")) {
				androidComments.put(cell.replace("|comment|", "|all|"), n);
			}
		});
		assertThat(feedbackOf(comments, "all")).isEqualTo(androidComments);
		// the drill-down: the negative comments of Android customers
		JsonNode texts = get(
				"/reports/feedback/texts?" + PERIOD + "&by=platform&value=android&source=comment&sentiment=negative");
		assertThat(texts.get("total").asLong()).isEqualTo(androidComments.getOrDefault("android|all|negative", 0L));
		texts.get("texts").forEach((text) -> assertThat(text.get("sentiment").asString()).isEqualTo("negative"));
		assertThat(send("/reports/feedback?by=agent", LEAD, "application/json").statusCode()).isEqualTo(400);
		assertThat(send("/reports/feedback?source=tweets", LEAD, "application/json").statusCode()).isEqualTo(400);
		assertThat(send("/reports/feedback?" + PERIOD + "&by=platform", LEAD, "text/csv").body())
			.startsWith("by,value,topic,negative,neutral,positive");
	}

	/** The report's cells as "value|all|sentiment" and "value|all|sentiment|topic". */
	private static Map<String, Long> feedbackOf(JsonNode report, String source) {
		Map<String, Long> found = new TreeMap<>();
		for (JsonNode row : report.get("rows")) {
			String value = row.get("value").asString();
			for (String sentiment : List.of("negative", "neutral", "positive")) {
				if (row.get(sentiment).asLong() > 0) {
					found.put(value + "|" + source + "|" + sentiment, row.get(sentiment).asLong());
				}
			}
			for (JsonNode topic : row.get("topics")) {
				for (String sentiment : List.of("negative", "neutral", "positive")) {
					if (topic.get(sentiment).asLong() > 0) {
						found.put(value + "|" + source + "|" + sentiment + "|" + topic.get("topic").asString(),
								topic.get(sentiment).asLong());
					}
				}
			}
		}
		return found;
	}

	/** Comments and messages together. */
	private static Map<String, Long> sourcesAdded(Map<String, Long> cells) {
		Map<String, Long> added = new TreeMap<>();
		cells.forEach((cell, n) -> added.merge(cell.replaceFirst("\\|(comment|message)\\|", "|all|"), n, Long::sum));
		return added;
	}

	@Autowired
	WeeklyReports weekly;

	@Autowired
	org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;

	@Autowired
	dev.ticketloop.insightsservice.report.MessageRetention messageRetention;

	@Autowired
	dev.ticketloop.insightsservice.facts.FactStore facts;

	/**
	 * Past their retention, messages' texts leave the sheets and their tags stay: the
	 * feedback report is what it was, when the days are added up again too, and the
	 * drill-down still counts them, without their words.
	 */
	@Test
	void messages_past_their_retention_keep_their_tags_not_their_words() throws Exception {
		Map<String, Long> expected = sourcesAdded(this.history.feedbackByPlatform("2026-11-01", "2026-11-30",
				new dev.ticketloop.insightsservice.tagging.FeedbackTagger()));
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> feedbackOf(get("/reports/feedback?" + PERIOD + "&by=platform"), "all").equals(expected));
		String cell = "/reports/feedback/texts?" + PERIOD + "&by=platform&value=android&source=message";
		long messages = get(cell).get("total").asLong();
		assertThat(messages).isPositive();

		// 30 days after the history's last day
		assertThat(this.messageRetention.forget(Instant.parse("2027-01-01T00:00:00Z"))).isPositive();
		List<String> ids = new ArrayList<>();
		for (int day = 1; day <= 30; day++) {
			ids.addAll(this.facts.ticketsOf(String.format("2026-11-%02d", day)));
		}
		for (org.bson.Document sheet : this.facts.tickets(ids)) {
			org.bson.Document kept = sheet.get("messages", org.bson.Document.class);
			if (kept != null) {
				kept.values()
					.forEach((message) -> assertThat(((org.bson.Document) message).containsKey("text")).isFalse());
			}
		}
		JsonNode drilldown = get(cell);
		assertThat(drilldown.get("total").asLong()).isEqualTo(messages);
		drilldown.get("texts").forEach((text) -> assertThat(text.get("text").isNull()).isTrue());
		this.facts.markAllChanged();
		await().atMost(Duration.ofSeconds(60)).until(() -> this.facts.dirtyDays().isEmpty());
		assertThat(feedbackOf(get("/reports/feedback?" + PERIOD + "&by=platform"), "all")).isEqualTo(expected);
	}

	@Autowired
	dev.ticketloop.insightsservice.publish.ReportPublisher publisher;

	/**
	 * A leader that dies between sending a report and recording it sends it again with
	 * the same id; what it sends is what it wrote down the first time, not the figures of
	 * the moment, so a consumer that keeps the first and the compacted topic that keeps
	 * the last hold the same report.
	 */
	@Test
	void a_report_sent_again_is_the_same_record() throws Exception {
		String id = dev.ticketloop.insightsservice.publish.ReportPublisher.idOf("weekly-report/1999-W01");
		WeeklyReportV1 first = new WeeklyReportV1("weekly-1999-W01", "1999-W01", "1999-01-04", "1999-01-10",
				Instant.parse("1999-01-11T01:00:00Z"), 10, 5, 0.5, List.of(), List.of(), List.of());
		WeeklyReportV1 later = new WeeklyReportV1("weekly-1999-W01", "1999-W01", "1999-01-04", "1999-01-10",
				Instant.parse("1999-01-11T01:05:00Z"), 11, 6, 0.6, List.of(), List.of(), List.of());
		try (TopicRecorder recorder = new TopicRecorder(Topics.INSIGHTS_REPORTS)) {
			this.publisher.publish(id, Instant.parse("1999-01-11T01:00:00Z"), first);
			this.publisher.publish(id, Instant.parse("1999-01-11T01:05:00Z"), later);
			List<CloudEvent> sent = await().atMost(Duration.ofSeconds(30))
				.until(() -> recorder.all().stream().filter((event) -> event.id().equals(id)).toList(),
						(found) -> found.size() == 2);
			assertThat(sent.get(1)).isEqualTo(sent.get(0));
			assertThat(sent.get(1).data()).isEqualTo(first);
		}
	}

	@Test
	void the_weekly_report_goes_to_engineering_once_a_week() throws Exception {
		Map<String, LoopFigures.ExpectedIssue> expected = this.history.engineering();
		long opened = this.history.events.stream().filter((e) -> e.data() instanceof TicketOpenedV1).count();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> issuesMatch(get("/reports/engineering?state=all&limit=500"), expected)
					&& opened(get("/reports/funnel?from=2026-11-02&to=2026-11-08")) == opened);
		try (TopicRecorder recorder = new TopicRecorder(Topics.INSIGHTS_REPORTS)) {
			// Monday 2 November to Sunday 8 November 2026 is ISO week 45, due an hour
			// after
			// its end; a second before, the week before is the last one due
			Instant now = Instant.parse("2026-11-09T01:00:00Z");
			assertThat(this.weekly.publishDue(now.minusSeconds(1))).isTrue();
			// not while the topics hold what the sheets do not: a ticket published while
			// the listener is stopped holds the report back until it is read
			this.listeners.getListenerContainer("insights-facts").stop();
			try (CloudEventsProducer producer = new CloudEventsProducer("/ticketloop/ticket-service")) {
				producer.publish(new TicketOpenedV1(java.util.UUID.randomUUID().toString(), "chat", "cust-late", null,
						"Ana", "en", "Subject", "Body", Instant.parse("2026-08-03T10:00:00Z"), null, null));
			}
			assertThat(this.weekly.publishDue(now)).isFalse();
			this.listeners.getListenerContainer("insights-facts").start();
			await().atMost(Duration.ofSeconds(30)).until(() -> this.weekly.publishDue(now));
			assertThat(this.weekly.publishDue(now.plusSeconds(3_600))).isFalse();
			assertThat(await().atMost(Duration.ofSeconds(30))
				.until(() -> recorder.of(WeeklyReportV1.class, "weekly-2026-W44"), (found) -> !found.isEmpty())
				.get(0)
				.ticketsOpened()).isZero();
			List<WeeklyReportV1> published = await().atMost(Duration.ofSeconds(30))
				.until(() -> recorder.of(WeeklyReportV1.class, "weekly-2026-W45"), (found) -> !found.isEmpty());
			assertThat(published).hasSize(1);
			assertThat(recorder.rejected()).isEmpty();
			WeeklyReportV1 report = published.get(0);
			assertThat(report.week()).isEqualTo("2026-W45");
			assertThat(report.from()).isEqualTo("2026-11-02");
			assertThat(report.to()).isEqualTo("2026-11-08");
			assertThat(report.ticketsOpened()).isEqualTo(opened);
			assertThat(report.knownIssues()).extracting(WeeklyReportV1.KnownIssue::issueKey).contains("ISS-0", "ISS-1");
			for (WeeklyReportV1.KnownIssue issue : report.knownIssues()) {
				LoopFigures.ExpectedIssue want = expected.get(issue.issueKey());
				assertThat(issue.state()).isEqualTo(want.state());
				assertThat(issue.linkedTickets()).isEqualTo(want.linked());
				assertThat(issue.linkedInWeek()).isEqualTo(want.linked());
				assertThat(issue.distinctCustomers()).isEqualTo(want.customers());
				assertThat(issue.openTickets()).isEqualTo(want.open());
			}
			Map<String, Long> questions = this.history.questions("2026-11-02", "2026-11-08");
			for (WeeklyReportV1.Question category : report.topCategories()) {
				assertThat(category.tickets()).isEqualTo(questions.get("category|" + category.value()));
			}
			assertThat(report.topTemplates()).isNotEmpty();
		}
		// engineering reads the report to engineering, and no other report
		assertThat(send("/reports/engineering", "engineering-test-key-1", "application/json").statusCode())
			.isEqualTo(200);
		assertThat(send("/reports/funnel", "engineering-test-key-1", "application/json").statusCode()).isEqualTo(403);
	}

	@Test
	void top_questions_are_what_comes_back_most() throws Exception {
		Map<String, Long> expected = this.history.questions("2026-11-01", "2026-11-30");
		JsonNode top = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> get("/reports/top-questions?" + PERIOD + "&limit=100"),
					(found) -> found.get("tickets").asLong() == expected.get("tickets")
							&& questionsMatch(found, expected));
		assertThat(top.get("categories")).isNotEmpty();
		assertThat(top.get("templates")).isNotEmpty();
		assertThat(top.get("knownIssues")).isNotEmpty();
		assertThat(top.get("knownIssues").get(0).get("title").asString()).startsWith("Title of ISS-");
		// the templates' titles from routing's library, the latest version's
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> get("/reports/top-questions?" + PERIOD + "&limit=100").get("templates")
				.forEach((template) -> assertThat(template.get("title").asString())
					.isEqualTo("Title of " + template.get("value").asString())));
		// the period before: October, no tickets
		assertThat(top.get("previousTickets").asLong()).isZero();
		JsonNode firstTwo = get("/reports/top-questions?" + PERIOD + "&limit=2");
		assertThat(firstTwo.get("categories")).hasSize(2);
		assertThat(firstTwo.get("categories").get(0).get("tickets").asLong())
			.isGreaterThanOrEqualTo(firstTwo.get("categories").get(1).get("tickets").asLong());
		assertThat(send("/reports/top-questions?" + PERIOD, LEAD, "text/csv").body())
			.startsWith("kind,value,title,tickets,share,previous_tickets")
			.contains("known_issue,ISS-");
	}

	/**
	 * The operators' replay: every listener stops, the group goes back to the beginning
	 * of the topics, the read models are emptied and filled again: the same numbers.
	 */
	@Test
	void a_replay_of_the_topics_and_a_rebuild_give_the_same_numbers() throws Exception {
		Map<String, Map<String, long[]>> expected = this.history.funnelByChannel("2026-11-01", "2026-11-30");
		String path = "/reports/funnel?" + PERIOD + "&by=channel";
		await().atMost(Duration.ofSeconds(60)).until(() -> matches(get(path), expected));
		assertThat(send("/operations/insights/replay", OPERATOR, "application/json").statusCode()).isEqualTo(404);

		HttpResponse<String> replay = post("/operations/insights/replay", OPERATOR);
		assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
		assertThat(this.json.readTree(replay.body()).get("state").asString()).isEqualTo("stopping");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.json.readTree(send("/operations/insights/replay", OPERATOR, "application/json").body())
				.get("state")
				.asString(), "running"::equals);
		await().atMost(Duration.ofSeconds(90)).until(() -> matches(get(path), expected));

		HttpResponse<String> rebuild = post("/operations/insights/rebuild", OPERATOR);
		assertThat(rebuild.statusCode()).isEqualTo(202);
		// every day of the history, and the days other tests of this class add tickets to
		assertThat(this.json.readTree(rebuild.body()).get("days").asLong()).isBetween((long) History.DAYS,
				History.DAYS + 2L);
		await().atMost(Duration.ofSeconds(30)).until(() -> matches(get(path), expected));
		assertThat(post("/operations/insights/replay", LEAD).statusCode()).isEqualTo(403);
	}

	@Test
	void reports_answer_in_csv_too() throws Exception {
		await().atMost(Duration.ofSeconds(60)).until(() -> get("/reports/funnel?" + PERIOD).get("rows").size() == 1);
		HttpResponse<String> csv = send("/reports/funnel?" + PERIOD + "&by=platform", LEAD, "text/csv");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0))
			.isEqualTo("by,value,step,reached,share_of_opened,left_here,share_left_here,single_reply_rate");
		assertThat(lines).anyMatch((line) -> line.startsWith("platform,android,opened,"));
		assertThat(send("/reports/sla?" + PERIOD, LEAD, "text/csv").body()).startsWith("target,policy,team,");
		assertThat(send("/reports/csat?" + PERIOD, LEAD, "text/csv").body()).startsWith("category,channel,count,");
	}

	@Test
	void bad_periods_and_dimensions_are_problems_and_roles_are_enforced() throws Exception {
		HttpResponse<String> backwards = send("/reports/funnel?from=2026-12-01&to=2026-11-01", LEAD,
				"application/json");
		assertThat(backwards.statusCode()).isEqualTo(400);
		assertThat(backwards.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(backwards.body()).contains("from: must not be after to").doesNotContain("Exception");
		assertThat(send("/reports/funnel?from=yesterday", LEAD, "application/json").body())
			.contains("from: must be a date such as 2026-12-07");
		assertThat(send("/reports/funnel?by=weather", LEAD, "application/json").body())
			.contains("by: unknown dimension 'weather'");
		assertThat(send("/reports/csat?by=tier", LEAD, "application/json").statusCode()).isEqualTo(400);
		assertThat(send("/reports/top-questions?from=-999999999-01-01&to=-999999999-01-02", LEAD, "application/json")
			.body()).contains("must be a date from the year 2000 to 2999");
		assertThat(send("/reports/funnel?from=2020-01-01&to=2026-01-01", LEAD, "application/json").statusCode())
			.isEqualTo(400);
		assertThat(send("/reports/funnel", null, "application/json").statusCode()).isEqualTo(401);
		assertThat(send("/reports/funnel", "adapter-test-key-01", "application/json").statusCode()).isEqualTo(403);
	}

	/**
	 * History republished onto the backfill topic counts as the public topics' does, once
	 * when an event comes on both; what cannot be read there is a dead letter the
	 * operators see like the others.
	 */
	@Test
	void the_backfill_topic_counts_once_and_its_dead_letters_are_listed() throws Exception {
		String ticket = java.util.UUID.randomUUID().toString();
		String eventId = java.util.UUID.randomUUID().toString();
		TicketOpenedV1 opened = new TicketOpenedV1(ticket, "email", "cust-old", null, "Ana", "en", "Subject", "Body",
				Instant.parse("2026-07-20T10:00:00Z"), null, null);
		byte[] republished = new dev.ticketloop.contracts.CloudEventCodec()
			.write(CloudEvent.of(eventId, "/ticketloop/ticket-service", Instant.parse("2026-07-20T10:00:00Z"), opened));
		try (CloudEventsProducer producer = new CloudEventsProducer("/ticketloop/ticket-service")) {
			producer.publishRaw("ticketloop.replay.insights", ticket,
					"not a cloud event".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			producer.publishRaw("ticketloop.replay.insights", ticket, republished);
			// counted from the backfill topic alone
			await().atMost(Duration.ofSeconds(60))
				.until(() -> get("/reports/funnel?from=2026-07-20&to=2026-07-20&by=channel"),
						(report) -> opened(report) == 1);
			producer.publish(eventId, opened); // the same event on the public topic too
		}
		JsonNode topics = this.json
			.readTree(send("/operations/dead-letter-topics", OPERATOR, "application/json").body());
		assertThat(topics.toString()).contains("ticketloop.replay.insights.dlt");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> send("/operations/dead-letter-records?topic=ticketloop.replay.insights", OPERATOR,
					"application/json")
				.body(), (body) -> body.contains("ticketloop.replay.insights"));
		Thread.sleep(3_000); // the materializer's refresh: the same event twice is one
								// ticket
		assertThat(opened(get("/reports/funnel?from=2026-07-20&to=2026-07-20&by=channel"))).isEqualTo(1);
	}

	@Test
	void a_malformed_record_is_not_counted_and_does_not_stop_the_others() throws Exception {
		// the malformed record and a ticket behind it on the same partition (same key),
		// on a
		// day no other test reads
		String ticket = java.util.UUID.randomUUID().toString();
		try (CloudEventsProducer producer = new CloudEventsProducer("/ticketloop/ticket-service")) {
			producer.publishRaw(dev.ticketloop.contracts.Topics.TICKET_EVENTS, ticket,
					"{\"specversion\":\"1.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			producer.publish(new dev.ticketloop.contracts.ticket.TicketOpenedV1(ticket, "chat", "cust-behind", null,
					"Ana", "en", "Subject", "Body", java.time.Instant.parse("2026-09-15T10:00:00Z"), null, null));
		}
		JsonNode funnel = await().atMost(Duration.ofSeconds(60))
			.until(() -> get("/reports/funnel?from=2026-09-15&to=2026-09-15&by=channel"),
					(report) -> opened(report) == 1);
		assertThat(funnel.get("rows").get(0).get("value").asString()).isEqualTo("chat");
	}

	private static long opened(JsonNode funnel) {
		long opened = 0;
		for (JsonNode row : funnel.get("rows")) {
			opened += row.get("opened").asLong();
		}
		return opened;
	}

	private static boolean matches(JsonNode funnel, Map<String, Map<String, long[]>> expected) {
		if (funnel.get("rows").size() != expected.size()) {
			return false;
		}
		for (JsonNode row : funnel.get("rows")) {
			Map<String, long[]> steps = expected.get(row.get("value").asString());
			if (steps == null) {
				return false;
			}
			for (JsonNode step : row.get("steps")) {
				long[] figures = steps.get(step.get("step").asString());
				if (step.get("reached").asLong() != figures[0] || step.get("leftHere").asLong() != figures[1]) {
					return false;
				}
			}
		}
		return true;
	}

	private static boolean issuesMatch(JsonNode report, Map<String, LoopFigures.ExpectedIssue> expected) {
		for (JsonNode row : report.get("rows")) {
			LoopFigures.ExpectedIssue issue = expected.get(row.get("key").asString());
			if (issue == null || row.get("linkedTickets").asLong() != issue.linked()
					|| row.get("distinctCustomers").asLong() != issue.customers()
					|| row.get("openTickets").asLong() != issue.open()
					|| !row.get("state").asString().equals(issue.state()) || row.get("title").isNull()) {
				return false;
			}
		}
		return true;
	}

	private static boolean questionsMatch(JsonNode top, Map<String, Long> expected) {
		Map<String, Long> found = new TreeMap<>();
		found.put("tickets", top.get("tickets").asLong());
		top.get("categories")
			.forEach((q) -> found.put("category|" + q.get("value").asString(), q.get("tickets").asLong()));
		top.get("templates")
			.forEach((q) -> found.put("template|" + q.get("value").asString(), q.get("tickets").asLong()));
		top.get("knownIssues")
			.forEach((q) -> found.put("issue|" + q.get("value").asString(), q.get("tickets").asLong()));
		return found.equals(expected);
	}

	private static boolean slaMatches(JsonNode sla, Map<String, long[]> expected) {
		for (JsonNode row : sla.get("rows")) {
			long[] figures = expected.get(row.get("target").asString() + "|" + row.get("policy").asString() + "|"
					+ row.get("team").asString());
			if (figures == null || row.get("metWithin").asLong() != figures[0]
					|| row.get("metLate").asLong() != figures[1] || row.get("breachedNotMet").asLong() != figures[2]) {
				return false;
			}
		}
		return true;
	}

	private static boolean csatMatches(JsonNode csat, Map<String, long[]> expected) {
		for (JsonNode cell : csat.get("cells")) {
			long[] scores = expected.get(cell.get("category").asString() + "|" + cell.get("value").asString());
			if (scores == null) {
				return false;
			}
			long count = 0;
			long sum = 0;
			for (int s = 1; s <= 5; s++) {
				count += scores[s];
				sum += s * scores[s];
			}
			double mean = Math.round(sum * 10_000.0 / count) / 10_000.0;
			double satisfied = Math.round((scores[4] + scores[5]) * 10_000.0 / count) / 10_000.0;
			double unsatisfied = Math.round((scores[1] + scores[2]) * 10_000.0 / count) / 10_000.0;
			if (cell.get("count").asLong() != count || cell.get("mean").asDouble() != mean
					|| cell.get("satisfiedShare").asDouble() != satisfied
					|| cell.get("unsatisfiedShare").asDouble() != unsatisfied) {
				return false;
			}
		}
		return true;
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = send(path, LEAD, "application/json");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> post(String path, String key) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("X-Api-Key", key)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String path, String key, String accept) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", accept);
		if (key != null) {
			request.header("X-Api-Key", key);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
