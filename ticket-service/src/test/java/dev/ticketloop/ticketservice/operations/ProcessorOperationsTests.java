package dev.ticketloop.ticketservice.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.testsupport.TopicRecorder;
import dev.ticketloop.ticketservice.TicketServiceApplication;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15: operators see ticket-service's event processors and replay its read models
 * over REST, with the real store and broker behind it: a replay while tickets keep
 * arriving rebuilds the views record by record and publishes nothing again; a processor
 * with side effects is never replayed; pause, resume, split and merge work.
 */
@IntegrationTest
@SpringBootTest(classes = TicketServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:test-api-keys.properties")
class ProcessorOperationsTests {

	private static final String EMAIL = "email-adapter-test-key";

	private static final String OPERATOR = "operator-test-key-01";

	private static final String AGENT = "agent-maria-key-01";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, TicketServiceApplication.NAME);
	}

	@LocalServerPort
	int port;

	@Autowired
	MongoDatabase serviceDatabase;

	@Autowired
	MongoTemplate axonMongoTemplate;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void every_processor_is_listed_with_its_segments_position_lag_and_whether_it_may_be_replayed() throws Exception {
		open("ops-list-1");
		JsonNode list = this.json.readTree(call("GET", "/operations/processors", null, OPERATOR).body());
		Map<String, JsonNode> byName = new HashMap<>();
		list.forEach((p) -> byName.put(p.get("name").asString(), p));
		assertThat(byName).containsKeys("ticket-view", "issue-view", "issue-links", "kafka-outbox", "ticket-timers");
		JsonNode view = byName.get("ticket-view");
		assertThat(view.get("replayable").asBoolean()).isTrue();
		assertThat(view.get("runningHere").asBoolean()).isTrue();
		assertThat(view.get("head").asLong()).isGreaterThanOrEqualTo(0);
		assertThat(view.get("segments")).isNotEmpty();
		assertThat(view.get("segments").get(0).has("owner")).isTrue();
		assertThat(view.get("segments").get(0).get("position").asLong()).isGreaterThanOrEqualTo(0);
		JsonNode links = byName.get("issue-links");
		assertThat(links.get("replayable").asBoolean()).isFalse();
		assertThat(links.get("notReplayableBecause").asString()).contains("side effects");
		assertThat(call("GET", "/operations/processors", null, AGENT).statusCode()).isEqualTo(403);
		assertThat(call("GET", "/operations/processors/no-such", null, OPERATOR).statusCode()).isEqualTo(404);
	}

	@Test
	void a_processor_with_side_effects_is_never_replayed() throws Exception {
		for (String name : List.of("issue-links", "issue-fanout", "ticket-timers", "kafka-outbox")) {
			HttpResponse<String> refused = call("POST", "/operations/processors/" + name + "/replay", null, OPERATOR);
			assertThat(refused.statusCode()).as(name).isEqualTo(409);
			assertThat(refused.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
			assertThat(this.json.readTree(refused.body()).get("detail").asString()).contains("never replayed",
					"side effects");
		}
	}

	@Test
	void replaying_the_views_while_tickets_arrive_rebuilds_them_and_publishes_nothing_again() throws Exception {
		try (TopicRecorder records = new TopicRecorder(Topics.TICKET_EVENTS)) {
			List<String> before = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				before.add(open("ops-replay-" + i));
			}
			String t = before.get(0);
			assertThat(call("POST", "/tickets/" + t + "/assignment", "{\"agent\":\"maria\"}", AGENT).statusCode())
				.isEqualTo(200);
			assertThat(call("POST", "/tickets/" + t + "/resolution", "{\"resolution\":\"Done\"}", AGENT).statusCode())
				.isEqualTo(200);
			awaitCaughtUp("ticket-view");
			awaitCaughtUp("issue-view");
			Map<Object, Document> views = documents("ticket_views");
			Map<Object, Document> issues = documents("issue_views");

			AtomicBoolean arriving = new AtomicBoolean(true);
			Set<String> arrived = ConcurrentHashMap.newKeySet();
			AtomicInteger failures = new AtomicInteger();
			Thread arrivals = Thread.ofPlatform().start(() -> {
				for (int i = 0; arriving.get(); i++) {
					try {
						arrived.add(open("ops-arriving-" + i, false));
						Thread.sleep(50);
					}
					catch (Exception ex) {
						failures.incrementAndGet();
					}
				}
			});
			HttpResponse<String> replay = call("POST", "/operations/processors/ticket-view/replay", null, OPERATOR);
			assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
			assertThat(call("POST", "/operations/processors/issue-view/replay", null, OPERATOR).statusCode())
				.isEqualTo(202);
			await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(replayState("ticket-view")));
			await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(replayState("issue-view")));
			arriving.set(false);
			arrivals.join();
			JsonNode done = this.json.readTree(call("GET", "/operations/processors/ticket-view", null, OPERATOR).body())
				.get("replay");
			assertThat(done.get("done").asLong()).isGreaterThan(0);
			assertThat(done.get("eventsPerSecond").asDouble()).isGreaterThan(0);
			awaitCaughtUp("ticket-view");
			awaitCaughtUp("issue-view");

			assertThat(failures.get()).as("intake during the replay").isZero();
			assertThat(arrived).as("tickets that arrived during the replay").isNotEmpty();
			Map<Object, Document> rebuilt = documents("ticket_views");
			views.forEach((id, document) -> assertThat(rebuilt.get(id)).as("ticket view " + id).isEqualTo(document));
			assertThat(rebuilt.keySet()).containsAll(arrived);
			Map<Object, Document> rebuiltIssues = documents("issue_views");
			issues.forEach(
					(id, document) -> assertThat(rebuiltIssues.get(id)).as("issue view " + id).isEqualTo(document));

			// the outbox was not replayed: every event of these tickets was published
			// once
			Set<String> ours = new java.util.HashSet<>(before);
			ours.addAll(arrived);
			Thread.sleep(2_000);
			Map<String, Long> copies = records.all()
				.stream()
				.filter((e) -> ours.contains(e.subject()))
				.collect(Collectors.groupingBy((e) -> e.id(), Collectors.counting()));
			assertThat(copies).isNotEmpty();
			assertThat(copies.values()).as("records per event id").allMatch((n) -> n == 1);
		}
	}

	@Test
	void a_paused_processor_stays_behind_until_resumed_and_segments_split_and_merge() throws Exception {
		JsonNode paused = this.json
			.readTree(call("POST", "/operations/processors/ticket-view/pause", null, OPERATOR).body());
		try {
			assertThat(paused.get("state").asString()).isEqualTo("PAUSED");
			assertThat(paused.get("runningHere").asBoolean()).isFalse();
			String ticket = open("ops-paused", false);
			Thread.sleep(2_000);
			assertThat(call("GET", "/tickets/" + ticket, null, AGENT).statusCode()).as("no view while paused")
				.isEqualTo(404);
			JsonNode behind = this.json
				.readTree(call("GET", "/operations/processors/ticket-view", null, OPERATOR).body());
			assertThat(behind.get("lagEvents").asLong()).isGreaterThan(0);
			assertThat(behind.get("lagSeconds").asLong()).isGreaterThanOrEqualTo(1);
		}
		finally {
			assertThat(call("POST", "/operations/processors/ticket-view/resume", null, OPERATOR).statusCode())
				.isEqualTo(200);
		}
		awaitCaughtUp("ticket-view");

		// a replay of a paused processor resets it and leaves it paused: it cannot end,
		// and
		// a second replay is refused until it has
		assertThat(call("POST", "/operations/processors/ticket-view/pause", null, OPERATOR).statusCode())
			.isEqualTo(200);
		JsonNode replaying = this.json
			.readTree(call("POST", "/operations/processors/ticket-view/replay", null, OPERATOR).body());
		assertThat(replaying.get("state").asString()).isEqualTo("PAUSED");
		assertThat(replaying.get("replay").get("state").asString()).isEqualTo("RUNNING");
		// its progress: nothing done yet, every event to do
		JsonNode progress = processor("ticket-view");
		assertThat(progress.get("replay").get("from").asString()).isEqualTo("the beginning");
		assertThat(progress.get("replay").get("done").asLong()).isZero();
		assertThat(progress.get("replay").get("toDo").asLong()).isEqualTo(progress.get("head").asLong() + 1);
		assertThat(progress.get("replay").get("eventsPerSecond").isNull()).isTrue();
		assertThat(progress.get("segments").findValues("position")).as("nothing handled yet")
			.allMatch(JsonNode::isNull);
		HttpResponse<String> second = call("POST", "/operations/processors/ticket-view/replay", null, OPERATOR);
		assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
		assertThat(this.json.readTree(second.body()).get("detail").asString()).contains("replaying already");
		assertThat(call("POST", "/operations/processors/ticket-view/pause", null, OPERATOR).statusCode())
			.as("pausing a replay")
			.isEqualTo(409);
		assertThat(call("POST", "/operations/processors/ticket-view/resume", null, OPERATOR).statusCode())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(replayState("ticket-view")));
		awaitCaughtUp("ticket-view");

		int segments = processor("ticket-view").get("segments").size();
		HttpResponse<String> split = call("POST", "/operations/processors/ticket-view/segments/0/split", null,
				OPERATOR);
		assertThat(split.statusCode()).as(split.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> processor("ticket-view").get("segments").size() == segments + 1);
		HttpResponse<String> merge = call("POST", "/operations/processors/ticket-view/segments/0/merge", null,
				OPERATOR);
		assertThat(merge.statusCode()).as(merge.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> processor("ticket-view").get("segments").size() == segments);
		String after = open("ops-after-merge");
		assertThat(call("GET", "/tickets/" + after, null, AGENT).statusCode()).isEqualTo(200);
	}

	@Test
	void a_view_is_replayed_from_its_first_event_only_and_a_start_must_be_one_and_within_the_store() throws Exception {
		open("ops-start-1");
		Thread.sleep(20);
		java.time.Instant between = java.time.Instant.now();
		Thread.sleep(20);
		open("ops-start-2");
		JsonNode view = processor("ticket-view");
		assertThat(view.get("replayableFromPosition").asBoolean()).isFalse();
		assertThat(view.get("fromBeginningOnlyBecause").asString()).contains("TicketViewProjection.reset",
				"clears the read model on any replay");
		long head = view.get("head").asLong();

		for (String later : List.of("{\"fromPosition\":1}", "{\"fromTime\":\"" + between + "\"}")) {
			HttpResponse<String> refused = call("POST", "/operations/processors/ticket-view/replay", later, OPERATOR);
			assertThat(refused.statusCode()).as(later).isEqualTo(409);
			assertThat(refused.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
			assertThat(this.json.readTree(refused.body()).get("detail").asString())
				.contains("replayed from the beginning only");
		}
		assertThat(call("POST", "/operations/processors/issue-links/replay", "{\"fromPosition\":1}", OPERATOR)
			.statusCode()).as("side effects, from any start").isEqualTo(409);

		Map<String, String> invalid = Map.of("{\"fromPosition\":1,\"fromTime\":\"" + between + "\"}", "fromPosition",
				"{\"fromPosition\":-1}", "fromPosition", "{\"fromPosition\":" + (head + 5) + "}", "fromPosition",
				"{\"fromTime\":\"2999-01-01T00:00:00Z\"}", "fromTime");
		for (Map.Entry<String, String> body : invalid.entrySet()) {
			HttpResponse<String> answer = call("POST", "/operations/processors/ticket-view/replay", body.getKey(),
					OPERATOR);
			assertThat(answer.statusCode()).as(body.getKey()).isEqualTo(400);
			assertThat(answer.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
			assertThat(this.json.readTree(answer.body()).get("errors").get(0).get("field").asString())
				.isEqualTo(body.getValue());
		}
		assertThat(call("POST", "/operations/processors/ticket-view/replay", "{\"fromPosition\":\"x\"}", OPERATOR)
			.statusCode()).isEqualTo(400);
		assertThat(replayState("ticket-view")).as("nothing started").isNotIn("STARTING", "RUNNING");

		// a time before the first event is the beginning
		HttpResponse<String> fromOld = call("POST", "/operations/processors/ticket-view/replay",
				"{\"fromTime\":\"2000-01-01T00:00:00Z\"}", OPERATOR);
		assertThat(fromOld.statusCode()).as(fromOld.body()).isEqualTo(202);
		assertThat(this.json.readTree(fromOld.body()).get("replay").get("from").asString())
			.isEqualTo("2000-01-01T00:00:00Z (the beginning)");
		await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(replayState("ticket-view")));
		awaitCaughtUp("ticket-view");
	}

	@Test
	void a_replay_from_the_beginning_resets_a_segment_that_stored_no_position_yet() throws Exception {
		open("ops-no-position");
		awaitCaughtUp("issue-view");
		assertThat(call("POST", "/operations/processors/issue-view/pause", null, OPERATOR).statusCode()).isEqualTo(200);
		// as after a start on an empty store, before the segment stored a position
		this.axonMongoTemplate.trackingTokensCollection()
			.updateOne(Filters.and(Filters.eq("processorName", "issue-view"), Filters.eq("segment", 3)),
					Updates.combine(Updates.set("token", null), Updates.set("tokenType", null)));
		HttpResponse<String> replay = call("POST", "/operations/processors/issue-view/replay", null, OPERATOR);
		assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
		assertThat(call("POST", "/operations/processors/issue-view/resume", null, OPERATOR).statusCode())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(replayState("issue-view")));
		awaitCaughtUp("issue-view");
	}

	private String replayState(String name) throws Exception {
		JsonNode replay = processor(name).get("replay");
		return (replay == null || replay.isNull()) ? null : replay.get("state").asString();
	}

	private void awaitCaughtUp(String name) {
		await().atMost(Duration.ofSeconds(30)).until(() -> processor(name).get("lagEvents").asLong() == 0);
	}

	private JsonNode processor(String name) throws Exception {
		return this.json.readTree(call("GET", "/operations/processors/" + name, null, OPERATOR).body());
	}

	private Map<Object, Document> documents(String collection) {
		Map<Object, Document> found = new HashMap<>();
		for (Document document : this.serviceDatabase.getCollection(collection).find()) {
			found.put(document.get("_id"), document);
		}
		return found;
	}

	private String open(String customer) throws Exception {
		return open(customer, true);
	}

	private String open(String customer, boolean awaitView) throws Exception {
		HttpResponse<String> response = call("POST", "/tickets", """
				{"channel":"email","customerRef":"%s","contact":{"email":"ops@example.com"},
				 "locale":"en","subject":"Replay","body":"Rebuild the views"}""".formatted(customer), EMAIL);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		String id = this.json.readTree(response.body()).get("ticketId").asString();
		if (awaitView) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> call("GET", "/tickets/" + id, null, AGENT).statusCode() == 200);
		}
		return id;
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
