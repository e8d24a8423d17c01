package dev.ticketloop.ticketservice.view;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.testsupport.TopicRecorder;
import dev.ticketloop.ticketservice.TicketServiceApplication;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
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
 * Issue 15, items 3, 4 and 7: the event store exported as JSON lines by time range and
 * aggregate type; the published language republished for a time range onto a replay topic
 * with the same CloudEvents ids as the outbox sent, refused while one runs; topic
 * retention set where topics are created; and every operator's action in the audit.
 */
@IntegrationTest
@SpringBootTest(classes = TicketServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// an export is written on the request's thread: no asynchronous-request timeout may cut
// it
@TestPropertySource(locations = "classpath:test-api-keys.properties",
		properties = "spring.mvc.async.request-timeout=1ms")
class HistoryToolsTests {

	private static final String EMAIL = "email-adapter-test-key";

	private static final String AGENT = "agent-maria-key-01";

	private static final String OPERATOR = "operator-test-key-01";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, TicketServiceApplication.NAME);
	}

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void export_republish_and_audit() throws Exception {
		try (TopicRecorder published = new TopicRecorder(Topics.TICKET_EVENTS)) {
			String before = open("before");
			Thread.sleep(50);
			Instant from = Instant.now();
			Thread.sleep(50);
			List<String> inRange = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				inRange.add(open("in-" + i));
			}
			Thread.sleep(50);
			Instant to = Instant.now();
			Thread.sleep(50);
			String after = open("after");

			// export: the range, the type, every line a stored event in order of position
			HttpResponse<String> export = call("GET",
					"/operations/events?aggregateType=Ticket&from=" + from + "&to=" + to, null, OPERATOR);
			assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
			assertThat(export.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/x-ndjson"));
			List<JsonNode> lines = export.body().lines().map(this.json::readTree).toList();
			assertThat(lines).extracting((l) -> l.get("aggregateId").asString())
				.containsExactlyInAnyOrderElementsOf(inRange);
			assertThat(lines).allSatisfy((l) -> {
				assertThat(l.get("aggregateType").asString()).isEqualTo("Ticket");
				assertThat(l.get("type").asString()).endsWith("TicketOpened");
				assertThat(l.get("sequence").asLong()).isZero();
				assertThat(l.get("payload").get("subject").asString()).startsWith("History in-");
				Instant at = Instant.parse(l.get("timestamp").asString());
				assertThat(at).isBetween(from, to);
			});
			assertThat(lines).extracting((l) -> l.get("position").asLong()).isSorted().doesNotHaveDuplicates();
			String all = call("GET", "/operations/events", null, OPERATOR).body();
			assertThat(all).contains(before, after);
			assertThat(call("GET", "/operations/events?aggregateType=NoSuchType", null, OPERATOR).body()).isEmpty();
			assertThat(call("GET", "/operations/events", null, AGENT).statusCode()).isEqualTo(403);
			assertProblem(call("GET", "/operations/events?from=" + to + "&to=" + from, null, OPERATOR), 400);
			assertProblem(call("GET", "/operations/events?from=yesterday", null, OPERATOR), 400);

			// republish onto a replay topic: the same ids the outbox published, nothing
			// else
			await().atMost(Duration.ofSeconds(20))
				.until(() -> inRange.stream().allMatch((t) -> !ofTicket(published, t).isEmpty()));
			Set<String> publishedInRange = inRange.stream()
				.flatMap((t) -> ofTicket(published, t).stream())
				.filter((e) -> !e.time().isBefore(from) && e.time().isBefore(to))
				.map(CloudEvent::id)
				.collect(Collectors.toSet());
			String name = "history-" + UUID.randomUUID().toString().substring(0, 8);
			try (TopicRecorder replayed = new TopicRecorder("ticketloop.replay." + name)) {
				HttpResponse<String> started = call("POST", "/operations/republish", """
						{"from":"%s","to":"%s","replayTopic":"%s","rate":4}""".formatted(from, to, name), OPERATOR);
				assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
				String job = this.json.readTree(started.body()).get("id").asString();
				HttpResponse<String> second = call("POST", "/operations/republish",
						"{\"from\":\"%s\",\"to\":\"%s\"}".formatted(from, to), OPERATOR);
				assertProblem(second, 409);
				assertThat(this.json.readTree(second.body()).get("runningJob").asString()).isEqualTo(job);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> "DONE"
						.equals(this.json.readTree(call("GET", "/operations/jobs/" + job, null, OPERATOR).body())
							.get("state")
							.asString()));
				await().atMost(Duration.ofSeconds(10)).until(() -> replayed.all().size() >= publishedInRange.size());
				Thread.sleep(500);
				assertThat(replayed.all()).extracting(CloudEvent::id)
					.containsExactlyInAnyOrderElementsOf(publishedInRange);
				JsonNode done = this.json.readTree(call("GET", "/operations/jobs/" + job, null, OPERATOR).body());
				assertThat(done.get("counters").get("published").asLong()).isEqualTo(publishedInRange.size());
				assertThat(done.get("submittedBy").asString()).isEqualTo("operator");
				assertThat(done.get("progress").get("toDo").asLong()).isZero();
				assertThat(retention("ticketloop.replay." + name)).isEqualTo(Duration.ofDays(7).toMillis());
				assertThat(retention(Topics.TICKET_EVENTS)).isEqualTo(Duration.ofDays(30).toMillis());
			}
			assertProblem(call("POST", "/operations/republish", "{\"from\":\"" + to + "\",\"to\":\"" + from + "\"}",
					OPERATOR), 400);
			assertProblem(call("POST", "/operations/republish",
					"{\"from\":\"" + from + "\",\"replayTopic\":\"Not A Name\"}", OPERATOR), 400);
			assertProblem(call("POST", "/operations/jobs/no-such-job/cancel", null, OPERATOR), 404);
			assertThat(call("POST", "/operations/republish", "{\"from\":\"" + from + "\"}", AGENT).statusCode())
				.isEqualTo(403);

			// time travel is in the audit too
			call("GET", "/tickets/" + inRange.get(0) + "?asOf=" + to, null, AGENT);
			JsonNode audit = this.json.readTree(call("GET", "/operations/audit?limit=50", null, OPERATOR).body());
			List<Map<String, String>> actions = new ArrayList<>();
			audit.get("actions")
				.forEach((a) -> actions.add(Map.of("action", a.get("action").asString(), "who", a.get("who").asString(),
						"status", a.get("status").asString())));
			assertThat(actions).contains(Map.of("action", "export", "who", "operator", "status", "200"),
					Map.of("action", "republish", "who", "operator", "status", "202"),
					Map.of("action", "republish", "who", "operator", "status", "409"),
					Map.of("action", "time-travel", "who", "maria", "status", "200"));
			assertThat(actions).noneMatch((a) -> a.get("who").equals("email-adapter"));
			assertThat(call("GET", "/operations/audit", null, AGENT).statusCode()).isEqualTo(403);
			Set<String> ids = new HashSet<>();
			audit.get("actions").forEach((a) -> ids.add(a.get("id").asString()));
			assertThat(ids).hasSize(audit.get("actions").size());
		}
	}

	private static List<CloudEvent> ofTicket(TopicRecorder recorder, String ticketId) {
		return recorder.all().stream().filter((e) -> ticketId.equals(e.subject())).toList();
	}

	private long retention(String topic) throws Exception {
		try (Admin admin = Admin.create(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()))) {
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
			return Long.parseLong(admin.describeConfigs(List.of(resource))
				.all()
				.get()
				.get(resource)
				.get(TopicConfig.RETENTION_MS_CONFIG)
				.value());
		}
	}

	private String open(String name) throws Exception {
		HttpResponse<String> opened = call("POST", "/tickets", """
				{"channel":"email","customerRef":"history-%s","contact":{"email":"history@example.com"},
				 "locale":"en","subject":"History %s","body":"Then and now"}""".formatted(name, name), EMAIL);
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
		return this.json.readTree(opened.body()).get("ticketId").asString();
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
