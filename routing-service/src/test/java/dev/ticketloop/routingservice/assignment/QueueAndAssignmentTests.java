package dev.ticketloop.routingservice.assignment;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.routing.AssignmentDecidedV1;
import dev.ticketloop.contracts.routing.SuggestionMadeV1;
import dev.ticketloop.contracts.ticket.TicketAssignedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.routingservice.RoutingServiceApplication;
import dev.ticketloop.testsupport.ApiClient;
import dev.ticketloop.testsupport.CloudEventsProducer;
import dev.ticketloop.testsupport.ErrorBodies;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.MutableClock;
import dev.ticketloop.testsupport.ServerSentEvents;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.ticketloop.routingservice.sla.SlaPolicyFixtures.madrid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live queue and the dispatcher over real HTTP and the real broker: a team's queue is
 * ordered by time to breach with colour bands moving as working time passes, pushed to a
 * subscriber as server-sent events; waiting tickets go to the fitting agent with the
 * least load, in the customer's language; an agent going away hands their tickets on; a
 * repetitive question is answered by its template.
 */
@IntegrationTest
@Import(QueueAndAssignmentTests.ControlledClock.class)
// its clock is its own: closed afterwards, so it does not act on other tests' tickets
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(classes = RoutingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=routing-service", "ticketloop.assignment.enabled=false",
				"ticketloop.queues.push-interval=200ms", "ticketloop.queues.max-streams-per-key=1",
				"ticketloop.security.api-keys[0].name=operator",
				"ticketloop.security.api-keys[0].key=operator-test-key-01",
				"ticketloop.security.api-keys[0].role=OPERATOR", "ticketloop.security.api-keys[1].name=maria",
				"ticketloop.security.api-keys[1].key=agent-maria-key-01", "ticketloop.security.api-keys[1].role=AGENT",
				"ticketloop.security.api-keys[2].name=li", "ticketloop.security.api-keys[2].key=agent-li-key-0001",
				"ticketloop.security.api-keys[2].role=AGENT",
				// a queue of this test's own (tickets of other tests on the broker go
				// elsewhere)
				"ticketloop.classification.categories[0].name=qa-only",
				"ticketloop.classification.categories[0].keywords[0]=zq7x",
				"ticketloop.classification.categories[1].name=billing",
				"ticketloop.classification.categories[1].keywords[0]=factura",
				"ticketloop.classification.categories[1].keywords[1]=reembolso",
				"ticketloop.classification.categories[1].tags[0]=money",
				"ticketloop.classification.teams.qa[0]=qa-only", "ticketloop.classification.teams.billing[0]=billing" })
class QueueAndAssignmentTests {

	private static final String OPERATOR = "operator-test-key-01";

	private static final String MARIA = "agent-maria-key-01";

	private static final String LI = "agent-li-key-0001";

	/**
	 * Monday morning in Madrid; the tests run in order, each on a later day (time never
	 * goes back for the service).
	 */
	static final MutableClock CLOCK = MutableClock.at(madrid("2026-11-30T10:00"));

	private static CloudEventsProducer tickets;

	private static TopicRecorder decisions;

	@LocalServerPort
	int port;

	@Autowired
	Dispatcher dispatcher;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, RoutingServiceApplication.NAME);
	}

	@BeforeAll
	static void start() {
		tickets = new CloudEventsProducer("/ticketloop/ticket-service");
		decisions = new TopicRecorder(Topics.ROUTING_DECISIONS);
	}

	@AfterAll
	static void stop() throws Exception {
		decisions.close();
		tickets.close();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ControlledClock {

		@Bean
		java.time.Clock clock() {
			return CLOCK;
		}

	}

	@Test
	@Order(1)
	void the_queue_is_ordered_by_time_to_breach_and_its_bands_follow_working_time_and_agents_get_tickets_in_their_language()
			throws Exception {
		CLOCK.set(madrid("2026-11-30T10:00"));
		Instant opened = CLOCK.instant();
		// standard (1 business day), vip (30 min), chat (15 min); Spanish, Chinese,
		// English
		String standard = open(null, "email", "es", "No puedo exportar el informe",
				"El botón no hace nada desde ayer por la tarde, lo he probado varias veces. zq7x", opened);
		String vip = open("vip", "email", "zh", "报告无法导出", "从昨天下午开始，导出按钮没有任何反应。 zq7x", opened);
		String chat = open(null, "chat", "en", "The dashboard is slow",
				"Since this morning the dashboard takes a long time to load for everyone. zq7x", opened);
		// an item is in the queue a moment before its clock's target is (band no-target)
		JsonNode queue = awaitBands("qa", List.of(chat, vip, standard), List.of("on-track", "on-track", "on-track"));
		assertThat(bands(queue)).containsExactly("on-track", "on-track", "on-track");
		assertThat(queue.get("items").get(1).get("language").asString()).isEqualTo("zh");
		assertThat(queue.get("items").get(1).get("category").asString()).isEqualTo("qa-only");

		// 20 working minutes later: chat breached, vip at a third of its target left
		CLOCK.set(opened.plus(Duration.ofMinutes(20)));
		queue = awaitBands("qa", List.of(chat, vip, standard), List.of("breached", "at-risk", "on-track"));
		assertThat(queue.get("items").get(0).get("colour").asString()).isEqualTo("red");
		assertThat(queue.get("items").get(1).get("colour").asString()).isEqualTo("yellow");
		assertThat(queue.get("items").get(1).get("shareLeft").asDouble()).isBetween(0.32, 0.34);

		// agents: Maria speaks es/en and holds one ticket at most, Li zh/en and two
		agent("maria", "[\"es\",\"en\"]", 1);
		agent("li", "[\"zh\",\"en\"]", 2);
		available("maria", MARIA, true);
		available("li", LI, true);
		assertThat(this.dispatcher.dispatch()).isEqualTo(3);

		await().atMost(Duration.ofSeconds(20))
			.until(() -> !decisions.of(AssignmentDecidedV1.class, chat).isEmpty()
					&& !decisions.of(AssignmentDecidedV1.class, vip).isEmpty()
					&& !decisions.of(AssignmentDecidedV1.class, standard).isEmpty());
		// most urgent first, each to the least loaded agent who speaks the customer's
		// language
		// (equally loaded: the one waiting longest, then by name)
		assertThat(decisions.of(AssignmentDecidedV1.class, chat).get(0).agent()).isEqualTo("li");
		assertThat(decisions.of(AssignmentDecidedV1.class, vip).get(0).agent()).as("the Chinese customer")
			.isEqualTo("li");
		assertThat(decisions.of(AssignmentDecidedV1.class, standard).get(0).agent()).as("the Spanish customer")
			.isEqualTo("maria");

		// Maria goes away: nobody else speaks Spanish, so her ticket goes back to the
		// queue
		// (the dispatcher works from the queue's read model: wait until it shows the
		// assignment)
		await().atMost(Duration.ofSeconds(20)).until(() -> "maria".equals(assigneeOf(queue("qa", "all"), standard)));
		available("maria", MARIA, false);
		this.dispatcher.dispatch();
		await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(queue("qa", "all"), standard).equals("waiting"));
		// when she is back, it is hers again
		available("maria", MARIA, true);
		this.dispatcher.dispatch();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> decisions.of(AssignmentDecidedV1.class, standard).size() == 2);
		assertThat(decisions.of(AssignmentDecidedV1.class, standard).get(1).agent()).isEqualTo("maria");
		// a ticket an agent took by hand in ticket-service counts for their load too
		tickets.publish(new TicketAssignedV1(chat, "maria", CLOCK.instant()));
		await().atMost(Duration.ofSeconds(20)).until(() -> "maria".equals(assigneeOf(queue("qa", "all"), chat)));

		JsonNode agents = this.json.readTree(call("GET", "/agents", null, OPERATOR).body());
		java.util.Map<String, Integer> load = new java.util.HashMap<>();
		agents.forEach((a) -> load.put(a.get("id").asString(), a.get("load").asInt()));
		assertThat(load).containsEntry("maria", 2).containsEntry("li", 1);
	}

	@Test
	@Order(2)
	void a_subscriber_gets_the_queue_at_once_and_again_when_it_changes() throws Exception {
		CLOCK.set(madrid("2026-12-01T10:00"));
		HttpRequest request = HttpRequest.newBuilder(uri("/queues/billing/stream?status=all"))
			.header("X-Api-Key", MARIA)
			.GET()
			.build();
		HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("text/event-stream"));
		try (ServerSentEvents events = ServerSentEvents.of(response)) {
			JsonNode first = events.next(Duration.ofSeconds(20));
			assertThat(first).isNotNull();
			assertThat(first.get("team").asString()).isEqualTo("billing");
			// one stream per key in this test: a second one is refused while the first is
			// open
			HttpResponse<String> second = this.http.send(
					HttpRequest.newBuilder(uri("/queues/billing/stream")).header("X-Api-Key", MARIA).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(second.statusCode()).isEqualTo(429);
			assertThat(second.headers().firstValue("content-type"))
				.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));
			assertThat(this.json.readTree(second.body()).get("detail").asString()).contains("1 queue stream(s) open");

			String invoice = open(null, "email", "es", "Factura duplicada",
					"Me cobraron dos veces la factura de noviembre, ¿pueden hacer el reembolso?", CLOCK.instant());
			JsonNode next = null;
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (System.nanoTime() < deadline) {
				JsonNode event = events.next(Duration.ofSeconds(1));
				if (event != null && event.get("items")
					.findValues("ticketId")
					.stream()
					.anyMatch((t) -> t.asString().equals(invoice))) {
					next = event;
					break;
				}
			}
			assertThat(next).as("a queue event with the new ticket").isNotNull();
			JsonNode item = next.get("items")
				.findParents("ticketId")
				.stream()
				.filter((i) -> i.get("ticketId").asString().equals(invoice))
				.findFirst()
				.orElseThrow();
			assertThat(item.get("category").asString()).isEqualTo("billing");
			assertThat(item.get("tags").valueStream().map(JsonNode::asString).toList()).contains("billing", "money");
		}
	}

	@Test
	@Order(3)
	void a_repetitive_question_is_answered_by_its_template_and_a_vague_one_only_gets_suggestions() throws Exception {
		CLOCK.set(madrid("2026-12-02T10:00"));
		String password = open(null, "email", "es", "Olvidé mi contraseña",
				"Olvidé mi contraseña, ¿cómo restablezco mi contraseña? No puedo iniciar sesión.", CLOCK.instant());
		String vague = open(null, "email", "en", "A question",
				"I have a question about my account, can someone help me?", CLOCK.instant());

		await().atMost(Duration.ofSeconds(20)).until(() -> !decisions.of(SuggestionMadeV1.class, password).isEmpty());
		SuggestionMadeV1 answer = decisions.of(SuggestionMadeV1.class, password).get(0);
		assertThat(answer.kind()).isEqualTo("template");
		assertThat(answer.ref()).isEqualTo("reset-password");
		assertThat(answer.action()).isEqualTo("answer");
		assertThat(answer.answer()).startsWith("En la página de inicio de sesión");

		await().atMost(Duration.ofSeconds(20))
			.until(() -> call("GET", "/tickets/" + vague + "/suggestions", null, MARIA).statusCode() == 200);
		JsonNode suggestions = this.json
			.readTree(call("GET", "/tickets/" + vague + "/suggestions", null, MARIA).body());
		assertThat(suggestions.get("suggestions").findValuesAsString("action")).doesNotContain("answer", "link");
		assertThat(call("GET", "/tickets/" + UUID.randomUUID() + "/suggestions", null, MARIA).statusCode())
			.isEqualTo(404);
		// the queue shows the best of them and how many there are
		JsonNode item = queue("support", "all").get("items")
			.valueStream()
			.filter((i) -> i.get("ticketId").asString().equals(vague))
			.findFirst()
			.orElseThrow();
		JsonNode ranked = suggestions.get("suggestions");
		assertThat(item.get("suggestions").asInt()).isEqualTo(ranked.size());
		if (ranked.isEmpty()) {
			assertThat(item.get("suggestion").isNull()).isTrue();
		}
		else {
			assertThat(item.get("suggestion").get("ref").asString()).isEqualTo(ranked.get(0).get("ref").asString());
			assertThat(item.get("suggestion").get("score").asDouble()).isEqualTo(ranked.get(0).get("score").asDouble());
		}
	}

	@Test
	@Order(4)
	void agents_are_managed_by_operators_and_set_their_own_availability_only() throws Exception {
		assertThat(call("PUT", "/agents/zoe", "{\"name\":\"Zoe\",\"capacity\":3}", MARIA).statusCode()).isEqualTo(403);
		assertThat(call("PUT", "/agents/zoe", "{\"name\":\"Zoe\",\"capacity\":-1}", OPERATOR).statusCode())
			.isEqualTo(400);
		assertThat(call("PUT", "/agents/zoe", "{\"name\":\"Zoe\",\"capacity\":3,\"languages\":[\"DE\"]}", OPERATOR)
			.statusCode()).isEqualTo(200);
		assertThat(call("PUT", "/agents/zoe/availability", "{\"available\":true}", MARIA).statusCode()).isEqualTo(403);
		assertThat(call("PUT", "/agents/nobody/availability", "{\"available\":true}", OPERATOR).statusCode())
			.isEqualTo(404);
		assertThat(call("GET", "/queues", null, null).statusCode()).isEqualTo(401);
		assertThat(call("GET", "/queues/support?status=sideways", null, MARIA).statusCode()).isEqualTo(400);
	}

	private String open(String tier, String channel, String locale, String subject, String body, Instant at) {
		String ticket = UUID.randomUUID().toString();
		tickets.publish(new TicketOpenedV1(ticket, channel, "cust-1", null, "Ana", locale, subject, body, at,
				"Europe/Madrid", tier));
		return ticket;
	}

	private void agent(String id, String languages, int capacity) throws Exception {
		HttpResponse<String> response = call("PUT", "/agents/" + id, "{\"name\":\"" + id
				+ "\",\"teams\":[\"qa\"],\"languages\":" + languages + ",\"capacity\":" + capacity + "}", OPERATOR);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private void available(String id, String key, boolean available) throws Exception {
		HttpResponse<String> response = call("PUT", "/agents/" + id + "/availability",
				"{\"available\":" + available + "}", key);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private JsonNode awaitBands(String team, List<String> order, List<String> bands) {
		JsonNode[] queue = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			queue[0] = queue(team, "waiting");
			List<String> ids = ids(queue[0]);
			assertThat(ids.stream().filter(order::contains).toList()).containsExactlyElementsOf(order);
			assertThat(order.stream().map((t) -> band(queue[0], t)).toList()).containsExactlyElementsOf(bands);
		});
		return onlyThese(queue[0], order);
	}

	private JsonNode onlyThese(JsonNode queue, List<String> tickets) {
		var items = this.json.createArrayNode();
		queue.get("items").forEach((i) -> {
			if (tickets.contains(i.get("ticketId").asString())) {
				items.add(i);
			}
		});
		return this.json.createObjectNode().set("items", items);
	}

	private JsonNode queue(String team, String status) throws Exception {
		HttpResponse<String> response = call("GET", "/queues/" + team + "?status=" + status + "&limit=500", null,
				MARIA);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private static List<String> ids(JsonNode queue) {
		return queue.get("items").findValuesAsString("ticketId");
	}

	private static List<String> bands(JsonNode queue) {
		return queue.get("items").findValuesAsString("band");
	}

	private static String band(JsonNode queue, String ticket) {
		for (JsonNode item : queue.get("items")) {
			if (item.get("ticketId").asString().equals(ticket)) {
				return item.get("band").asString();
			}
		}
		return null;
	}

	private String assigneeOf(JsonNode queue, String ticket) {
		for (JsonNode item : queue.get("items")) {
			if (item.get("ticketId").asString().equals(ticket)) {
				return item.get("assignee").asString();
			}
		}
		return null;
	}

	private String statusOf(JsonNode queue, String ticket) {
		for (JsonNode item : queue.get("items")) {
			if (item.get("ticketId").asString().equals(ticket)) {
				return item.get("status").asString();
			}
		}
		return "absent";
	}

	private HttpResponse<String> call(String method, String path, String body, String key) throws Exception {
		return new ApiClient(this.http, "http://127.0.0.1:" + this.port).send(method, path, body, key);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/**
	 * Issue 20: a stream the client closed frees its slot at once (one stream per key in
	 * this test), and cutting a stream logs no error.
	 */
	@Test
	@Order(5)
	@ExtendWith(OutputCaptureExtension.class)
	void a_stream_the_client_closed_frees_its_slot_and_logs_nothing(CapturedOutput output) throws Exception {
		for (int round = 0; round < 3; round++) {
			HttpResponse<InputStream> stream = this.http.send(
					HttpRequest.newBuilder(uri("/queues/export/stream")).header("X-Api-Key", OPERATOR).GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
			assertThat(stream.statusCode()).as("stream %d", round).isEqualTo(200);
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null && !line.startsWith("data:")) {
					// up to the queue sent at once
				}
			}
		}
		Thread.sleep(1_000);
		assertThat(output.getAll().lines().filter((line) -> line.contains(" ERROR ") || line.startsWith("\tat ")))
			.as("errors logged")
			.isEmpty();
	}

	/**
	 * Issue 15: while the queue's read model is replayed the dispatcher hands nothing out
	 * (partly rebuilt, it would show assigned tickets as waiting); once the replay is
	 * done it does again. The replay starts at the newest event and the processor is
	 * paused, so the replay stays under way, and the queue, which a later start leaves as
	 * it is, still shows the ticket waiting for the dispatcher to see.
	 */
	@Test
	@Order(6)
	void the_dispatcher_waits_while_the_queue_is_replayed_from_a_later_event_which_keeps_the_queue() throws Exception {
		CLOCK.set(madrid("2026-12-03T10:00"));
		// in Portuguese, which only João speaks
		String ticket = open(null, "email", "pt", "O relatório não exporta",
				"Desde ontem o relatório não exporta, o botão não faz nada quando clico nele. zq7x", CLOCK.instant());
		await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(queue("qa", "all"), ticket).equals("waiting"));
		agent("joao", "[\"pt\"]", 5);
		available("joao", OPERATOR, true);
		await().atMost(Duration.ofSeconds(20)).until(() -> processor("queue").get("lagEvents").asLong() == 0);
		JsonNode queue = processor("queue");
		assertThat(queue.get("replayableFromPosition").asBoolean()).isTrue();
		long head = queue.get("head").asLong();

		assertThat(call("POST", "/operations/processors/queue/pause", null, OPERATOR).statusCode()).isEqualTo(200);
		// a start the paused processor has not reached: it would skip the events between
		open(null, "email", "pt", "Outra pergunta", "Também não consigo imprimir a fatura. zq7x", CLOCK.instant());
		await().atMost(Duration.ofSeconds(20)).until(() -> processor("queue").get("head").asLong() > head + 1);
		long later = processor("queue").get("head").asLong();
		HttpResponse<String> unreached = call("POST", "/operations/processors/queue/replay",
				"{\"fromPosition\":" + later + "}", OPERATOR);
		assertThat(unreached.statusCode()).as(unreached.body()).isEqualTo(409);
		assertThat(this.json.readTree(unreached.body()).get("detail").asString()).contains("has not handled");

		HttpResponse<String> replay = call("POST", "/operations/processors/queue/replay",
				"{\"fromPosition\":" + head + "}", OPERATOR);
		assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
		JsonNode progress = processor("queue").get("replay");
		assertThat(progress.get("state").asString()).isEqualTo("RUNNING");
		assertThat(progress.get("from").asString()).isEqualTo("position " + head);
		assertThat(progress.get("done").asLong()).isZero();
		assertThat(progress.get("toDo").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(statusOf(queue("qa", "all"), ticket)).as("kept by a replay from a later event").isEqualTo("waiting");

		assertThat(this.dispatcher.dispatch()).as("tickets handed out during the replay").isZero();
		Thread.sleep(1_000);
		assertThat(decisions.of(AssignmentDecidedV1.class, ticket)).isEmpty();

		assertThat(call("POST", "/operations/processors/queue/resume", null, OPERATOR).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "DONE".equals(processor("queue").get("replay").get("state").asString()));
		this.dispatcher.dispatch();
		await().atMost(Duration.ofSeconds(20)).until(() -> !decisions.of(AssignmentDecidedV1.class, ticket).isEmpty());
		assertThat(decisions.of(AssignmentDecidedV1.class, ticket).get(0).agent()).isEqualTo("joao");
	}

	private JsonNode processor(String name) throws Exception {
		HttpResponse<String> response = call("GET", "/operations/processors/" + name, null, OPERATOR);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	/** Issue 20: every error of routing-service is problem+json with the right status. */
	@Test
	void every_error_is_a_problem_with_the_right_status() {
		ErrorBodies errors = new ErrorBodies(this.port).expect("GET", "/queues/%00", MARIA, 400, false)
			.expect("GET", "/queues?team[$ne]=x", MARIA, 400, false)
			.expect("GET", "/queues/..%2Fagents", MARIA, 400, false)
			.expect("GET", "/no-such-thing", MARIA, 404, true)
			.expect("DELETE", "/queues", MARIA, 405, true)
			.expect("GET", "/queues/billing?limit=many", MARIA, 400, true)
			.expect("GET", "/queues", null, 401, true)
			.expect("GET", "/queues", "not-a-key-of-anyone", 401, true)
			.expect("PUT", "/agents/maria", MARIA, 403, true);
		assertThat(errors.failures()).isEmpty();
	}

}
