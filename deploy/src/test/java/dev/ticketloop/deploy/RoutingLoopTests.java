package dev.ticketloop.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.notification.NotificationDeliveredV1;
import dev.ticketloop.contracts.ticket.CustomerNotifiedV1;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.testsupport.ApiClient;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.testsupport.TopicRecorder;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routing's decisions carried out across the services, over the real broker: a known
 * question is answered by its template and the customer gets the answer by mail in their
 * language (a single-reply resolution); another ticket goes to the available agent who
 * speaks the customer's language, and the ticket is theirs in ticket-service.
 */
@IntegrationTest
class RoutingLoopTests {

	private static final String EMAIL_KEY = "test-email-adapter-key";

	private static final String AGENT_KEY = "test-agent-maria-key-1";

	private static final String OPERATOR_KEY = "test-operator-key-001";

	private static EmbeddedSmtp smtp;

	private static RunningSystem system;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void startSystem() {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		smtp = EmbeddedSmtp.start(0);
		SystemConfig config = new SystemConfig(infrastructure.kafkaBootstrapServers(),
				infrastructure.mongoConnectionString(), TestInfrastructure.uniqueDatabase("routing") + "-", smtp.host(),
				smtp.port(), 0, 0, 0,
				List.of(new SystemConfig.ApiKey("email-adapter", EMAIL_KEY, "ADAPTER", "email"),
						new SystemConfig.ApiKey("maria", AGENT_KEY, "AGENT", null),
						new SystemConfig.ApiKey("operator", OPERATOR_KEY, "OPERATOR", null)),
				Map.of());
		system = RunningSystem.start(config);
	}

	@AfterAll
	static void stopSystem() {
		system.close();
		smtp.close();
	}

	@Test
	void a_known_question_is_answered_by_its_template_in_the_customers_language() throws Exception {
		String ticket = open("olvido.clave@example.com", "es-ES", "Olvidé mi contraseña",
				"Olvidé mi contraseña, ¿cómo restablezco mi contraseña? No puedo iniciar sesión.");

		JsonNode view = awaitView(ticket, (v) -> "RESOLVED".equals(v.get("status").asString()));
		assertThat(view.get("singleReplyResolution").asBoolean()).isTrue();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> EndToEnd.mailsTo(smtp, "olvido.clave@example.com")
				.stream()
				.anyMatch((m) -> subject(m).startsWith("Resuelto:")));
		MimeMessage answer = EndToEnd.mailsTo(smtp, "olvido.clave@example.com")
			.stream()
			.filter((m) -> subject(m).startsWith("Resuelto:"))
			.findFirst()
			.orElseThrow();
		// the seed library's answer, its ticket id filled in
		assertThat(EndToEnd.text(answer).replaceAll("\\s+", " "))
			.contains("En la página de inicio de sesión, haz clic en “¿Olvidaste tu contraseña?”")
			.contains("responde a este mensaje indicando el ticket " + ticket + ".");
	}

	/**
	 * The W3C trace context of the adapter's call travels with the ticket through all
	 * three services: on every record its journey publishes (validated against its schema
	 * on the way) and on the mail at the end.
	 */
	@Test
	void a_tickets_journey_from_the_rest_call_to_the_mail_is_one_trace() throws Exception {
		String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
		String caller = "00-" + trace + "-00f067aa0ba902b7-01";
		try (TopicRecorder tickets = new TopicRecorder(Topics.TICKET_EVENTS);
				TopicRecorder decisions = new TopicRecorder(Topics.ROUTING_DECISIONS);
				TopicRecorder receipts = new TopicRecorder(Topics.NOTIFICATION_RECEIPTS)) {
			String request = this.json.writeValueAsString(Map.of("channel", "email", "customerRef", "cust-trace",
					"contact", Map.of("email", "traza@example.com", "name", "Ana"), "locale", "es-ES", "subject",
					"Olvidé mi contraseña", "body",
					"Olvidé mi contraseña, ¿cómo restablezco mi contraseña? No puedo iniciar sesión."));
			HttpResponse<String> opened = this.http
				.send(HttpRequest.newBuilder(URI.create(system.ticketServiceUrl() + "/tickets"))
					.header("Content-Type", "application/json")
					.header("X-Api-Key", EMAIL_KEY)
					.header("traceparent", caller)
					.POST(HttpRequest.BodyPublishers.ofString(request))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
			assertThat(opened.headers().firstValue("traceparent")).contains(caller);
			String ticket = this.json.readTree(opened.body()).get("ticketId").asString();

			awaitView(ticket, (v) -> "RESOLVED".equals(v.get("status").asString()));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> EndToEnd.mailsTo(smtp, "traza@example.com")
					.stream()
					.anyMatch((m) -> subject(m).startsWith("Resuelto:")));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> !receipts.of(NotificationDeliveredV1.class, ticket).isEmpty()
						&& !tickets.of(CustomerNotifiedV1.class, ticket).isEmpty());

			List<CloudEvent> journey = new ArrayList<>();
			for (TopicRecorder recorder : List.of(tickets, decisions, receipts)) {
				recorder.all().stream().filter((e) -> ticket.equals(e.subject())).forEach(journey::add);
			}
			assertThat(journey).extracting(CloudEvent::type)
				.contains("dev.ticketloop.ticket.opened.v1", "dev.ticketloop.routing.triage-decided.v1",
						"dev.ticketloop.routing.suggestion-made.v1", "dev.ticketloop.ticket.resolved.v1",
						"dev.ticketloop.notification.delivered.v1", "dev.ticketloop.ticket.customer-notified.v1");
			assertThat(journey).allSatisfy((event) -> assertThat(event.traceparent()).as(event.type())
				.isNotNull()
				.startsWith("00-" + trace + "-"));
			assertThat(journey).allSatisfy((event) -> assertThat(event.dataschema()).as(event.type())
				.startsWith("http://localhost:")
				.endsWith("/schemas/" + event.type() + ".json"));
			assertThat(tickets.rejected()).isEmpty();
			assertThat(decisions.rejected()).isEmpty();
			assertThat(receipts.rejected()).isEmpty();
			for (MimeMessage mail : EndToEnd.mailsTo(smtp, "traza@example.com")) {
				assertThat(mail.getHeader("Traceparent", null)).startsWith("00-" + trace + "-");
			}

			// the schema a record names is served where it says
			CloudEvent first = journey.get(0);
			HttpResponse<String> schema = call("GET", first.dataschema(), null, AGENT_KEY);
			assertThat(schema.statusCode()).isEqualTo(200);
			assertThat(this.json.readTree(schema.body()).get("$id").asString())
				.isEqualTo("https://ticketloop.dev/schemas/" + first.type() + ".json");
		}
	}

	@Test
	void a_waiting_ticket_goes_to_the_available_agent_who_speaks_the_customers_language() throws Exception {
		HttpResponse<String> profile = call("PUT", system.routingServiceUrl() + "/agents/maria",
				"{\"name\":\"María\",\"teams\":[\"support\"],\"languages\":[\"es\",\"en\"],\"capacity\":5}",
				OPERATOR_KEY);
		assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
		assertThat(call("PUT", system.routingServiceUrl() + "/agents/maria/availability", "{\"available\":true}",
				AGENT_KEY)
			.statusCode()).isEqualTo(200);

		String ticket = open("informe.lento@example.com", "es-MX", "El informe tarda mucho",
				"Desde esta mañana el informe mensual tarda varios minutos en cargar.");

		JsonNode view = awaitView(ticket, (v) -> "IN_PROGRESS".equals(v.get("status").asString()));
		assertThat(view.get("assignee").asString()).isEqualTo("maria");
		JsonNode queue = this.json.readTree(
				call("GET", system.routingServiceUrl() + "/queues/support?status=assigned", null, AGENT_KEY).body());
		assertThat(queue.get("items").findValuesAsString("ticketId")).contains(ticket);
	}

	/**
	 * The loop's numbers, read by insights-service from the published topics alone: the
	 * platform the adapter gave travels from intake to the reports, the template's answer
	 * counts as an automatic single-reply resolution, the customer's rating in its cell.
	 */
	@Test
	void the_loops_numbers_count_what_happened_by_platform() throws Exception {
		String request = this.json.writeValueAsString(Map.of("channel", "email", "customerRef", "cust-numbers",
				"contact", Map.of("email", "numeros@example.com", "name", "Ana"), "locale", "es-ES", "subject",
				"Olvidé mi contraseña", "body",
				"Olvidé mi contraseña, ¿cómo restablezco mi contraseña? No puedo iniciar sesión.", "platform",
				"android", "productVersion", "4.2.1"));
		HttpResponse<String> opened = call("POST", system.ticketServiceUrl() + "/tickets", request, EMAIL_KEY);
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
		String ticket = this.json.readTree(opened.body()).get("ticketId").asString();
		JsonNode view = awaitView(ticket, (v) -> "RESOLVED".equals(v.get("status").asString()));
		assertThat(view.get("platform").asString()).isEqualTo("android");
		assertThat(view.get("productVersion").asString()).isEqualTo("4.2.1");
		HttpResponse<String> rated = call("POST", system.ticketServiceUrl() + "/tickets/" + ticket + "/rating",
				"{\"score\":5,\"comment\":\"¡Muy rápido!\"}", EMAIL_KEY);
		assertThat(rated.statusCode()).as(rated.body()).isLessThan(300);

		String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
		String period = "?from=" + today + "&to=" + today;
		JsonNode android = await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).until(() -> {
			HttpResponse<String> funnel = call("GET",
					system.insightsServiceUrl() + "/reports/funnel" + period + "&by=platform", null, OPERATOR_KEY);
			assertThat(funnel.statusCode()).as(funnel.body()).isEqualTo(200);
			for (JsonNode row : this.json.readTree(funnel.body()).get("rows")) {
				if (row.get("value").asString().equals("android")) {
					return row;
				}
			}
			return null;
		}, (row) -> row != null && step(row, "closed").get("reached").asLong() == 1);
		assertThat(android.get("opened").asLong()).isEqualTo(1);
		assertThat(step(android, "answered_automatically").get("reached").asLong()).isEqualTo(1);
		assertThat(step(android, "resolved_with_single_reply").get("reached").asLong()).isEqualTo(1);
		assertThat(step(android, "resolved_with_single_reply").get("leftHere").asLong()).isEqualTo(1);
		assertThat(android.get("singleReplyRate").asDouble()).isEqualTo(1.0);

		HttpResponse<String> csat = call("GET", system.insightsServiceUrl() + "/reports/csat" + period + "&by=platform",
				null, AGENT_KEY);
		JsonNode cell = null;
		for (JsonNode candidate : this.json.readTree(csat.body()).get("cells")) {
			if (candidate.get("value").asString().equals("android")) {
				cell = candidate;
			}
		}
		assertThat(cell).as(csat.body()).isNotNull();
		assertThat(cell.get("count").asLong()).isEqualTo(1);
		assertThat(cell.get("mean").asDouble()).isEqualTo(5.0);
		HttpResponse<String> ratings = call(
				"GET", system.insightsServiceUrl() + "/reports/csat/ratings" + period
						+ "&by=platform&value=android&category=" + java.net.URLEncoder
							.encode(cell.get("category").asString(), java.nio.charset.StandardCharsets.UTF_8),
				null, AGENT_KEY);
		assertThat(this.json.readTree(ratings.body()).get("ratings").get(0).get("comment").asString())
			.isEqualTo("¡Muy rápido!");
		assertThat(call("GET", system.insightsServiceUrl() + "/reports/funnel", null, EMAIL_KEY).statusCode())
			.isEqualTo(403);
	}

	private static JsonNode step(JsonNode row, String name) {
		for (JsonNode step : row.get("steps")) {
			if (step.get("step").asString().equals(name)) {
				return step;
			}
		}
		throw new AssertionError("no step " + name + " in " + row);
	}

	private String open(String email, String locale, String subject, String body) throws Exception {
		String request = this.json.writeValueAsString(Map.of("channel", "email", "customerRef", "cust-" + email,
				"contact", Map.of("email", email, "name", "Ana"), "locale", locale, "subject", subject, "body", body));
		HttpResponse<String> response = call("POST", system.ticketServiceUrl() + "/tickets", request, EMAIL_KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return this.json.readTree(response.body()).get("ticketId").asString();
	}

	private JsonNode awaitView(String ticket, Predicate<JsonNode> condition) {
		JsonNode[] view = new JsonNode[1];
		await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200)).until(() -> {
			HttpResponse<String> response = call("GET", system.ticketServiceUrl() + "/tickets/" + ticket, null,
					AGENT_KEY);
			if (response.statusCode() != 200) {
				return false;
			}
			view[0] = this.json.readTree(response.body());
			return condition.test(view[0]);
		});
		return view[0];
	}

	private HttpResponse<String> call(String method, String url, String body, String key) throws Exception {
		return new ApiClient(this.http, "").send(method, url, body, key);
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
