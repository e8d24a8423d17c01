package dev.ticketloop.ticketservice.lifecycle;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.ServerSentEvents;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The support loop over real HTTP: an agent takes the ticket, asks, the customer answers
 * through the adapter, the agent resolves, the customer reopens and rates (which closes);
 * wrong states answer 409, other channels 404, and the read model tells the whole story.
 */
@IntegrationTest
@SpringBootTest(classes = TicketServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:test-api-keys.properties")
class TicketLifecycleHttpTests {

	private static final String EMAIL = "email-adapter-test-key";

	private static final String CHAT = "chat-adapter-test-key";

	private static final String AGENT = "agent-maria-key-01";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, TicketServiceApplication.NAME);
	}

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void a_ticket_goes_round_the_support_loop_and_its_history_tells_it() throws Exception {
		String id = open();
		String t = "/tickets/" + id;

		assertStatus(post(t + "/assignment", "{\"agent\":\"maria\"}", AGENT), 200, "IN_PROGRESS");
		assertStatus(post(t + "/clarification-requests", "{\"question\":\"Which browser?\"}", AGENT), 200,
				"AWAITING_CUSTOMER");
		assertThat(post(t + "/messages", "{\"body\":\"Firefox\"}", CHAT).statusCode()).as("another channel")
			.isEqualTo(404);
		assertStatus(post(t + "/messages", "{\"body\":\"Firefox 140\"}", EMAIL), 200, "IN_PROGRESS");
		assertStatus(post(t + "/replies", "{\"body\":\"Clear the cache, please.\"}", AGENT), 200, "IN_PROGRESS");
		assertStatus(post(t + "/resolution", "{\"resolution\":\"Cache\"}", AGENT), 200, "RESOLVED");

		HttpResponse<String> again = post(t + "/resolution", "{\"resolution\":\"Cache\"}", AGENT);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(this.json.readTree(again.body()).get("detail").asString()).contains("is already resolved");
		assertThat(post(t + "/rating", "{\"score\":6}", EMAIL).statusCode()).isEqualTo(400);
		assertThat(post(t + "/replies", "{\"body\":\"x\"}", EMAIL).statusCode()).as("adapters do not reply")
			.isEqualTo(403);

		assertStatus(post(t + "/reopening", "{\"reason\":\"Still slow\"}", EMAIL), 200, "IN_PROGRESS");
		assertStatus(post(t + "/resolution", "{\"resolution\":\"Server fixed\"}", AGENT), 200, "RESOLVED");
		assertStatus(post(t + "/rating", "{\"score\":4,\"comment\":\"Took two tries\"}", EMAIL), 200, "CLOSED");
		assertThat(post(t + "/rating", "{\"score\":5}", EMAIL).statusCode()).as("rated once").isEqualTo(409);
		assertThat(post(t + "/closure", "", CHAT).statusCode()).isEqualTo(404);
		HttpResponse<String> closedTwice = post(t + "/closure", "", EMAIL);
		assertThat(closedTwice.statusCode()).as("the rating closed it").isEqualTo(409);
		JsonNode alreadyClosed = this.json.readTree(closedTwice.body());
		assertThat(alreadyClosed.get("type").asString()).isEqualTo("https://ticketloop.dev/problems/ticket-closed");
		assertThat(alreadyClosed.get("detail").asString()).isEqualTo("Ticket " + id + " is already closed.");
		HttpResponse<String> closed = post(t + "/messages", "{\"body\":\"Hello?\"}", EMAIL);
		assertThat(closed.statusCode()).isEqualTo(409);
		assertThat(closed.headers().firstValue("content-type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));

		JsonNode view = awaitClosedView(t);
		assertThat(view.get("status").asString()).isEqualTo("CLOSED");
		assertThat(view.get("assignee").asString()).isEqualTo("maria");
		assertThat(view.get("reopenCount").asInt()).isEqualTo(1);
		assertThat(view.get("rating").asInt()).isEqualTo(4);
		assertThat(view.get("singleReplyResolution").asBoolean()).isFalse();
		List<String> types = new ArrayList<>();
		view.get("history").forEach((h) -> types.add(h.get("type").asString()));
		assertThat(types).containsExactly("TicketOpened", "TicketAssigned", "ClarificationRequested",
				"CustomerMessageReceived", "AgentReplied", "TicketResolved", "TicketReopened", "TicketResolved",
				"TicketRated", "TicketClosed");
		assertThat(view.get("history").get(3).get("details").get("body").asString()).isEqualTo("Firefox 140");
		assertThat(view.get("history").get(9).get("details").get("reason").asString())
			.as("the close reason as the published ticket.closed.v1 spells it")
			.isEqualTo("rated");
	}

	/**
	 * The console's ticket page follows its ticket: the stream says the view's version at
	 * once and again each time the ticket changed; keys without the role and tickets that
	 * do not exist are refused as problems.
	 */
	@Test
	void a_follower_hears_of_each_change_of_the_ticket() throws Exception {
		String id = open();
		String t = "/tickets/" + id;
		await().atMost(Duration.ofSeconds(20)).until(() -> get(t).statusCode() == 200);
		HttpResponse<InputStream> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + t + "/stream"))
				.header("X-Api-Key", AGENT)
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		ServerSentEvents events = ServerSentEvents.of(response);
		try {
			JsonNode first = events.next(Duration.ofSeconds(10));
			assertThat(first).isNotNull();
			assertThat(first.get("ticketId").asString()).isEqualTo(id);
			assertThat(first.get("version").asLong()).isZero();

			assertStatus(post(t + "/assignment", "{\"agent\":\"maria\"}", AGENT), 200, "IN_PROGRESS");
			JsonNode assigned = events.next(Duration.ofSeconds(10));
			assertThat(assigned).as("the assignment's change").isNotNull();
			assertThat(assigned.get("version").asLong()).isPositive();
			assertStatus(post(t + "/replies", "{\"body\":\"Looking into it.\"}", AGENT), 200, "IN_PROGRESS");
			JsonNode replied = events.next(Duration.ofSeconds(10));
			assertThat(replied).as("the reply's change").isNotNull();
			assertThat(replied.get("version").asLong()).isGreaterThan(assigned.get("version").asLong());
		}
		finally {
			events.close();
		}
		assertThat(stream(t, EMAIL).statusCode()).as("adapters follow no ticket").isEqualTo(403);
		HttpResponse<String> none = stream("/tickets/0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10", AGENT);
		assertThat(none.statusCode()).isEqualTo(404);
		assertThat(none.headers().firstValue("content-type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	private HttpResponse<String> stream(String ticket, String key) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + ticket + "/stream"))
			.header("X-Api-Key", key)
			.header("Accept", "text/event-stream")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void acting_on_a_ticket_that_does_not_exist_is_a_404() throws Exception {
		HttpResponse<String> response = post("/tickets/0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10/assignment",
				"{\"agent\":\"maria\"}", AGENT);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("content-type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void the_openapi_document_describes_every_endpoint_and_the_key() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode api = this.json.readTree(response.body());
		assertThat(api.get("paths").propertyNames()).contains("/tickets", "/tickets/{id}", "/tickets/{id}/assignment",
				"/tickets/{id}/clarification-requests", "/tickets/{id}/messages", "/tickets/{id}/replies",
				"/tickets/{id}/resolution", "/tickets/{id}/reopening", "/tickets/{id}/rating", "/tickets/{id}/closure",
				"/tickets/{id}/escalation", "/tickets/{id}/issue-link", "/tickets/{id}/merge", "/issues",
				"/issues/{key}", "/issues/{key}/tickets", "/issues/{key}/fix-schedule", "/issues/{key}/decline",
				"/issues/{key}/confirmation", "/releases");
		assertThat(api.get("components").get("securitySchemes").get("apiKey").get("name").asString())
			.isEqualTo("X-Api-Key");
		HttpResponse<String> anonymous = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/v3/api-docs")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	private String open() throws Exception {
		HttpResponse<String> response = post("/tickets", """
				{"channel":"email","customerRef":"cust-9","contact":{"email":"eva@example.com"},
				 "locale":"en","subject":"Slow export","body":"Export takes minutes"}""", EMAIL);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return this.json.readTree(response.body()).get("ticketId").asString();
	}

	private void assertStatus(HttpResponse<String> response, int code, String status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(code);
		assertThat(this.json.readTree(response.body()).get("status").asString()).isEqualTo(status);
	}

	private JsonNode awaitClosedView(String path) {
		JsonNode[] view = new JsonNode[1];
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			HttpResponse<String> response = get(path);
			if (response.statusCode() != 200) {
				return false;
			}
			view[0] = this.json.readTree(response.body());
			return view[0].get("status").asString().equals("CLOSED");
		});
		return view[0];
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("X-Api-Key", AGENT)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body, String key) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
