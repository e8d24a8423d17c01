package dev.ticketloop.ticketservice.issue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ticketloop.contracts.engineering.ReleasePublishedV1;
import dev.ticketloop.testsupport.CloudEventsProducer;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.ticketservice.TicketServiceApplication;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static dev.ticketloop.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Escalation, issues, releases, merging and listing over real HTTP: who may call what,
 * what bad input answers, and that adapters only ever see their own channel.
 */
@IntegrationTest
@SpringBootTest(classes = TicketServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:test-api-keys.properties")
class EngineeringHttpTests {

	private static final String EMAIL = "email-adapter-test-key";

	private static final String CHAT = "chat-adapter-test-key";

	private static final String AGENT = "agent-maria-key-01";

	private static final String ENGINEERING = "engineering-ci-key-01";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, TicketServiceApplication.NAME);
	}

	@LocalServerPort
	int port;

	@Autowired
	CommandBus commandBus;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void each_role_reaches_only_its_calls() throws Exception {
		String ticket = open(EMAIL, "email", "cust-roles");
		assertThat(post("/releases", "{\"version\":\"1.0\",\"fixedIssues\":[\"ENG-1\"]}", null).statusCode())
			.isEqualTo(401);
		assertThat(post("/releases", "{\"version\":\"1.0\",\"fixedIssues\":[\"ENG-1\"]}", AGENT).statusCode())
			.as("agents do not ship releases")
			.isEqualTo(403);
		assertThat(post("/tickets/" + ticket + "/escalation", "{\"title\":\"x\"}", EMAIL).statusCode())
			.as("adapters do not escalate")
			.isEqualTo(403);
		assertThat(get("/tickets", ENGINEERING).statusCode()).as("engineering does not read customers' tickets")
			.isEqualTo(403);
		assertThat(get("/issues/ENG-1", EMAIL).statusCode()).isEqualTo(403);
		assertThat(get("/issues/ENG-1", null).statusCode()).isEqualTo(401);
		assertThat(post("/issues/ENG-1/fix-schedule", "{\"targetVersion\":\"1.0\"}", AGENT).statusCode())
			.isEqualTo(403);
	}

	@Test
	void an_issue_goes_from_report_to_release_and_its_tickets_are_listed() throws Exception {
		String key = "ENG-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
		HttpResponse<String> created = post("/issues",
				"{\"issueKey\":\"" + key + "\",\"title\":\"Export broken\",\"description\":\"XLSX only\"}",
				ENGINEERING);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String ticket = open(EMAIL, "email", "cust-issue");
		awaitStatus(ticket, "TRIAGED", "NEW");

		HttpResponse<String> linked = post("/tickets/" + ticket + "/issue-link", "{\"issueKey\":\"" + key + "\"}",
				AGENT);
		assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
		assertThat(this.json.readTree(linked.body()).get("status").asString()).isEqualTo("ESCALATED");
		// the issue's view follows its events (it may not be there yet: a 404 problem)
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			JsonNode linkedTickets = this.json.readTree(get("/issues/" + key, AGENT).body()).get("linkedTickets");
			return linkedTickets != null && linkedTickets.asInt() == 1;
		});

		assertThat(post("/issues/" + key + "/confirmation", "", ENGINEERING).statusCode()).isEqualTo(200);
		assertThat(post("/issues/" + key + "/confirmation", "", ENGINEERING).statusCode()).as("confirmed once")
			.isEqualTo(409);
		assertThat(post("/issues/" + key + "/fix-schedule", "{\"targetVersion\":\"not a version!\"}", ENGINEERING)
			.statusCode()).isEqualTo(400);
		assertThat(post("/issues/" + key + "/fix-schedule", "{\"targetVersion\":\"2.1.0\"}", ENGINEERING).statusCode())
			.isEqualTo(200);
		awaitStatus(ticket, "AWAITING_RELEASE");

		HttpResponse<String> released = post("/releases",
				"{\"releaseId\":\"r-2.1.0\",\"version\":\"2.1.0\",\"fixedIssues\":[\"" + key + "\",\"ENG-404404\"]}",
				ENGINEERING);
		assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
		JsonNode outcome = this.json.readTree(released.body());
		assertThat(outcome.get("issues").get(0).get("outcome").asString()).isEqualTo("released");
		assertThat(outcome.get("issues").get(1).get("outcome").asString()).isEqualTo("unknown");
		HttpResponse<String> again = post("/releases",
				"{\"releaseId\":\"r-2.1.0\",\"version\":\"2.1.0\",\"fixedIssues\":[\"" + key + "\"]}", ENGINEERING);
		assertThat(this.json.readTree(again.body()).get("issues").get(0).get("outcome").asString())
			.isEqualTo("already-released");
		awaitStatus(ticket, "FIX_RELEASED");
		assertThat(post("/issues/" + key + "/decline", "{\"explanation\":\"Too late\"}", ENGINEERING).statusCode())
			.isEqualTo(409);

		JsonNode page = this.json.readTree(get("/issues/" + key + "/tickets", AGENT).body());
		assertThat(page.get("items")).extracting((n) -> n.get("ticketId").asString()).containsExactly(ticket);
	}

	@Test
	void bad_issue_input_answers_a_problem() throws Exception {
		String ticket = open(EMAIL, "email", "cust-bad");
		assertProblem(post("/tickets/" + ticket + "/issue-link", "{\"issueKey\":\"ENG-DOESNOTEXIST\"}", AGENT), 404);
		assertProblem(post("/tickets/" + ticket + "/issue-link", "{\"issueKey\":\"lower case\"}", AGENT), 400);
		assertProblem(post("/releases", "{\"version\":\"1.0\",\"fixedIssues\":[]}", ENGINEERING), 400);
		assertProblem(get("/issues/ENG-DOESNOTEXIST", AGENT), 404);
		assertProblem(post("/tickets/" + ticket + "/escalation", "{\"title\":\"\"}", AGENT), 400);
		assertProblem(get("/tickets?status=SLEEPING", AGENT), 400);
		assertProblem(get("/tickets?limit=0", AGENT), 400);
		assertProblem(get("/tickets?after=not-an-id", AGENT), 400);
	}

	/**
	 * A release names many issues: a mistyped key is answered {@code invalid-key} and the
	 * others are released all the same, over REST as on the releases topic, where not
	 * even a key that is no string at all holds the release (or the topic) up.
	 */
	@Test
	void a_release_with_a_mistyped_key_releases_the_other_issues_over_rest_and_over_the_topic() throws Exception {
		String viaRest = newIssue("Export broken");
		String viaTopic = newIssue("Import broken");

		HttpResponse<String> released = post("/releases", "{\"releaseId\":\"r-" + viaRest
				+ "\",\"version\":\"3.0.0\",\"fixedIssues\":[\"eng-12\",\"" + viaRest + "\",\" \"]}", ENGINEERING);
		assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
		List<String> outcomes = new ArrayList<>();
		this.json.readTree(released.body())
			.get("issues")
			.forEach((i) -> outcomes.add(i.get("issueKey").asString() + " " + i.get("outcome").asString()));
		assertThat(outcomes).containsExactly("eng-12 invalid-key", viaRest + " released", "  invalid-key");
		awaitIssueStatus(viaRest, "RELEASED");

		try (CloudEventsProducer engineering = new CloudEventsProducer("/engineering/ci")) {
			engineering.publish(
					new ReleasePublishedV1("r-" + viaTopic, "3.0.1", List.of("eng-13", " ", viaTopic), Instant.now()));
		}
		awaitIssueStatus(viaTopic, "RELEASED");
	}

	private String newIssue(String title) throws Exception {
		HttpResponse<String> created = post("/issues", "{\"title\":\"" + title + "\"}", ENGINEERING);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return this.json.readTree(created.body()).get("issueKey").asString();
	}

	private void awaitIssueStatus(String issue, String status) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> status
				.equals(this.json.readTree(get("/issues/" + issue, AGENT).body()).path("status").asString()));
	}

	@Test
	void a_duplicate_merges_into_its_survivor_and_merging_into_itself_is_refused() throws Exception {
		String survivor = open(EMAIL, "email", "cust-merge");
		String duplicate = open(CHAT, "chat", "cust-merge");
		awaitStatus(duplicate, "TRIAGED", "NEW");
		assertProblem(post("/tickets/" + duplicate + "/merge", "{\"survivingTicketId\":\"" + duplicate + "\"}", AGENT),
				409);
		assertProblem(post("/tickets/" + duplicate + "/merge", "{\"survivingTicketId\":\"" + UUID.randomUUID() + "\"}",
				AGENT), 404);
		HttpResponse<String> merged = post("/tickets/" + duplicate + "/merge",
				"{\"survivingTicketId\":\"" + survivor + "\"}", AGENT);
		assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
		assertThat(this.json.readTree(merged.body()).get("status").asString()).isEqualTo("MERGED");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.json.readTree(get("/tickets/" + survivor, AGENT).body())
				.get("duplicates")
				.toString()
				.contains(duplicate));
	}

	@Test
	void lists_page_by_ticket_id_and_adapters_list_only_their_channel() throws Exception {
		String customer = "cust-" + UUID.randomUUID();
		List<String> email = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			email.add(open(EMAIL, "email", customer));
		}
		String chat = open(CHAT, "chat", customer);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.json.readTree(get("/tickets?customerRef=" + customer, AGENT).body())
				.get("items")
				.size() == 4);

		JsonNode first = this.json.readTree(get("/tickets?customerRef=" + customer + "&limit=2", AGENT).body());
		assertThat(first.get("items")).hasSize(2);
		JsonNode second = this.json
			.readTree(get("/tickets?customerRef=" + customer + "&limit=2&after=" + first.get("next").asString(), AGENT)
				.body());
		assertThat(second.get("items")).hasSize(2);
		assertThat(second.get("next").isNull()).isTrue();
		List<String> all = new ArrayList<>();
		first.get("items").forEach((n) -> all.add(n.get("ticketId").asString()));
		second.get("items").forEach((n) -> all.add(n.get("ticketId").asString()));
		assertThat(all).isSorted().containsExactlyInAnyOrder(email.get(0), email.get(1), email.get(2), chat);

		JsonNode chatList = this.json.readTree(get("/tickets?customerRef=" + customer, CHAT).body());
		assertThat(chatList.get("items")).extracting((n) -> n.get("ticketId").asString()).containsExactly(chat);
		JsonNode spoofed = this.json.readTree(get("/tickets?customerRef=" + customer + "&channel=email", CHAT).body());
		assertThat(spoofed.get("items")).as("a channel filter cannot widen an adapter's view").isEmpty();
		assertThat(post("/tickets/" + email.get(0) + "/messages", "{\"body\":\"hi\"}", CHAT).statusCode())
			.as("writing to another channel's ticket")
			.isEqualTo(404);
	}

	/**
	 * Issue 22: the same link again repairs a link the issue lacks (here: every link of
	 * the first call dropped on its way to the issue), instead of answering 200 and
	 * writing nothing.
	 */
	@Test
	void linking_again_repairs_a_link_the_issue_lacks() throws Exception {
		String issue = this.json.readTree(post("/issues", "{\"title\":\"Login loops\"}", ENGINEERING).body())
			.get("issueKey")
			.asString();
		String ticket = open(EMAIL, "email", "cust-relink");
		AtomicInteger dropped = new AtomicInteger();
		Registration dropping = this.commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
			if (unitOfWork.getMessage().getPayload() instanceof IssueCommand.LinkTicket link
					&& link.ticketId().value().equals(ticket)) {
				dropped.incrementAndGet();
				return null;
			}
			return chain.proceed();
		});
		try {
			HttpResponse<String> first = post("/tickets/" + ticket + "/issue-link", "{\"issueKey\":\"" + issue + "\"}",
					AGENT);
			assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
			// the controller's link and the issue-links processor's, both lost
			await().atMost(Duration.ofSeconds(20)).until(() -> dropped.get() >= 2);
		}
		finally {
			dropping.cancel();
		}
		assertThat(linkedTickets(issue)).isZero();

		HttpResponse<String> again = post("/tickets/" + ticket + "/issue-link", "{\"issueKey\":\"" + issue + "\"}",
				AGENT);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).until(() -> linkedTickets(issue) == 1);
	}

	private int linkedTickets(String issue) throws Exception {
		return this.json.readTree(get("/issues/" + issue, AGENT).body()).path("linkedTickets").asInt();
	}

	/**
	 * Issue 20: expected outcomes (an issue created by an escalation, unknown tickets and
	 * issues answered 404) log no warning and no stack trace.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void expected_outcomes_log_no_stack_trace(CapturedOutput output) throws Exception {
		String ticket = open(EMAIL, "email", "quiet-1");
		HttpResponse<String> escalated = post("/tickets/" + ticket + "/escalation", "{\"title\":\"Quiet\"}", AGENT);
		assertThat(escalated.statusCode()).as(escalated.body()).isEqualTo(200);
		String issue = this.json.readTree(escalated.body()).get("issueKey").asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> get("/issues/" + issue, AGENT).statusCode() == 200);
		assertProblem(get("/issues/ISS-NOSUCHONE", AGENT), 404);
		assertProblem(post("/issues/ISS-NOSUCHONE/confirmation", "", ENGINEERING), 404);
		assertProblem(post("/tickets/" + ticket + "/issue-link", "{\"issueKey\":\"ISS-NOSUCHONE\"}", AGENT), 404);
		assertProblem(post("/tickets/" + UUID.randomUUID() + "/assignment", "{\"agent\":\"maria\"}", AGENT), 404);
		assertThat(output.getAll().lines().filter((line) -> line.startsWith("\tat ") || line.contains(" WARN ")))
			.as("warnings and stack traces")
			.isEmpty();
	}

	private void awaitStatus(String ticket, String... statuses) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> List.of(statuses)
				.contains(this.json.readTree(get("/tickets/" + ticket, AGENT).body()).get("status").asString()));
	}

	private String open(String key, String channel, String customer) throws Exception {
		HttpResponse<String> response = post("/tickets", """
				{"channel":"%s","customerRef":"%s","contact":{"email":"eva@example.com"},
				 "locale":"en","subject":"Slow export","body":"Export takes minutes"}""".formatted(channel, customer),
				key);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		String id = this.json.readTree(response.body()).get("ticketId").asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> get("/tickets/" + id, AGENT).statusCode() == 200);
		return id;
	}

	private HttpResponse<String> get(String path, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (key != null) {
			request.header("X-Api-Key", key);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (key != null) {
			request.header("X-Api-Key", key);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
