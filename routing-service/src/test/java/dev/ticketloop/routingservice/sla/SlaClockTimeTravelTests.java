package dev.ticketloop.routingservice.sla;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.ticketloop.contracts.ticket.ClarificationRequestedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.routingservice.RoutingServiceApplication;
import dev.ticketloop.testsupport.CloudEventsProducer;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.ticketloop.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15: a ticket's SLA clock as it was at an instant, computed from the clock's
 * events up to then (equal to what the clock read said at that instant, and not what it
 * says now), and its events listed page by page with their global positions.
 */
@IntegrationTest
// closed after the class: it would go on starting clocks for later tests' tickets
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(classes = RoutingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=routing-service", "ticketloop.assignment.enabled=false",
				"ticketloop.security.api-keys[0].name=operator",
				"ticketloop.security.api-keys[0].key=operator-test-key-01",
				"ticketloop.security.api-keys[0].role=OPERATOR", "ticketloop.security.api-keys[1].name=maria",
				"ticketloop.security.api-keys[1].key=agent-maria-key-01", "ticketloop.security.api-keys[1].role=AGENT",
				"ticketloop.security.api-keys[2].name=email-adapter",
				"ticketloop.security.api-keys[2].key=email-adapter-test-key",
				"ticketloop.security.api-keys[2].role=ADAPTER", "ticketloop.security.api-keys[2].channel=email" })
class SlaClockTimeTravelTests {

	private static final String OPERATOR = "operator-test-key-01";

	private static final String AGENT = "agent-maria-key-01";

	private static final String ADAPTER = "email-adapter-test-key";

	private static CloudEventsProducer tickets;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, RoutingServiceApplication.NAME);
	}

	@BeforeAll
	static void start() {
		tickets = new CloudEventsProducer("/ticketloop/ticket-service");
	}

	@AfterAll
	static void stop() {
		tickets.close();
	}

	@Test
	void a_clock_as_it_was_then_is_what_it_said_then_and_its_events_are_listed() throws Exception {
		String ticket = UUID.randomUUID().toString();
		String clock = "/tickets/" + ticket + "/sla-clock";
		Instant beforeOpening = Instant.now();
		Thread.sleep(20);
		tickets.publish(new TicketOpenedV1(ticket, "email", "cust-travel", "travel@example.com", "Ana", "en", "Invoice",
				"The invoice total is wrong", Instant.now(), "Europe/Madrid", "standard"));
		await().atMost(Duration.ofSeconds(30)).until(() -> call(clock, AGENT).statusCode() == 200);
		Thread.sleep(1_000);
		String thenLive = call(clock, AGENT).body();
		Instant then = Instant.now();
		Thread.sleep(20);
		tickets.publish(new ClarificationRequestedV1(ticket, "Which invoice?", Instant.now()));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.json.readTree(call(clock, AGENT).body()).get("awaitingCustomer").asBoolean());

		JsonNode before = this.json.readTree(thenLive);
		assertThat(before.get("ticketId").asString()).isEqualTo(ticket);
		assertThat(before.get("awaitingCustomer").asBoolean()).isFalse();
		assertThat(before.get("met")).isEmpty();
		assertThat(target(before, "first_response").get("phase").asString()).isEqualTo("running");
		HttpResponse<String> asThen = call(clock + "?asOf=" + then, OPERATOR);
		assertThat(asThen.statusCode()).as(asThen.body()).isEqualTo(200);
		assertThat(this.json.readTree(asThen.body())).isEqualTo(before);
		JsonNode now = this.json.readTree(call(clock, AGENT).body());
		assertThat(now).isNotEqualTo(before);
		assertThat(target(now, "first_response").get("phase").asString()).isEqualTo("met");
		assertThat(now.get("met")).extracting((m) -> m.get("target").asString()).containsExactly("first_response");
		assertThat(this.json.readTree(call(clock + "?asOf=" + Instant.now(), AGENT).body())).isEqualTo(now);
		assertProblem(call(clock + "?asOf=" + beforeOpening, AGENT), 404);
		assertProblem(call(clock + "?asOf=tomorrow", AGENT), 400);
		assertProblem(call("/tickets/" + UUID.randomUUID() + "/sla-clock", OPERATOR), 404);
		assertThat(call(clock, ADAPTER).statusCode()).isEqualTo(403);

		// the fact and the target it met are one commit: a page may start inside it
		List<JsonNode> events = new ArrayList<>();
		Long after = null;
		do {
			HttpResponse<String> answer = call(clock + "/events?limit=1" + ((after != null) ? "&after=" + after : ""),
					OPERATOR);
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			JsonNode page = this.json.readTree(answer.body());
			assertThat(page.get("aggregateId").asString()).isEqualTo("sla-" + ticket);
			page.get("events").forEach(events::add);
			after = page.get("next").isNull() ? null : page.get("next").asLong();
		}
		while (after != null);
		assertThat(events).extracting((e) -> e.get("type").asString())
			.containsExactly("SlaClockStarted", "SlaFactRecorded", "SlaTargetMet");
		assertThat(events).extracting((e) -> e.get("sequence").asLong()).containsExactly(0L, 1L, 2L);
		assertThat(events).extracting((e) -> e.get("globalPosition").asLong()).isSorted().doesNotHaveDuplicates();
		assertThat(events.get(2).get("globalPosition").asLong())
			.isEqualTo(events.get(1).get("globalPosition").asLong() + 1);
		assertThat(events.get(1).get("payload").get("fact").asString()).isEqualTo("QUESTION_ASKED");
		assertThat(call(clock + "/events", AGENT).statusCode()).isEqualTo(200);
		assertThat(call(clock + "/events", ADAPTER).statusCode()).isEqualTo(403);
		assertProblem(call("/tickets/" + UUID.randomUUID() + "/sla-clock/events", OPERATOR), 404);
		assertProblem(call(clock + "/events?limit=0", OPERATOR), 400);
	}

	private static JsonNode target(JsonNode clock, String name) {
		for (JsonNode t : clock.get("targets")) {
			if (t.get("target").asString().equals(name)) {
				return t;
			}
		}
		throw new AssertionError("no target " + name + " in " + clock);
	}

	private HttpResponse<String> call(String path, String key) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("X-Api-Key", key)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
