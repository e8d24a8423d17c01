package dev.ticketloop.ticketservice.view;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.ticketservice.TicketServiceApplication;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static dev.ticketloop.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15: a ticket and an engineering issue as they were at an instant, computed from
 * their events up to then (equal to what the live view said at that instant), and their
 * events listed page by page with their global positions in the store.
 */
@IntegrationTest
@SpringBootTest(classes = TicketServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:test-api-keys.properties")
class TimeTravelTests {

	private static final String EMAIL = "email-adapter-test-key";

	private static final String CHAT = "chat-adapter-test-key";

	private static final String AGENT = "agent-maria-key-01";

	private static final String OPERATOR = "operator-test-key-01";

	private static final String ENGINEERING = "engineering-ci-key-01";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, TicketServiceApplication.NAME);
	}

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void a_ticket_as_it_was_then_is_what_its_view_said_then() throws Exception {
		Instant beforeOpening = Instant.now();
		Thread.sleep(20);
		HttpResponse<String> opened = call("POST", "/tickets", """
				{"channel":"email","customerRef":"travel-1","contact":{"email":"travel@example.com"},
				 "locale":"en","subject":"Time","body":"It was fine yesterday"}""", EMAIL);
		assertThat(opened.statusCode()).isEqualTo(201);
		String t = "/tickets/" + this.json.readTree(opened.body()).get("ticketId").asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> call("GET", t, null, AGENT).statusCode() == 200);
		Thread.sleep(1_000);
		String thenLive = call("GET", t, null, AGENT).body();
		Instant then = Instant.now();
		Thread.sleep(20);
		assertThat(call("POST", t + "/assignment", "{\"agent\":\"maria\"}", AGENT).statusCode()).isEqualTo(200);
		assertThat(call("POST", t + "/replies", "{\"body\":\"Fixed now\"}", AGENT).statusCode()).isEqualTo(200);
		assertThat(call("POST", t + "/resolution", "{\"resolution\":\"Fixed\"}", AGENT).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "RESOLVED"
				.equals(this.json.readTree(call("GET", t, null, AGENT).body()).get("status").asString()));

		HttpResponse<String> asThen = call("GET", t + "?asOf=" + then, null, AGENT);
		assertThat(asThen.statusCode()).as(asThen.body()).isEqualTo(200);
		assertThat(this.json.readTree(asThen.body())).isEqualTo(this.json.readTree(thenLive));
		assertThat(this.json.readTree(asThen.body()).get("status").asString()).isNotEqualTo("RESOLVED");
		assertThat(call("GET", t + "?asOf=" + Instant.now(), null, AGENT).body())
			.isEqualTo(call("GET", t, null, AGENT).body());
		assertProblem(call("GET", t + "?asOf=" + beforeOpening, null, AGENT), 404);
		assertThat(call("GET", t + "?asOf=" + then, null, CHAT).statusCode()).as("another channel").isEqualTo(404);
		assertProblem(call("GET", t + "?asOf=yesterday", null, AGENT), 400);

		List<JsonNode> events = allEvents(t, 2, OPERATOR);
		assertThat(events).extracting((e) -> e.get("type").asString())
			.startsWith("TicketOpened")
			.contains("TicketAssigned", "AgentReplied", "TicketResolved");
		assertThat(events).extracting((e) -> e.get("sequence").asLong())
			.containsExactlyElementsOf(java.util.stream.LongStream.range(0, events.size()).boxed().toList());
		assertIncreasingGlobalPositions(events);
		JsonNode first = this.json.readTree(call("GET", t + "/events?limit=1", null, AGENT).body())
			.get("events")
			.get(0);
		assertThat(first.get("sequence").asLong()).isZero();
		assertThat(first.get("payload").get("subject").asString()).isEqualTo("Time");
		assertThat(first.get("timestamp").asString()).isNotBlank();
		assertThat(call("GET", t + "/events", null, EMAIL).statusCode()).as("adapters do not list events")
			.isEqualTo(403);
		assertProblem(call("GET", "/tickets/0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10/events", null, AGENT), 404);
		assertProblem(call("GET", t + "/events?limit=0", null, AGENT), 400);
		assertProblem(call("GET", t + "/events?limit=1001", null, AGENT), 400);
	}

	@Test
	void an_issue_as_it_was_then_is_what_its_view_said_then_and_its_events_are_listed() throws Exception {
		Instant beforeReport = Instant.now();
		Thread.sleep(20);
		HttpResponse<String> reported = call("POST", "/issues", "{\"title\":\"Clock drift\"}", ENGINEERING);
		assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
		String i = "/issues/" + this.json.readTree(reported.body()).get("issueKey").asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> call("GET", i, null, AGENT).statusCode() == 200);
		Thread.sleep(1_000);
		String thenLive = call("GET", i, null, AGENT).body();
		Instant then = Instant.now();
		Thread.sleep(20);
		assertThat(call("POST", i + "/confirmation", null, ENGINEERING).statusCode()).isEqualTo(200);
		assertThat(call("POST", i + "/fix-schedule", "{\"targetVersion\":\"3.1\"}", ENGINEERING).statusCode())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "FIX_SCHEDULED"
				.equals(this.json.readTree(call("GET", i, null, AGENT).body()).get("status").asString()));

		HttpResponse<String> asThen = call("GET", i + "?asOf=" + then, null, OPERATOR);
		assertThat(asThen.statusCode()).as(asThen.body()).isEqualTo(200);
		assertThat(this.json.readTree(asThen.body())).isEqualTo(this.json.readTree(thenLive));
		assertThat(this.json.readTree(asThen.body()).get("status").asString()).isEqualTo("REPORTED");
		assertThat(this.json.readTree(asThen.body()).get("targetVersion").isNull()).isTrue();
		assertThat(this.json.readTree(call("GET", i + "?asOf=" + Instant.now(), null, AGENT).body()))
			.isEqualTo(this.json.readTree(call("GET", i, null, AGENT).body()));
		assertProblem(call("GET", i + "?asOf=" + beforeReport, null, AGENT), 404);
		assertProblem(call("GET", i + "?asOf=last-week", null, AGENT), 400);

		List<JsonNode> events = allEvents(i, 1, AGENT);
		assertThat(events).extracting((e) -> e.get("type").asString())
			.containsExactly("IssueReported", "IssueConfirmed", "FixScheduled");
		assertThat(events).extracting((e) -> e.get("revision").asString()).doesNotContainNull();
		assertThat(events.get(2).get("payload").get("targetVersion").asString()).isEqualTo("3.1");
		assertIncreasingGlobalPositions(events);
		assertThat(call("GET", i + "/events", null, ENGINEERING).statusCode()).as("engineering reads, lists not")
			.isEqualTo(403);
		assertProblem(call("GET", "/issues/ENG-NOSUCH404/events", null, OPERATOR), 404);
		assertProblem(call("GET", i + "/events?limit=0", null, OPERATOR), 400);
	}

	/** Every event, page after page of {@code limit}; more than one page. */
	private List<JsonNode> allEvents(String path, int limit, String key) throws Exception {
		List<JsonNode> events = new ArrayList<>();
		Long after = null;
		int pages = 0;
		do {
			HttpResponse<String> answer = call("GET",
					path + "/events?limit=" + limit + ((after != null) ? "&after=" + after : ""), null, key);
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			JsonNode page = this.json.readTree(answer.body());
			page.get("events").forEach(events::add);
			after = page.get("next").isNull() ? null : page.get("next").asLong();
			pages++;
		}
		while (after != null);
		assertThat(pages).isGreaterThan(1);
		return events;
	}

	/** Each event's position in the whole store: after the one before it. */
	private static void assertIncreasingGlobalPositions(List<JsonNode> events) {
		List<Long> positions = events.stream().map((e) -> e.get("globalPosition").asLong()).toList();
		assertThat(events).allSatisfy((e) -> assertThat(e.get("globalPosition").isIntegralNumber()).isTrue());
		assertThat(positions).isSorted().doesNotHaveDuplicates();
	}

	private HttpResponse<String> call(String method, String path, String body, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.header("X-Api-Key", key);
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
