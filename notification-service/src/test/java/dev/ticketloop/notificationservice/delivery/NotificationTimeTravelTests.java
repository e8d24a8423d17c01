package dev.ticketloop.notificationservice.delivery;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.notificationservice.NotificationServiceApplication;
import dev.ticketloop.notificationservice.support.CallbackReceiver;
import dev.ticketloop.notificationservice.support.Http;
import dev.ticketloop.notificationservice.support.TicketEventsProducer;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * Issue 15: a notification as it was at an instant, computed from its events up to then
 * (a dead letter then, delivered now after an operator's retry), and its events listed
 * page by page with their global positions, pages starting inside a commit too.
 */
@IntegrationTest
// closed after the class: a context left running would consume later tests' ticket
// events and mail their customers through a port its closed SMTP server freed
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(classes = NotificationServiceApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=notification-service", "ticketloop.webhooks.allowed-hosts=127.0.0.1",
				"ticketloop.surveys.signing-secret=test-survey-signing-secret-0123456789",
				"ticketloop.security.api-keys[0].name=operator",
				"ticketloop.security.api-keys[0].key=operator-test-key-01",
				"ticketloop.security.api-keys[0].role=OPERATOR", "ticketloop.security.api-keys[1].name=chat-adapter",
				"ticketloop.security.api-keys[1].key=chat-adapter-test-key",
				"ticketloop.security.api-keys[1].role=ADAPTER", "ticketloop.security.api-keys[1].channel=chat",
				"ticketloop.security.api-keys[2].name=maria", "ticketloop.security.api-keys[2].key=agent-maria-key-01",
				"ticketloop.security.api-keys[2].role=AGENT" })
class NotificationTimeTravelTests {

	private static final String OPERATOR = "operator-test-key-01";

	private static final String CHAT = "chat-adapter-test-key";

	private static final String AGENT = "agent-maria-key-01";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static EmbeddedSmtp smtp;

	private static CallbackReceiver adapter;

	private static TicketEventsProducer tickets;

	@LocalServerPort
	int port;

	private Http http;

	private final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, NotificationServiceApplication.NAME);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.port());
	}

	@BeforeAll
	static void start() throws Exception {
		smtp = EmbeddedSmtp.start(0);
		adapter = new CallbackReceiver();
		tickets = new TicketEventsProducer();
	}

	@AfterAll
	static void stop() {
		tickets.close();
		adapter.close();
		smtp.close();
	}

	@BeforeEach
	void client() {
		this.http = new Http("http://127.0.0.1:" + this.port);
	}

	@Test
	void a_notification_as_it_was_then_is_what_it_said_then_and_its_events_are_listed() throws Exception {
		HttpResponse<String> registered = this.http.call("PUT", "/webhooks/chat",
				"{\"url\":\"" + adapter.url("/chat-travel") + "\"}", CHAT);
		assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
		// this context reads the ticket topic from its start: callbacks about earlier
		// tests' chat tickets come here too, so the refusal is for this ticket's alone
		String ticket = java.util.UUID.randomUUID().toString();
		adapter.answerWhenBodyContains(ticket, 410);
		Instant beforeRequest = Instant.now();
		Thread.sleep(20);
		tickets.openAndTriage(ticket, "chat", null, "Ana", "en", null, "Travel");
		String n = "/notifications/" + ticket + ":acknowledgement";
		await().atMost(WAIT).until(() -> "DEAD_LETTERED".equals(status(n, OPERATOR)));
		Thread.sleep(1_000);
		String thenLive = this.http.call("GET", n, null, OPERATOR).body();
		Instant then = Instant.now();
		Thread.sleep(20);
		HttpResponse<String> retried = this.http.call("POST", "/dead-letters/" + ticket + ":acknowledgement/retry",
				null, OPERATOR);
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
		await().atMost(WAIT).until(() -> "DELIVERED".equals(status(n, OPERATOR)));

		JsonNode before = json(thenLive);
		assertThat(before.get("failure").asString()).isEqualTo("permanent");
		assertThat(before.get("lastFailure").asString()).contains("410");
		assertThat(before.get("recipient").get("channel").asString()).isEqualTo("chat");
		HttpResponse<String> asThen = this.http.call("GET", n + "?asOf=" + then, null, AGENT);
		assertThat(asThen.statusCode()).as(asThen.body()).isEqualTo(200);
		assertThat(json(asThen.body())).isEqualTo(before);
		JsonNode now = json(this.http.call("GET", n, null, OPERATOR).body());
		assertThat(now.get("attempts").asInt()).isEqualTo(2);
		assertThat(now.get("retriedBy").asString()).isEqualTo("operator");
		assertThat(now.get("failure").isNull()).isTrue();
		assertThat(json(this.http.call("GET", n + "?asOf=" + Instant.now(), null, OPERATOR).body())).isEqualTo(now);
		assertProblem(this.http.call("GET", n + "?asOf=" + beforeRequest, null, OPERATOR), 404);
		assertProblem(this.http.call("GET", n + "?asOf=soon", null, OPERATOR), 400);
		assertProblem(this.http.call("GET", "/notifications/" + ticket + ":reply:none", null, OPERATOR), 404);
		assertThat(this.http.call("GET", n, null, CHAT).statusCode()).isEqualTo(403);

		// the request and its first attempt are one commit, the retry and its attempt
		// another: pages of one start inside them
		List<JsonNode> events = new ArrayList<>();
		Long after = null;
		do {
			HttpResponse<String> answer = this.http.call("GET",
					n + "/events?limit=1" + ((after != null) ? "&after=" + after : ""), null, OPERATOR);
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			JsonNode page = json(answer.body());
			page.get("events").forEach(events::add);
			after = page.get("next").isNull() ? null : page.get("next").asLong();
		}
		while (after != null);
		assertThat(events).extracting((e) -> e.get("type").asString())
			.containsExactly("NotificationRequested", "DeliveryAttempted", "DeliveryAbandoned", "DeadLetterRetried",
					"DeliveryAttempted", "NotificationDelivered");
		assertThat(events).extracting((e) -> e.get("sequence").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
		assertThat(events).extracting((e) -> e.get("globalPosition").asLong()).isSorted().doesNotHaveDuplicates();
		assertThat(events.get(1).get("globalPosition").asLong())
			.isEqualTo(events.get(0).get("globalPosition").asLong() + 1);
		assertThat(events.get(3).get("payload").get("operator").asString()).isEqualTo("operator");
		assertThat(this.http.call("GET", n + "/events", null, AGENT).statusCode()).isEqualTo(200);
		assertThat(this.http.call("GET", n + "/events", null, CHAT).statusCode()).isEqualTo(403);
		assertProblem(this.http.call("GET", "/notifications/" + ticket + ":reply:none/events", null, OPERATOR), 404);
		assertProblem(this.http.call("GET", n + "/events?limit=0", null, OPERATOR), 400);
	}

	private String status(String path, String key) {
		HttpResponse<String> answer = this.http.call("GET", path, null, key);
		return (answer.statusCode() == 200) ? json(answer.body()).get("status").asString() : null;
	}

	private JsonNode json(String body) {
		return this.json.readTree(body);
	}

}
