package dev.ticketloop.routingservice.template;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketReopenedV1;
import dev.ticketloop.contracts.ticket.TicketResolvedV1;
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
 * Issue 16 end to end on routing-service, with the real broker and store: an agent
 * proposes a template over REST and a lead approves it; a matching ticket is then
 * answered with it in the customer's language; the customers who reopen after its
 * automatic answers push it under its target precision, it suspends itself (visible to
 * leads), and the next matching ticket gets it as a suggestion, held back. Roles,
 * validation and conflicts are problem details.
 */
@IntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(classes = RoutingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=routing-service", "ticketloop.assignment.enabled=false",
				"ticketloop.templates.min-outcomes=3", "ticketloop.templates.outcome-window=5",
				"ticketloop.security.api-keys[0].name=lena", "ticketloop.security.api-keys[0].key=lead-lena-key-0001",
				"ticketloop.security.api-keys[0].role=LEAD", "ticketloop.security.api-keys[1].name=maria",
				"ticketloop.security.api-keys[1].key=agent-maria-key-01", "ticketloop.security.api-keys[1].role=AGENT",
				"ticketloop.security.api-keys[2].name=operator",
				"ticketloop.security.api-keys[2].key=operator-test-key-01",
				"ticketloop.security.api-keys[2].role=OPERATOR" })
class TemplateLibraryTests {

	private static final String LEAD = "lead-lena-key-0001";

	private static final String AGENT = "agent-maria-key-01";

	private static final String OPERATOR = "operator-test-key-01";

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
	void a_template_proposed_and_approved_answers_its_question_until_its_customers_say_it_does_not_help()
			throws Exception {
		String id = "invoice-currency-" + Long.toString(System.nanoTime(), 36);
		String template = """
				{"id":"%s","title":"Change the currency of invoices","category":"billing",
				 "questions":{"en":["How do I change the currency of my invoices?",
				                    "Can I send invoices in dollars instead of euros?"],
				              "es":["¿Cómo cambio la moneda de mis facturas?"]},
				 "answers":{"en":"Open Settings > Invoices > Currency and choose the currency; ticket {{ticketId}}.",
				            "es":"Abra Configuración > Facturas > Moneda y elija la moneda; ticket {{ticketId}}."}}
				""".formatted(id);
		// proposed by an agent: answers nobody yet; only a lead approves
		assertThat(post("/templates", template, AGENT).statusCode()).isEqualTo(201);
		assertProblem(post("/templates", template, AGENT), 409);
		assertProblem(post("/templates/" + id + "/approval", "{\"version\":1}", AGENT), 403);
		assertProblem(
				post("/templates", template.replace("{{ticketId}}", "{{password}}").replace(id, id + "-x"), AGENT),
				400);
		assertProblem(post("/templates", "{\"id\":\"Bad Id\",\"title\":\"t\",\"answers\":{\"en\":\"a\"}}", AGENT), 400);
		HttpResponse<String> missing = post("/templates",
				"{\"id\":\"" + id + "-y\",\"title\":\"t\",\"answers\":{\"en\":null}}", AGENT);
		assertProblem(missing, 400);
		assertThat(body(missing).get("errors").get(0).asString()).isEqualTo("answers.en: 1 to 5000 characters");
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/templates/" + id, AGENT).statusCode() == 200);
		assertThat(body(get("/templates/" + id, AGENT)).get("status").asString()).isEqualTo("proposed");
		assertThat(post("/templates/" + id + "/approval", "{\"version\":1}", LEAD).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "active".equals(body(get("/templates/" + id, AGENT)).get("status").asString()));
		Thread.sleep(1_500); // the matcher loads the library each second

		// a ticket asking its question is answered with it, in Spanish, the ticket id
		// filled in
		String first = open("¿Cómo cambio la moneda de mis facturas?",
				"Hola, ¿cómo cambio la moneda de mis facturas? Quiero facturar en dólares.", "es-ES");
		JsonNode answered = suggestionOf(first, id);
		assertThat(answered.get("action").asString()).as(answered.toString()).isEqualTo("answer");
		assertThat(answered.get("answer").asString())
			.isEqualTo("Abra Configuración > Facturas > Moneda y elija la moneda; ticket " + first + ".");
		assertThat(answered.get("templateVersion").asInt()).isEqualTo(1);
		assertThat(answered.get("confidence").asDouble()).isBetween(0.0, 1.0);
		// an agent renders it for another ticket, to edit
		JsonNode rendered = body(get("/tickets/" + first + "/templates/" + id + "?language=en", AGENT));
		assertThat(rendered.get("text").asString()).endsWith("ticket " + first + ".");
		assertThat(rendered.get("templateVersion").asInt()).isEqualTo(1);
		assertProblem(get("/tickets/" + first + "/templates/" + id + "?language=EN", AGENT), 400);

		// three customers answered by it reopen: 0 of 3 helped, under 95 %; it suspends
		// itself
		for (int i = 0; i < 3; i++) {
			String ticket = (i == 0) ? first
					: open("Invoice currency", "How do I change the currency of my invoices? Dollars please.", "en");
			assertThat(suggestionOf(ticket, id).get("action").asString()).isEqualTo("answer");
			tickets.publish(new TicketResolvedV1(ticket, "answer", true, Instant.now(), "agent", id, 1, true));
			tickets.publish(new TicketReopenedV1(ticket, 1, Instant.now(), null, false));
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "suspended".equals(body(get("/templates/" + id, AGENT)).get("autoAnswer").asString()));
		Thread.sleep(1_500);
		JsonNode suspended = body(get("/templates/" + id, LEAD));
		assertThat(suspended.get("suspension").get("precision").asDouble()).isEqualTo(0.0);
		assertThat(suspended.get("outcomes").get("notHelped").asInt()).isEqualTo(3);
		assertThat(suspended.get("usage").get("auto-answer").asInt()).isEqualTo(3);
		assertThat(body(get("/templates?autoAnswer=suspended", LEAD)).get("templates"))
			.anySatisfy((t) -> assertThat(t.get("templateId").asString()).isEqualTo(id));
		JsonNode events = body(get("/templates/" + id + "/events", LEAD));
		assertThat(events.get("events")).extracting((e) -> e.get("type").asString())
			.containsSubsequence("TemplateProposed", "TemplateApproved", "AnswerOutcomeRecorded",
					"AutoAnswerSuspended");

		// the next ticket asking it gets it as a suggestion only, held back
		String next = open("Invoice currency", "How do I change the currency of my invoices?", "en");
		JsonNode held = suggestionOf(next, id);
		assertThat(held.get("action").asString()).isEqualTo("suggest");
		assertThat(held.get("heldBack").asString()).isEqualTo("suspended");

		// a lead lets it answer again; retired, it is suggested no more
		assertProblem(post("/templates/" + id + "/auto-answer-resumption", "", AGENT), 403);
		assertThat(post("/templates/" + id + "/auto-answer-resumption", "", LEAD).statusCode()).isEqualTo(200);
		assertProblem(post("/templates/" + id + "/auto-answer-resumption", "", LEAD), 409);
		assertThat(post("/templates/" + id + "/retirement", "{\"reason\":\"Currencies are automatic now\"}", LEAD)
			.statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "retired".equals(body(get("/templates/" + id, AGENT)).get("status").asString()));
		Thread.sleep(1_500); // the matcher loads the library each second
		String after = open("Invoice currency", "How do I change the currency of my invoices?", "en");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/tickets/" + after + "/suggestions", AGENT).statusCode() == 200);
		assertThat(body(get("/tickets/" + after + "/suggestions", AGENT)).get("suggestions"))
			.noneSatisfy((s) -> assertThat(s.get("ref").asString()).isEqualTo(id));
		assertProblem(get("/templates/no-such-template", AGENT), 404);
		assertProblem(post("/templates/no-such-template/approval", "{\"version\":1}", LEAD), 404);
	}

	@Test
	void the_seed_library_is_there_and_a_stale_revision_is_refused() throws Exception {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/templates/reset-password", OPERATOR).statusCode() == 200);
		JsonNode seed = body(get("/templates/reset-password", OPERATOR));
		assertThat(seed.get("status").asString()).isIn("active", "retired");
		assertThat(seed.get("versions").get(0).get("origin").asString()).isEqualTo("seed");
		int latest = seed.get("latestVersion").asInt();
		String revision = """
				{"title":"Reset a forgotten password","answers":{"en":"Use Forgot password. %s"},"basedOn":%d}
				""";
		HttpResponse<String> revised = post("/templates/reset-password/versions",
				revision.formatted(UUID.randomUUID(), latest), AGENT);
		assertThat(revised.statusCode()).as(revised.body()).isEqualTo(201);
		assertThat(body(revised).get("version").asInt()).isEqualTo(latest + 1);
		assertProblem(post("/templates/reset-password/versions", revision.formatted(UUID.randomUUID(), latest), AGENT),
				409);
		assertProblem(post("/templates/reset-password/rejection", "{\"version\":" + (latest + 1) + "}", AGENT), 403);
		assertThat(post("/templates/reset-password/rejection",
				"{\"version\":" + (latest + 1) + ",\"reason\":\"Too short\"}", LEAD)
			.statusCode()).isEqualTo(200);
	}

	private String open(String subject, String body, String locale) {
		String ticket = UUID.randomUUID().toString();
		tickets.publish(new TicketOpenedV1(ticket, "email", "cust-" + ticket.substring(0, 8), null, "Ana", locale,
				subject, body, Instant.now(), null, "standard"));
		return ticket;
	}

	/** The ticket's suggestion of the template, once routing triaged the ticket. */
	private JsonNode suggestionOf(String ticket, String templateId) throws Exception {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/tickets/" + ticket + "/suggestions", AGENT).statusCode() == 200);
		HttpResponse<String> answer = get("/tickets/" + ticket + "/suggestions", AGENT);
		for (JsonNode s : body(answer).get("suggestions")) {
			if (s.get("ref").asString().equals(templateId)) {
				return s;
			}
		}
		throw new AssertionError("No suggestion of " + templateId + ": " + answer.body());
	}

	private JsonNode body(HttpResponse<String> answer) {
		return this.json.readTree(answer.body());
	}

	private HttpResponse<String> get(String path, String key) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("X-Api-Key", key)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body, String key) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("X-Api-Key", key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
