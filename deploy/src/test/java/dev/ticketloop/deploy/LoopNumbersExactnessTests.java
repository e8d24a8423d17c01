package dev.ticketloop.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.engineering.ReleasePublishedV1;
import dev.ticketloop.contracts.routing.TemplateApprovedV1;
import dev.ticketloop.contracts.ticket.TicketResolvedV1;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.testsupport.CloudEventsProducer;
import dev.ticketloop.testsupport.FeedbackCorpus;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.KnownQuestions;
import dev.ticketloop.testsupport.LoopFigures;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.testsupport.TopicRecorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The loop's numbers are exact through the real services (issue 18): a few thousand
 * tickets opened over REST in two channels, three tiers, three languages and every
 * platform, then worked as a support team works them (known questions answered by
 * templates, single replies with and without a template, clarifications, escalations to
 * new issues and links to them, a fix scheduled and released to every linked customer, a
 * fix declined, ratings with comments; SLA targets of two seconds for VIP customers, so
 * that replies come in time and late); then every report of insights-service compared
 * with {@link LoopFigures} computed over every event the topics carry (recorded from
 * their beginning, duplicates dropped by CloudEvents id).
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoopNumbersExactnessTests {

	/** Tickets opened; {@code -Dticketloop.exactness.tickets} to change. */
	private static final int TICKETS = Integer.getInteger("ticketloop.exactness.tickets", 2_000);

	private static final String EMAIL_KEY = "exact-email-adapter-key";

	private static final String CHAT_KEY = "exact-chat-adapter-key1";

	private static final String AGENT_KEY = "exact-agent-maria-key-1";

	private static final String ENGINEERING_KEY = "exact-engineering-key-1";

	private static final String LEAD_KEY = "exact-lead-lena-key-001";

	private static final String OPERATOR_KEY = "exact-operator-key-0001";

	private static final String[] TIERS = { "vip", "standard", null };

	private static final String[] PLATFORMS = { "ios", "android", "web", "windows", "macos", "linux", "other", null };

	private static EmbeddedSmtp smtp;

	private static RunningSystem system;

	private static ChannelAdapterStub chatAdapter;

	/** The first test found every report as the events say. */
	private static volatile boolean historyChecked;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void startSystem() throws Exception {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		smtp = EmbeddedSmtp.start(0);
		Map<String, Object> routing = new LinkedHashMap<>();
		// VIP customers: two seconds to a first and a next response, around the clock, so
		// that some replies are in time and some late; the others: an hour
		routing.put("ticketloop.sla.policies[0].name", "vip");
		routing.put("ticketloop.sla.policies[0].tiers[0]", "vip");
		routing.put("ticketloop.sla.policies[0].calendar", "always");
		routing.put("ticketloop.sla.policies[0].priority", "high");
		routing.put("ticketloop.sla.policies[0].first-response", "2s");
		routing.put("ticketloop.sla.policies[0].next-response", "2s");
		routing.put("ticketloop.sla.policies[0].resolution", "1h");
		routing.put("ticketloop.sla.policies[1].name", "standard");
		routing.put("ticketloop.sla.policies[1].calendar", "always");
		routing.put("ticketloop.sla.policies[1].priority", "normal");
		routing.put("ticketloop.sla.policies[1].first-response", "1h");
		routing.put("ticketloop.sla.policies[1].next-response", "1h");
		routing.put("ticketloop.sla.policies[1].resolution", "1d");
		Map<String, Object> tickets = Map.of("ticketloop.fan-out.poll-interval", "200ms");
		SystemConfig config = new SystemConfig(infrastructure.kafkaBootstrapServers(),
				infrastructure.mongoConnectionString(), TestInfrastructure.uniqueDatabase("exact") + "-", smtp.host(),
				smtp.port(), 0, 0, 0,
				List.of(new SystemConfig.ApiKey("email-adapter", EMAIL_KEY, "ADAPTER", "email"),
						new SystemConfig.ApiKey("chat-adapter", CHAT_KEY, "ADAPTER", "chat"),
						new SystemConfig.ApiKey("maria", AGENT_KEY, "AGENT", null),
						new SystemConfig.ApiKey("engineering-ci", ENGINEERING_KEY, "ENGINEERING", null),
						new SystemConfig.ApiKey("lena", LEAD_KEY, "LEAD", null),
						new SystemConfig.ApiKey("olga", OPERATOR_KEY, "OPERATOR", null)),
				tickets,
				Map.of("routing-service", routing, "insights-service", Map.of("ticketloop.insights.refresh", "500ms")));
		system = RunningSystem.start(config);
		chatAdapter = ChannelAdapterStub.registeredForChat(system.notificationServiceUrl(), CHAT_KEY);
	}

	@AfterAll
	static void stopSystem() {
		system.close();
		chatAdapter.close();
		smtp.close();
	}

	/** A ticket as the test opened it. */
	record Opened(String id, String channel, String language) {
	}

	@Test
	@Order(1)
	void every_report_is_what_the_events_on_the_topics_say() throws Exception {
		try (TopicRecorder tickets = new TopicRecorder(Topics.TICKET_EVENTS);
				TopicRecorder decisions = new TopicRecorder(Topics.ROUTING_DECISIONS);
				TopicRecorder issues = new TopicRecorder(Topics.ENGINEERING_ISSUES);
				TopicRecorder templates = new TopicRecorder(Topics.ROUTING_TEMPLATES)) {
			List<Opened> opened = openTickets(new Random(20261207));
			Thread.sleep(3_000); // routing answers the known questions meanwhile
			Map<String, Integer> outcomes = work(opened, new Random(18));
			releaseAndDecline(outcomes);
			rateTheResolved(opened, new Random(5));
			awaitQuiet(tickets, decisions, issues);

			List<IntegrationEvent> events = distinct(tickets, decisions, issues);
			LoopFigures figures = new LoopFigures(events);
			String from = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
			String to = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
			String period = "from=" + from + "&to=" + to;

			// the history is as mixed as it should be
			Map<String, Map<String, long[]>> funnel = figures.funnelByChannel(from, to);
			assertThat(funnel).containsKeys("email", "chat");
			long[] automatic = LoopReports.sum(funnel, "answered_automatically");
			long[] escalated = LoopReports.sum(funnel, "escalated");
			long[] told = LoopReports.sum(funnel, "customer_told");
			long[] clarified = LoopReports.sum(funnel, "clarification_asked");
			long[] single = LoopReports.sum(funnel, "resolved_with_single_reply");
			assertThat(LoopReports.sum(funnel, "opened")[0]).isGreaterThanOrEqualTo(TICKETS);
			assertThat(automatic[0]).as("answered automatically").isPositive();
			assertThat(escalated[0]).as("escalated").isPositive();
			assertThat(told[0]).as("customers told of a fix").isPositive();
			assertThat(clarified[0]).as("clarifications").isPositive();
			assertThat(single[0]).as("single replies").isPositive();
			Map<String, List<Long>> times = new TreeMap<>();
			Map<String, long[]> sla = figures.sla(from, to, times);
			assertThat(sla.values().stream().mapToLong((c) -> c[0]).sum()).as("targets met in time").isPositive();
			assertThat(sla.values().stream().mapToLong((c) -> c[1]).sum()).as("targets met late").isPositive();

			// every report, once insights-service has read it all
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(LoopReports.funnel(report("/reports/funnel?" + period + "&by=channel")))
					.isEqualTo(LoopReports.shown(funnel)));
			assertThat(LoopReports.sla(report("/reports/sla?" + period))).isEqualTo(LoopReports.shownCells(sla));
			for (JsonNode row : report("/reports/sla?" + period).get("rows")) {
				String cell = row.get("target").asString() + "|" + row.get("policy").asString() + "|"
						+ row.get("team").asString();
				List<Long> met = times.get(cell);
				if (met != null) {
					long median = LoopFigures.percentile(met, 0.5);
					assertThat(row.get("medianWorkingSeconds").asLong()).as(cell)
						.isBetween(median, (long) Math.ceil(median * 1.01));
				}
			}
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(LoopReports.csat(report("/reports/csat?" + period + "&by=platform")))
					.isEqualTo(LoopReports.csatFigures(figures.csatByPlatform(from, to))));
			Map<String, Long> questions = figures.questions(from, to);
			assertThat(LoopReports.topQuestions(report("/reports/top-questions?" + period + "&limit=100")))
				.isEqualTo(questions);
			// each template named by its latest approved version's title
			Map<String, String> titles = new TreeMap<>();
			Map<String, Integer> versions = new HashMap<>();
			for (CloudEvent event : templates.all()) {
				if (event.data() instanceof TemplateApprovedV1 approved
						&& approved.version() >= versions.getOrDefault(approved.templateId(), 0)) {
					versions.put(approved.templateId(), approved.version());
					titles.put(approved.templateId(), approved.title());
				}
			}
			JsonNode templateRows = report("/reports/top-questions?" + period + "&limit=100").get("templates");
			assertThat(templateRows).anySatisfy((row) -> assertThat(row.get("title").isNull()).isFalse());
			templateRows.forEach((row) -> assertThat(row.get("title").isNull() ? null : row.get("title").asString())
				.as(row.get("value").asString())
				.isEqualTo(titles.get(row.get("value").asString())));
			Map<String, LoopFigures.ExpectedIssue> expectedIssues = figures.engineering();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(LoopReports.issues(report("/reports/engineering?state=all&limit=500")))
					.isEqualTo(LoopReports.issues(expectedIssues)));
			historyChecked = true;
			System.out.printf(
					"exactness: %d events, %d tickets opened (%d here), %d answered automatically, "
							+ "%d escalated, %d told of a fix, %d SLA cells, %d issues, outcomes %s%n",
					events.size(), LoopReports.sum(funnel, "opened")[0], TICKETS, automatic[0], escalated[0], told[0],
					sla.size(), expectedIssues.size(), outcomes);
		}
	}

	/**
	 * History older than the topics keep (their retention) comes back through a backfill:
	 * the history of the first test leaves the public topics (its records deleted, as
	 * retention deletes them), an operator replays insights-service (its reports then
	 * show nothing), and ticket-service and routing-service republish their history onto
	 * insights-service's backfill topic: every report is again what it was.
	 */
	@Test
	@Order(2)
	void a_backfill_brings_back_the_history_the_topics_no_longer_keep() throws Exception {
		// it deletes every record of the public topics: never on a broker shared with
		// others
		assumeTrue(TestInfrastructure.get().mode() != TestInfrastructure.Mode.EXTERNAL,
				"deletes the public topics' records: not on an external broker");
		assumeTrue(historyChecked, "works on the history of the first test, which did not pass");
		String from = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
		String to = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
		String period = "from=" + from + "&to=" + to;
		assertThat(opened(period)).as("tickets of the first test").isGreaterThanOrEqualTo(TICKETS);

		// the retention has passed: nothing is left on the public topics
		try (Admin admin = Admin.create(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()))) {
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			admin.describeTopics(List.of(Topics.TICKET_EVENTS, Topics.ROUTING_DECISIONS, Topics.ENGINEERING_ISSUES))
				.allTopicNames()
				.get()
				.values()
				.forEach((topic) -> topic.partitions()
					.forEach((p) -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
			Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
			admin.listOffsets(latest)
				.all()
				.get()
				.forEach((partition, end) -> delete.put(partition, RecordsToDelete.beforeOffset(end.offset())));
			admin.deleteRecords(delete).all().get();
		}
		HttpResponse<String> replay = post(system.insightsServiceUrl(), "/operations/insights/replay", "{}",
				OPERATOR_KEY);
		assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(opened(period)).as("tickets the reports show once the topics are replayed")
				.isZero());

		// the operators republish the services' history onto insights-service's backfill
		// topic
		for (String service : List.of(system.ticketServiceUrl(), system.routingServiceUrl())) {
			HttpResponse<String> republish = post(service, "/operations/republish",
					"{\"from\":\"2020-01-01T00:00:00Z\",\"replayTopic\":\"insights\"}", OPERATOR_KEY);
			assertThat(republish.statusCode()).as(republish.body()).isEqualTo(202);
			String job = this.json.readTree(republish.body()).get("id").asString();
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(
						this.json.readTree(get(service, "/operations/jobs/" + job, OPERATOR_KEY).body())
							.get("state")
							.asString())
					.isEqualTo("DONE"));
		}
		// every report is what the republished history says (this system's only: the
		// history of tests run before in this JVM is gone), which holds every ticket of
		// the first test
		try (TopicRecorder backfill = new TopicRecorder("ticketloop.replay.insights")) {
			awaitQuiet(backfill);
			LoopFigures figures = new LoopFigures(distinct(backfill));
			Map<String, Object> expected = LoopReports.expected(figures, from, to);
			assertThat(LoopReports.sum(figures.funnelByChannel(from, to), "opened")[0])
				.as("tickets of the first test in the republished history")
				.isGreaterThanOrEqualTo(TICKETS);
			await().atMost(Duration.ofSeconds(180))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(LoopReports.shown(this::report, period)).isEqualTo(expected));
		}
	}

	/** The tickets the funnel shows opened in the period. */
	private long opened(String period) throws Exception {
		long opened = 0;
		for (JsonNode row : report("/reports/funnel?" + period).get("rows")) {
			for (JsonNode step : row.get("steps")) {
				if (step.get("step").asString().equals("opened")) {
					opened += step.get("reached").asLong();
				}
			}
		}
		return opened;
	}

	private List<Opened> openTickets(Random random) throws Exception {
		List<KnownQuestions.Ticket> corpus = KnownQuestions.tickets();
		List<Opened> opened = new ArrayList<>();
		List<Map<String, Object>> requests = new ArrayList<>();
		for (int i = 0; i < TICKETS; i++) {
			KnownQuestions.Ticket text = corpus.get(random.nextInt(corpus.size()));
			Map<String, Object> request = new LinkedHashMap<>();
			String channel = (random.nextInt(10) < 7) ? "email" : "chat";
			request.put("channel", channel);
			request.put("customerRef", "exact-" + random.nextInt(TICKETS / 2));
			request.put("contact",
					Map.of("email", "exact" + i + "@example.com", "name", "Customer " + i, "chatId", "chat-" + i));
			request.put("locale", text.language());
			request.put("subject", text.subject());
			request.put("body", text.body());
			String tier = TIERS[random.nextInt(TIERS.length)];
			if (tier != null) {
				request.put("customerTier", tier);
			}
			String platform = PLATFORMS[random.nextInt(PLATFORMS.length)];
			if (platform != null) {
				request.put("platform", platform);
				request.put("productVersion", "4." + random.nextInt(3) + "." + random.nextInt(5));
			}
			requests.add(request);
		}
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			List<Future<Opened>> futures = new ArrayList<>();
			for (Map<String, Object> request : requests) {
				futures.add(pool.submit(() -> {
					String key = "email".equals(request.get("channel")) ? EMAIL_KEY : CHAT_KEY;
					HttpResponse<String> response = post(system.ticketServiceUrl(), "/tickets",
							this.json.writeValueAsString(request), key);
					assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
					return new Opened(this.json.readTree(response.body()).get("ticketId").asString(),
							(String) request.get("channel"), (String) request.get("locale"));
				}));
			}
			for (Future<Opened> future : futures) {
				opened.add(future.get());
			}
		}
		return opened;
	}

	/**
	 * Works the tickets as a team does; refusals (a ticket routing answered meanwhile)
	 * are part of the history, not failures. The outcome counts by path, and the issue
	 * keys created (under "issue:").
	 */
	private Map<String, Integer> work(List<Opened> opened, Random random) throws Exception {
		Map<String, Integer> outcomes = new TreeMap<>();
		List<String> issueKeys = new ArrayList<>();
		// the first escalations report the issues, one after the other
		List<Opened> toEscalate = new ArrayList<>();
		List<Runnable> jobs = new ArrayList<>();
		AtomicInteger refused = new AtomicInteger();
		for (Opened ticket : opened) {
			int path = random.nextInt(20);
			String t = "/tickets/" + ticket.id();
			boolean template = random.nextBoolean();
			if (path < 7) { // a single reply, now and then with a template
				count(outcomes, "single-reply");
				jobs.add(() -> act(refused, t + "/assignment", "{\"agent\":\"maria\"}", AGENT_KEY, t + "/replies",
						template ? "{\"body\":\"Here is how\",\"templateId\":\"reset-password\",\"templateVersion\":1}"
								: "{\"body\":\"Here is how\"}",
						AGENT_KEY, t + "/resolution", "{\"resolution\":\"Answered\"}", AGENT_KEY));
			}
			else if (path < 10) { // a clarification first
				count(outcomes, "clarification");
				jobs.add(() -> act(refused, t + "/assignment", "{\"agent\":\"maria\"}", AGENT_KEY,
						t + "/clarification-requests", "{\"question\":\"Which version do you use?\"}", AGENT_KEY,
						t + "/messages", "{\"body\":\"4.2.1 on my phone\"}",
						"email".equals(ticket.channel()) ? EMAIL_KEY : CHAT_KEY, t + "/replies",
						"{\"body\":\"Fixed on our side\"}", AGENT_KEY, t + "/resolution", "{\"resolution\":\"Fixed\"}",
						AGENT_KEY));
			}
			else if (path < 13) {
				count(outcomes, "escalation");
				toEscalate.add(ticket);
			}
			else {
				count(outcomes, "left to routing");
			}
		}
		// (a ticket routing answered meanwhile cannot be escalated: the next one is)
		int first = 0;
		for (; first < toEscalate.size() && issueKeys.size() < 4; first++) {
			String t = "/tickets/" + toEscalate.get(first).id();
			post(system.ticketServiceUrl(), t + "/assignment", "{\"agent\":\"maria\"}", AGENT_KEY);
			HttpResponse<String> escalated = post(system.ticketServiceUrl(), t + "/escalation", "{\"title\":\"Problem "
					+ issueKeys.size() + "\",\"description\":\"What fails, number " + issueKeys.size() + "\"}",
					AGENT_KEY);
			if (escalated.statusCode() == 200) {
				issueKeys.add(this.json.readTree(escalated.body()).get("issueKey").asString());
			}
		}
		assertThat(issueKeys).hasSize(4);
		for (String key : issueKeys) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> get(system.ticketServiceUrl(), "/issues/" + key, AGENT_KEY).statusCode() == 200);
		}
		for (int i = first; i < toEscalate.size(); i++) {
			String t = "/tickets/" + toEscalate.get(i).id();
			String key = issueKeys.get(i % issueKeys.size());
			jobs.add(() -> act(refused, t + "/assignment", "{\"agent\":\"maria\"}", AGENT_KEY, t + "/issue-link",
					"{\"issueKey\":\"" + key + "\"}", AGENT_KEY));
		}
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			jobs.forEach(pool::submit);
		}
		for (int i = 0; i < issueKeys.size(); i++) {
			outcomes.put("issue:" + issueKeys.get(i), i);
		}
		outcomes.put("refused", refused.get());
		return outcomes;
	}

	/** Posts the calls in order, each a (path, body, key) triple; stops at a refusal. */
	private void act(AtomicInteger refused, String... calls) {
		try {
			for (int i = 0; i < calls.length; i += 3) {
				HttpResponse<String> response = post(system.ticketServiceUrl(), calls[i], calls[i + 1], calls[i + 2]);
				if (response.statusCode() >= 500) {
					throw new IllegalStateException(calls[i] + ": " + response.body());
				}
				if (response.statusCode() != 200) {
					refused.incrementAndGet();
					return;
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The first issue's fix scheduled and released (its customers told), the second's
	 * scheduled and not released yet, the third's declined.
	 */
	private void releaseAndDecline(Map<String, Integer> outcomes) throws Exception {
		List<String> keys = outcomes.keySet()
			.stream()
			.filter((k) -> k.startsWith("issue:"))
			.sorted((a, b) -> outcomes.get(a) - outcomes.get(b))
			.map((k) -> k.substring("issue:".length()))
			.toList();
		for (String key : keys.subList(0, 2)) {
			assertThat(post(system.ticketServiceUrl(), "/issues/" + key + "/fix-schedule",
					"{\"targetVersion\":\"4.3.0\"}", ENGINEERING_KEY)
				.statusCode()).isEqualTo(200);
		}
		assertThat(post(system.ticketServiceUrl(), "/issues/" + keys.get(2) + "/decline",
				"{\"explanation\":\"Works as designed\"}", ENGINEERING_KEY)
			.statusCode()).isEqualTo(200);
		String release = "release-exact-" + keys.get(0);
		try (CloudEventsProducer ci = new CloudEventsProducer("/engineering/ci")) {
			ci.publish(new ReleasePublishedV1(release, "4.3.0", List.of(keys.get(0)), java.time.Instant.now()));
		}
		// every customer of the released issue told: their tickets resolved by the
		// release
		JsonNode linked = this.json.readTree(get(system.ticketServiceUrl(), "/issues/" + keys.get(0), AGENT_KEY).body())
			.get("linkedTickets");
		int expected = linked.asInt();
		try (TopicRecorder recorder = new TopicRecorder(Topics.TICKET_EVENTS)) {
			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
				Set<String> released = new HashSet<>();
				recorder.all()
					.stream()
					.filter((e) -> e.data() instanceof TicketResolvedV1 r && "fix-released".equals(r.cause()))
					.forEach((e) -> released.add(((TicketResolvedV1) e.data()).ticketId()));
				return released.size() >= expected;
			});
		}
	}

	/** Customers rate a resolved ticket one time in two, with a comment now and then. */
	private void rateTheResolved(List<Opened> opened, Random random) throws Exception {
		List<FeedbackCorpus.Text> comments = FeedbackCorpus.texts();
		List<Runnable> jobs = new ArrayList<>();
		for (Opened ticket : opened) {
			if (random.nextBoolean()) {
				continue;
			}
			int score = 1 + random.nextInt(5);
			String comment = random.nextBoolean() ? comments.get(random.nextInt(comments.size())).text() : null;
			Map<String, Object> body = new HashMap<>();
			body.put("score", score);
			if (comment != null) {
				body.put("comment", comment);
			}
			String key = "email".equals(ticket.channel()) ? EMAIL_KEY : CHAT_KEY;
			jobs.add(() -> {
				try {
					post(system.ticketServiceUrl(), "/tickets/" + ticket.id() + "/rating",
							this.json.writeValueAsString(body), key);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			jobs.forEach(pool::submit);
		}
	}

	/** Until no new event has come on the topics for five seconds. */
	private static void awaitQuiet(TopicRecorder... recorders) throws InterruptedException {
		int last = -1;
		int quiet = 0;
		for (int i = 0; i < 240 && quiet < 5; i++) {
			int now = 0;
			for (TopicRecorder recorder : recorders) {
				now += recorder.all().size();
			}
			quiet = (now == last) ? quiet + 1 : 0;
			last = now;
			Thread.sleep(1_000);
		}
	}

	private static List<IntegrationEvent> distinct(TopicRecorder... recorders) {
		Map<String, IntegrationEvent> byId = new LinkedHashMap<>();
		for (TopicRecorder recorder : recorders) {
			for (CloudEvent event : recorder.all()) {
				byId.putIfAbsent(event.id(), event.data());
			}
		}
		return new ArrayList<>(byId.values());
	}

	private static void count(Map<String, Integer> outcomes, String outcome) {
		outcomes.merge(outcome, 1, Integer::sum);
	}

	private JsonNode report(String path) throws Exception {
		HttpResponse<String> response = get(system.insightsServiceUrl(), path, LEAD_KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> post(String base, String path, String body, String key) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String base, String path, String key) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Api-Key", key).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
