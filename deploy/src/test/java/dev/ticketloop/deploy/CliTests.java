package dev.ticketloop.deploy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.ticketloop.cli.TicketloopCli;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15: {@code bin/ticketloop} against the running system (the three services, the
 * broker, the store): it lists the processors, replays a read model with a progress bar
 * and the view is identical afterwards, shows a ticket, an engineering issue, an SLA
 * clock and a notification as they were, lists their events with their global positions,
 * and ends with the exit code a script can rely on.
 */
@IntegrationTest
class CliTests {

	private static final String EMAIL_KEY = "test-email-adapter-key";

	private static final String AGENT_KEY = "test-agent-key-00001";

	private static final String OPERATOR_KEY = "test-operator-key-001";

	private static EmbeddedSmtp smtp;

	private static RunningSystem system;

	private static SystemConfig config;

	private static MongoClient mongo;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	/** What a run of the tool printed, and how it ended. */
	record Run(int exitCode, String out, String err) {
	}

	@BeforeAll
	static void startSystem() {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		smtp = EmbeddedSmtp.start(0);
		config = new SystemConfig(infrastructure.kafkaBootstrapServers(), infrastructure.mongoConnectionString(),
				TestInfrastructure.uniqueDatabase("cli") + "-", smtp.host(), smtp.port(), 0, 0, 0,
				List.of(new SystemConfig.ApiKey("email-adapter", EMAIL_KEY, "ADAPTER", "email"),
						new SystemConfig.ApiKey("agent", AGENT_KEY, "AGENT", null),
						new SystemConfig.ApiKey("operator", OPERATOR_KEY, "OPERATOR", null)),
				Map.of());
		system = RunningSystem.start(config);
		mongo = MongoClients.create(infrastructure.mongoConnectionString());
	}

	@AfterAll
	static void stopSystem() {
		system.close();
		smtp.close();
		mongo.close();
	}

	@Test
	void an_operator_replays_a_view_follows_it_and_looks_at_a_ticket_as_it_was() throws Exception {
		List<String> tickets = new ArrayList<>();
		String run = java.util.UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 12; i++) {
			tickets.add(open(run + "-cli-" + i));
		}
		String ticket = tickets.get(0);
		for (String each : tickets) {
			// acknowledged: the customer was told, and the receipt came back
			await().atMost(Duration.ofSeconds(60))
				.until(() -> get("/tickets/" + each).body().contains("CustomerNotified"));
		}
		Thread.sleep(1_000);
		Instant then = Instant.now();
		Thread.sleep(20);
		assertThat(post("/tickets/" + ticket + "/assignment", "{\"agent\":\"agent\"}").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.json.readTree(get("/tickets/" + ticket).body())
				.get("status")
				.asString()
				.equals("IN_PROGRESS"));

		Run processors = run("processors", "ticket-service");
		assertThat(processors.exitCode()).as(processors.err()).isZero();
		assertThat(processors.out()).contains("PROCESSOR", "ticket-view", "issue-links", "never (side effects)",
				"from the beginning");

		Map<Object, Document> before = stableViews();
		Run replay = run("replay", "ticket-service", "ticket-view", "--timeout", "PT60S");
		assertThat(replay.exitCode()).as(replay.err()).isZero();
		assertThat(replay.err()).contains("[", "#", "%");
		assertThat(replay.out()).contains("ticket-view of ticket-service: DONE");
		await().atMost(Duration.ofSeconds(30)).until(() -> views().equals(before));

		// the queue from a time on: what it built from the events before stays, the rest
		// is
		// handled again, and it ends as it was
		Map<Object, Document> queue = stable("routing-service", "queue_items");
		Run fromTime = run("replay", "routing-service", "queue", "--from-time", then.toString(), "--timeout", "PT60S");
		assertThat(fromTime.exitCode()).as(fromTime.err()).isZero();
		assertThat(fromTime.err()).contains("[", "#", "%", "events/s");
		assertThat(fromTime.out()).contains("queue of routing-service: DONE", "from " + then + " (position ");
		await().atMost(Duration.ofSeconds(30)).until(() -> documents("routing-service", "queue_items").equals(queue));
		Run fromPosition = run("replay", "ticket-service", "ticket-view", "--from-position", "1");
		assertThat(fromPosition.exitCode()).as("a view replayed from the beginning only").isEqualTo(5);
		assertThat(fromPosition.err()).contains("from the beginning only");
		assertThat(run("replay", "routing-service", "queue", "--from-position", "1", "--from-time", then.toString())
			.exitCode()).as("both starts").isEqualTo(2);

		Run asOf = run("ticket", ticket, "--as-of", then.toString());
		assertThat(asOf.exitCode()).as(asOf.err()).isZero();
		assertThat(asOf.out()).contains("as of " + then).contains("status").doesNotContain("IN_PROGRESS");
		Run now = run("ticket", ticket);
		assertThat(now.out()).contains("IN_PROGRESS", "TicketAssigned");

		Run events = run("events", ticket, "--limit", "2");
		assertThat(events.out()).contains("TicketOpened").contains("more: --after 1");
		Run json = run("processors", "routing-service", "--output", "json");
		assertThat(this.json.readTree(json.out()).findValuesAsString("name")).contains("queue");

		assertThat(run("replay", "ticket-service", "issue-links").exitCode()).as("side effects").isEqualTo(5);
		assertThat(run("replay", "ticket-service", "no-such-processor").exitCode()).isEqualTo(4);
		assertThat(runWithKey("not-a-key-of-anyone", "processors", "ticket-service").exitCode()).isEqualTo(3);
		assertThat(runWithKey(AGENT_KEY, "processors", "ticket-service").exitCode()).isEqualTo(3);
		assertThat(run("processors", "no-such-service").exitCode()).isEqualTo(2);
		assertThat(TicketloopCli.commandLine()
			.execute("processors", "ticket-service", "--key", OPERATOR_KEY, "--ticket-service", "http://127.0.0.1:9"))
			.as("unreachable")
			.isEqualTo(6);
		Run deadLetters = run("dead-letters", "list");
		assertThat(deadLetters.exitCode()).as(deadLetters.err()).isZero();
		assertThat(deadLetters.out()).contains("NOTIFICATION");
		Run noReplay = run("insights", "status");
		assertThat(noReplay.exitCode()).as(noReplay.err()).isEqualTo(4);
		Run rebuild = run("insights", "rebuild");
		assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
		assertThat(rebuild.out()).contains("days to add up again");
		Run insightsReplay = run("insights", "replay");
		assertThat(insightsReplay.exitCode()).as(insightsReplay.err()).isZero();
		assertThat(insightsReplay.out()).startsWith("replay 1: stopping (requested ");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> run("insights", "status").out(), (status) -> status.startsWith("replay 1: running"));
		assertThat(runWithKey(AGENT_KEY, "insights", "rebuild").exitCode()).isEqualTo(3);
		Run topics = run("dlt", "ticket-service", "topics");
		assertThat(topics.exitCode()).as(topics.err()).isZero();
		assertThat(topics.out()).contains("ticketloop.engineering.releases.v1.dlt",
				"ticketloop.routing.decisions.v1.dlt");
		Run letters = run("dlt", "routing-service", "list", "--state", "pending");
		assertThat(letters.exitCode()).as(letters.err()).isZero();
		assertThat(letters.out()).contains("DEAD LETTER", "REASON");
		assertThat(run("dlt", "ticket-service", "show", "not-a-dead-letter").exitCode()).isEqualTo(2);
		assertThat(run("dlt", "ticket-service", "show", "ticketloop.engineering.releases.v1.dlt/0/999999").exitCode())
			.isEqualTo(4);
		assertThat(run("dlt", "ticket-service", "list", "--state", "lost").exitCode()).isEqualTo(2);
	}

	@Test
	void an_operator_exports_history_republishes_it_and_reads_the_audit(@TempDir Path directory) throws Exception {
		String run = java.util.UUID.randomUUID().toString().substring(0, 8);
		Instant from = Instant.now();
		Thread.sleep(20);
		List<String> tickets = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			tickets.add(open(run + "-history-" + i));
		}
		Thread.sleep(20);
		Instant to = Instant.now();

		Path file = directory.resolve("tickets.jsonl");
		Run export = run("export", "ticket-service", "--from", from.toString(), "--to", to.toString(), "--type",
				"Ticket", "--file", file.toString());
		assertThat(export.exitCode()).as(export.err()).isZero();
		List<JsonNode> lines = Files.readAllLines(file).stream().map(this.json::readTree).toList();
		// the three openings, and whatever routing's triage added to them within the
		// range
		assertThat(export.err()).contains(lines.size() + " events exported");
		assertThat(lines.stream().filter((l) -> l.get("type").asString().endsWith("TicketOpened")))
			.extracting((l) -> l.get("aggregateId").asString())
			.containsExactlyInAnyOrderElementsOf(tickets);
		// and nothing outside the type and the range (a ticket of an earlier test may
		// have
		// had an event in it too)
		assertThat(lines).allSatisfy((l) -> {
			assertThat(l.get("aggregateType").asString()).isEqualTo("Ticket");
			assertThat(Instant.parse(l.get("timestamp").asString())).isBetween(from, to);
		});

		String topic = "cli-" + run;
		Run republish = run("republish", "ticket-service", "--from", from.toString(), "--to", to.toString(),
				"--replay-topic", topic, "--rate", "2");
		assertThat(republish.exitCode()).as(republish.err()).isZero();
		assertThat(republish.err()).contains("[", "#", "%");
		assertThat(republish.out()).contains("DONE, " + lines.size() + " records published");
		String job = republish.out().substring(0, republish.out().indexOf(':'));

		Run jobs = run("jobs", "ticket-service");
		assertThat(jobs.out()).contains(job, "DONE", "operator");
		assertThat(run("jobs", "ticket-service", "cancel", job).exitCode()).as("it has ended").isEqualTo(5);
		assertThat(run("jobs", "ticket-service", "show", "no-such-job").exitCode()).isEqualTo(4);
		assertThat(run("republish", "ticket-service", "--from", to.toString(), "--to", from.toString()).exitCode())
			.isEqualTo(2);

		Run audit = run("audit", "ticket-service", "--limit", "100");
		assertThat(audit.exitCode()).as(audit.err()).isZero();
		assertThat(audit.out()).contains("WHO", "export", "republish", "operator", "POST /operations/republish");
		JsonNode auditJson = this.json.readTree(run("audit", "ticket-service", "--output", "json").out());
		assertThat(auditJson.get("actions").findValuesAsString("action")).contains("export", "republish");
	}

	@Test
	void an_operator_looks_at_an_issue_a_clock_and_a_notification_as_they_were_and_at_their_events() throws Exception {
		String run = java.util.UUID.randomUUID().toString().substring(0, 8);
		Instant beforeOpening = Instant.now();
		Thread.sleep(20);
		String ticket = open(run + "-cli-history");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> get("/tickets/" + ticket).body().contains("CustomerNotified"));
		HttpResponse<String> reported = post("/issues", "{\"title\":\"Invoice totals\"}");
		assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
		String issue = this.json.readTree(reported.body()).get("issueKey").asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> get("/issues/" + issue).statusCode() == 200);
		Thread.sleep(1_000);
		Instant then = Instant.now();
		Thread.sleep(20);
		assertThat(post("/issues/" + issue + "/confirmation", "").statusCode()).isEqualTo(200);
		assertThat(post("/tickets/" + ticket + "/assignment", "{\"agent\":\"agent\"}").statusCode()).isEqualTo(200);
		assertThat(post("/tickets/" + ticket + "/replies", "{\"body\":\"We are on it\"}").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).until(() -> run("sla-clock", ticket).out().contains("met"));

		Run issueThen = run("issue", issue, "--as-of", then.toString());
		assertThat(issueThen.exitCode()).as(issueThen.err()).isZero();
		assertThat(issueThen.out()).contains("issue " + issue + " as of " + then).contains("REPORTED");
		// the issue's view follows its events: it may lag the confirmation a little
		await().atMost(Duration.ofSeconds(20)).until(() -> run("issue", issue).out().contains("CONFIRMED"));
		Run clockThen = run("sla-clock", ticket, "--as-of", then.toString());
		assertThat(clockThen.exitCode()).as(clockThen.err()).isZero();
		assertThat(clockThen.out()).contains("first_response", "running").doesNotContain("met");
		assertThat(run("sla-clock", ticket).out()).containsPattern("first_response\\s+met");
		String acknowledgement = ticket + ":acknowledgement";
		Run notification = run("notification", acknowledgement, "--as-of", then.toString());
		assertThat(notification.exitCode()).as(notification.err()).isZero();
		assertThat(notification.out()).contains("DELIVERED", "acknowledgement");
		assertThat(run("notification", acknowledgement, "--as-of", beforeOpening.toString()).exitCode()).as("none yet")
			.isEqualTo(4);
		assertThat(run("issue", issue, "--as-of", "yesterday").exitCode()).as("not an instant").isEqualTo(2);

		Run issueEvents = run("events", "--kind", "issue", issue);
		assertThat(issueEvents.exitCode()).as(issueEvents.err()).isZero();
		assertThat(issueEvents.out()).contains("POSITION", "IssueReported", "IssueConfirmed");
		Run clockEvents = run("events", "--kind", "sla-clock", ticket, "--limit", "1");
		assertThat(clockEvents.out()).contains("SlaClockStarted").contains("more: --after 0");
		JsonNode notificationEvents = this.json
			.readTree(run("events", "--kind", "notification", acknowledgement, "-o", "json").out());
		List<String> types = new ArrayList<>();
		List<Long> positions = new ArrayList<>();
		notificationEvents.get("events").forEach((e) -> {
			types.add(e.get("type").asString());
			positions.add(e.get("globalPosition").asLong());
		});
		assertThat(types).startsWith("NotificationRequested", "DeliveryAttempted").contains("NotificationDelivered");
		assertThat(positions).isSorted().doesNotHaveDuplicates();
		assertThat(this.json.readTree(run("events", ticket, "-o", "json").out())
			.get("events")
			.get(0)
			.has("globalPosition")).isTrue();
		assertThat(run("events", "--kind", "planet", ticket).exitCode()).isEqualTo(2);
		assertThat(run("events", "--kind", "issue", "ENG-NOSUCH1").exitCode()).isEqualTo(4);
		assertThat(runWithKey(EMAIL_KEY, "events", "--kind", "notification", acknowledgement).exitCode()).isEqualTo(3);
	}

	private Run run(String... args) {
		return runWithKey(OPERATOR_KEY, args);
	}

	private Run runWithKey(String key, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine line = TicketloopCli.commandLine();
		line.setOut(new PrintWriter(out, true));
		line.setErr(new PrintWriter(err, true));
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--key", key, "--ticket-service", system.ticketServiceUrl(), "--routing-service",
				system.routingServiceUrl(), "--notification-service", system.notificationServiceUrl(),
				"--insights-service", system.insightsServiceUrl()));
		if (List.of(args).contains("no-such-service")) {
			all = new ArrayList<>(List.of(args));
			all.addAll(List.of("--key", key));
		}
		int code = line.execute(all.toArray(String[]::new));
		return new Run(code, out.toString(), err.toString());
	}

	/**
	 * The views once the services are done with the tickets (acknowledgements, receipts).
	 */
	private Map<Object, Document> stableViews() throws InterruptedException {
		return stable("ticket-service", "ticket_views");
	}

	private Map<Object, Document> views() {
		return documents("ticket-service", "ticket_views");
	}

	/** A read model once it stopped changing (3 s alike). */
	private Map<Object, Document> stable(String service, String collection) throws InterruptedException {
		Map<Object, Document> last = documents(service, collection);
		for (int stable = 0; stable < 3;) {
			Thread.sleep(1_000);
			Map<Object, Document> now = documents(service, collection);
			stable = now.equals(last) ? stable + 1 : 0;
			last = now;
		}
		return last;
	}

	private Map<Object, Document> documents(String service, String collection) {
		Map<Object, Document> found = new HashMap<>();
		for (Document d : mongo.getDatabase(config.databaseOf(service)).getCollection(collection).find()) {
			found.put(d.get("_id"), d);
		}
		return found;
	}

	/**
	 * Opens a billing ticket: every system of the test JVM reads the same topics, and
	 * billing's queue is one the other end-to-end tests' agents do not take from.
	 */
	private String open(String customer) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(system.ticketServiceUrl() + "/tickets"))
				.header("X-Api-Key", EMAIL_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"channel":"email","customerRef":"%s","contact":{"email":"%s@cli.example"},
						 "locale":"en","subject":"CLI","body":"The invoice total is wrong"}""".formatted(customer,
						customer)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return this.json.readTree(response.body()).get("ticketId").asString();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(system.ticketServiceUrl() + path))
			.header("X-Api-Key", AGENT_KEY)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(system.ticketServiceUrl() + path))
			.header("X-Api-Key", AGENT_KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
