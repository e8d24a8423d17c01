package dev.ticketloop.ticketservice.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.ticketloop.testsupport.ApiClient;
import dev.ticketloop.testsupport.ErrorBodies;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.ticketservice.TicketServiceApplication;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static dev.ticketloop.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The intake endpoint over real HTTP, with the real store and broker behind it: bad input
 * is refused with problem+json and leaves nothing behind; every call needs a key of the
 * right role and channel.
 */
@IntegrationTest
@SpringBootTest(classes = TicketServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "ticketloop.web.max-request-size=16KB")
@TestPropertySource(locations = "classpath:test-api-keys.properties")
class IntakeAndAccessTests {

	private static final String EMAIL_KEY = "email-adapter-test-key";

	private static final String CHAT_KEY = "chat-adapter-test-key";

	private static final String OPERATOR_KEY = "operator-test-key-01";

	private static final String VALID = """
			{"channel":"email","customerRef":"cust-1","contact":{"email":"ana@example.com","name":"Ana"},
			 "locale":"es-MX","subject":"Export","body":"Export does nothing"}""";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, TicketServiceApplication.NAME);
	}

	@LocalServerPort
	int port;

	@Autowired
	EventStore eventStore;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	static java.util.stream.Stream<Arguments> badRequests() {
		return java.util.stream.Stream.of(
				Arguments.of("malformed JSON", "{\"channel\":\"email\",", 400, "not valid JSON"),
				Arguments.of("not an object", "[1,2]", 400, "not valid JSON"),
				Arguments.of("missing fields", "{\"channel\":\"email\"}", 400, "body: must not be blank"),
				Arguments.of("unknown channel", VALID.replace("\"email\",\"customerRef\"", "\"fax\",\"customerRef\""),
						400, "unknown channel 'fax'"),
				Arguments.of("bad e-mail address", VALID.replace("ana@example.com", "not-an-address"), 400,
						"contact.email"),
				Arguments.of("e-mail ticket without address", VALID.replace("\"email\":\"ana@example.com\",", ""), 400,
						"contact.email: required"),
				Arguments.of("bad locale", VALID.replace("es-MX", "español!"), 400, "locale"),
				Arguments.of("subject too long", VALID.replace("\"Export\"", "\"" + "x".repeat(301) + "\""), 400,
						"subject: size must be between"),
				Arguments.of("oversized body", VALID.replace("Export does nothing", "x".repeat(20_000)), 413,
						"larger than"),
				Arguments.of("unknown time zone",
						VALID.replace("\"name\":\"Ana\"", "\"name\":\"Ana\",\"timeZone\":\"Mars/Olympus\""), 400,
						"contact.timeZone: unknown time zone 'Mars/Olympus'"),
				Arguments.of("malformed tier", VALID.replace("\"subject\"", "\"customerTier\":\"VIP!!\",\"subject\""),
						400, "customerTier: must be a tier name"),
				Arguments.of("unknown platform", VALID.replace("\"subject\"", "\"platform\":\"amiga\",\"subject\""),
						400, "platform: must be one of ios, android, web, windows, macos, linux, other"),
				Arguments.of("malformed product version",
						VALID.replace("\"subject\"", "\"productVersion\":\"latest\",\"subject\""), 400,
						"productVersion: must be a version such as 4.2.1"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void bad_input_gets_a_problem_and_creates_nothing(String what, String body, int status, String detail)
			throws Exception {
		long eventsBefore = storedEvents();
		HttpResponse<String> response = send("POST", "/tickets", body, EMAIL_KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertProblem(response, detail);
		assertThat(storedEvents()).isEqualTo(eventsBefore);
	}

	@Test
	void a_chunked_oversized_body_is_refused_too() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/tickets"))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", EMAIL_KEY)
			.POST(HttpRequest.BodyPublishers.ofInputStream(
					() -> new java.io.ByteArrayInputStream(VALID.replace("Export does nothing", "y".repeat(40_000))
						.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
			.build();
		long eventsBefore = storedEvents();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertProblem(response, "larger than");
		assertThat(storedEvents()).isEqualTo(eventsBefore);
	}

	@Test
	void a_retried_intake_with_the_same_idempotency_key_opens_one_ticket() throws Exception {
		long eventsBefore = storedEvents();
		HttpResponse<String> first = sendWithKey(VALID, "retry-1");
		HttpResponse<String> second = sendWithKey(VALID, "retry-1");
		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(second.statusCode()).isEqualTo(201);
		assertThat(this.json.readTree(second.body()).get("ticketId").asString())
			.isEqualTo(this.json.readTree(first.body()).get("ticketId").asString());
		assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("false");
		assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(storedEvents()).isEqualTo(eventsBefore + 1);

		HttpResponse<String> other = sendWithKey(VALID, "retry-2");
		assertThat(this.json.readTree(other.body()).get("ticketId").asString())
			.isNotEqualTo(this.json.readTree(first.body()).get("ticketId").asString());
	}

	@Test
	void an_idempotency_key_reused_for_another_request_is_refused() throws Exception {
		sendWithKey(VALID, "reused-1");
		long eventsBefore = storedEvents();
		HttpResponse<String> response = sendWithKey(VALID.replace("Export does nothing", "Another issue"), "reused-1");
		assertThat(response.statusCode()).isEqualTo(422);
		assertProblem(response, "already used for a different request");
		assertThat(storedEvents()).isEqualTo(eventsBefore);
		assertThat(sendWithKey(VALID, "bad key with spaces").statusCode()).isEqualTo(400);
	}

	private HttpResponse<String> sendWithKey(String body, String idempotencyKey) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri("/tickets"))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", EMAIL_KEY)
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void without_a_key_nothing_is_allowed() throws Exception {
		HttpResponse<String> response = send("POST", "/tickets", VALID, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertProblem(response, "X-Api-Key");
		assertThat(send("GET", "/tickets/0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10", null, null).statusCode())
			.isEqualTo(401);
	}

	@Test
	void a_wrong_key_is_refused() throws Exception {
		HttpResponse<String> response = send("POST", "/tickets", VALID, "guessed-key-0000000000");
		assertThat(response.statusCode()).isEqualTo(401);
		assertProblem(response, "not valid");
	}

	@Test
	void an_adapter_cannot_open_tickets_for_another_channel() throws Exception {
		long eventsBefore = storedEvents();
		HttpResponse<String> response = send("POST", "/tickets", VALID, CHAT_KEY);
		assertThat(response.statusCode()).isEqualTo(403);
		assertProblem(response, "not allowed");
		assertThat(storedEvents()).isEqualTo(eventsBefore);
	}

	@Test
	void an_operator_cannot_open_tickets() throws Exception {
		assertThat(send("POST", "/tickets", VALID, OPERATOR_KEY).statusCode()).isEqualTo(403);
	}

	@Test
	void an_adapter_reads_its_own_tickets_but_never_another_channels() throws Exception {
		String id = open(VALID, EMAIL_KEY);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> send("GET", "/tickets/" + id, null, EMAIL_KEY).statusCode() == 200);
		assertThat(send("GET", "/tickets/" + id, null, OPERATOR_KEY).statusCode()).isEqualTo(200);
		HttpResponse<String> otherChannel = send("GET", "/tickets/" + id, null, CHAT_KEY);
		assertThat(otherChannel.statusCode()).isEqualTo(404);
		assertProblem(otherChannel, "no ticket");
	}

	@Test
	void fields_the_adapter_does_not_own_are_ignored() throws Exception {
		String id = open(VALID.replace("\"subject\"",
				"\"status\":\"CLOSED\",\"assignee\":\"mallory\",\"priority\":\"urgent\",\"ticketId\":\"0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10\",\"subject\""),
				EMAIL_KEY);
		assertThat(id).isNotEqualTo("0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10");
		JsonNode[] view = new JsonNode[1];
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			HttpResponse<String> response = send("GET", "/tickets/" + id, null, OPERATOR_KEY);
			if (response.statusCode() != 200) {
				return false;
			}
			view[0] = this.json.readTree(response.body());
			return true;
		});
		assertThat(view[0].get("status").asString()).isIn("NEW", "TRIAGED");
		assertThat(view[0].get("priority").isNull()).isTrue();
		assertThat(view[0].get("assignee").isNull()).as("assignee from the payload ignored").isTrue();
	}

	@Test
	void the_customers_time_zone_tier_platform_and_version_are_kept_with_the_ticket() throws Exception {
		String id = open(VALID.replace("\"name\":\"Ana\"", "\"name\":\"Ana\",\"timeZone\":\"America/Mexico_City\"")
			.replace("\"subject\"",
					"\"customerTier\":\"vip\",\"platform\":\"android\",\"productVersion\":\"4.3.0-beta.2\",\"subject\""),
				EMAIL_KEY);
		JsonNode[] view = new JsonNode[1];
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			HttpResponse<String> response = send("GET", "/tickets/" + id, null, OPERATOR_KEY);
			view[0] = (response.statusCode() == 200) ? this.json.readTree(response.body()) : null;
			return view[0] != null;
		});
		assertThat(view[0].get("customerTier").asString()).isEqualTo("vip");
		assertThat(view[0].get("platform").asString()).isEqualTo("android");
		assertThat(view[0].get("productVersion").asString()).isEqualTo("4.3.0-beta.2");
		assertThat(view[0].get("contact").get("timeZone").asString()).isEqualTo("America/Mexico_City");
	}

	@Test
	void an_unknown_ticket_is_a_404_problem_and_a_malformed_id_a_400() throws Exception {
		HttpResponse<String> missing = send("GET", "/tickets/0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10", null, OPERATOR_KEY);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertProblem(missing, "no ticket");
		HttpResponse<String> malformed = send("GET", "/tickets/not-a-uuid", null, OPERATOR_KEY);
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertProblem(malformed, "Not a ticket id");
	}

	@Test
	void health_is_open_but_other_actuator_endpoints_are_not() throws Exception {
		assertThat(send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/env", null, OPERATOR_KEY).statusCode()).isIn(403, 404);
	}

	private String open(String body, String key) throws Exception {
		HttpResponse<String> response = send("POST", "/tickets", body, key);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return this.json.readTree(response.body()).get("ticketId").asString();
	}

	/**
	 * Issue 20: what a scanner or a broken client sends is answered with problem+json
	 * too, not the servlet container's HTML; an unknown path or method with a valid key
	 * is 404 or 405, not 403; refusals name the request as their instance; conversion
	 * errors have a type.
	 */
	@Test
	void every_error_is_a_problem_with_the_right_status() {
		ErrorBodies errors = new ErrorBodies(this.port)
			.expect("GET", "/tickets?customerRef[$ne]=x", OPERATOR_KEY, 400, false)
			.expect("GET", "/tickets/..%2F..%2Fetc", OPERATOR_KEY, 400, false)
			.expect("GET", "/tickets/%00", OPERATOR_KEY, 400, false)
			.expect("GET", "/tickets/a;b=c", OPERATOR_KEY, 400, false)
			.expect("GET", "/tickets/%2e%2e/issues", OPERATOR_KEY, 400, false)
			.expect("GET", "/no-such-thing", OPERATOR_KEY, 404, true)
			.expect("GET", "/tickets/x/no-such-thing", EMAIL_KEY, 404, true)
			.expect("DELETE", "/tickets", OPERATOR_KEY, 405, true)
			.expect("PUT", "/releases", OPERATOR_KEY, 405, true)
			.expect("GET", "/tickets?limit=many", OPERATOR_KEY, 400, true)
			.expect("GET", "/tickets", null, 401, true)
			.expect("GET", "/no-such-thing", null, 401, true)
			.expect("GET", "/tickets", "not-a-key-of-anyone", 401, true)
			.expect("POST", "/releases", EMAIL_KEY, 403, true)
			.expect("GET", "/actuator/env", OPERATOR_KEY, 404, true)
			.expect("POST", "/tickets", OPERATOR_KEY, 403, true)
			// an endpoint no rule allows stays closed to every key
			.expect("GET", "/v3/api-docs.yaml", OPERATOR_KEY, 403, true);
		assertThat(errors.failures()).isEmpty();
	}

	/** Every event in the store, read through the event store itself. */
	private long storedEvents() {
		try (var stream = this.eventStore.openStream(null)) {
			long count = 0;
			while (stream.hasNextAvailable()) {
				stream.nextAvailable();
				count++;
			}
			return count;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> send(String method, String path, String body, String key) throws Exception {
		return new ApiClient(this.http, "http://localhost:" + this.port).send(method, path, body, key);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
