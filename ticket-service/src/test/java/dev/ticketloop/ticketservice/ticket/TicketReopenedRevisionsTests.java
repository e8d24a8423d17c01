package dev.ticketloop.ticketservice.ticket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.ticket.TicketReopenedV1;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.testsupport.TopicRecorder;
import dev.ticketloop.ticketservice.TicketServiceApplication;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketAssigned;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketOpened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketResolved;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketTriaged;
import dev.ticketloop.ticketservice.view.TicketViewProjection;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.LazyDeserializingObject;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15, upcasting (docs/adr/0013): {@code TicketReopened} revision 1 stays in the
 * store as the old code wrote it, in its two shapes (with {@code agent}, named or null,
 * and, older, without it), and everything that reads events reads it as revision 2: the
 * ticket loads and takes new commands, the view is built and replayed from it, the ticket
 * as it was is computed from it, its events are listed, and the published language
 * (unchanged) tells what revision 1 could not: whether the assignment is known.
 */
@IntegrationTest
@SpringBootTest(classes = TicketServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:test-api-keys.properties")
class TicketReopenedRevisionsTests {

	private static final String EMAIL = "email-adapter-test-key";

	private static final String AGENT = "agent-maria-key-01";

	private static final String OPERATOR = "operator-test-key-01";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, TicketServiceApplication.NAME);
	}

	@LocalServerPort
	int port;

	@Autowired
	EventStorageEngine storageEngine;

	@Autowired
	@Qualifier("eventSerializer")
	Serializer eventSerializer;

	@Autowired
	MongoDatabase database;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void revision_1_events_written_by_the_old_code_are_read_as_revision_2_everywhere() throws Exception {
		Instant at = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
		String withAgent = UUID.randomUUID().toString();
		String withNone = UUID.randomUUID().toString();
		String unrecorded = UUID.randomUUID().toString();
		try (TopicRecorder published = new TopicRecorder(Topics.TICKET_EVENTS)) {
			writeAsTheOldCodeDid(withAgent, at, """
					{"ticketId":"%s","reason":"Still broken","reopenCount":1,"reopenedAt":"%s","agent":"maria"}""");
			writeAsTheOldCodeDid(withNone, at, """
					{"ticketId":"%s","reason":"Still broken","reopenCount":1,"reopenedAt":"%s","agent":null}""");
			writeAsTheOldCodeDid(unrecorded, at, """
					{"ticketId":"%s","reason":"Still broken","reopenCount":1,"reopenedAt":"%s"}""");
			assertThat(storedRevisions(withAgent)).containsExactly("1", "1", "1", "1", "1");

			// the live view
			for (String ticket : List.of(withAgent, withNone, unrecorded)) {
				await().atMost(Duration.ofSeconds(30))
					.until(() -> "IN_PROGRESS".equals(view(ticket).path("status").asString(null)));
				assertThat(view(ticket).get("reopenCount").asInt()).isEqualTo(1);
			}
			JsonNode live = view(withAgent);

			// the published language, as it always was, now says what is known
			await().atMost(Duration.ofSeconds(30))
				.until(() -> List.of(withAgent, withNone, unrecorded)
					.stream()
					.allMatch((t) -> !published.of(TicketReopenedV1.class, t).isEmpty()));
			assertThat(published.of(TicketReopenedV1.class, withAgent).get(0).assigned()).isTrue();
			assertThat(published.of(TicketReopenedV1.class, withAgent).get(0).agent()).isEqualTo("maria");
			assertThat(published.of(TicketReopenedV1.class, withNone).get(0).assigned()).isFalse();
			assertThat(published.of(TicketReopenedV1.class, unrecorded).get(0).assigned())
				.as("not known, not 'with no agent'")
				.isNull();

			// time travel and the events as the code reads them
			HttpResponse<String> asOf = call("GET", "/tickets/" + withAgent + "?asOf=" + at.plusSeconds(300), null,
					AGENT);
			assertThat(asOf.statusCode()).as(asOf.body()).isEqualTo(200);
			assertThat(this.json.readTree(asOf.body())).isEqualTo(live);
			assertThat(reopened(withAgent).get("revision").asString()).isEqualTo("2");
			assertThat(reopened(withAgent).get("payload").get("assigned").asBoolean()).isTrue();
			assertThat(reopened(withNone).get("payload").get("assigned").asBoolean()).isFalse();
			assertThat(reopened(unrecorded).get("payload").get("assigned").isNull()).isTrue();

			// a replay of the view reads them again, to the same view
			Map<Object, Document> views = documents();
			HttpResponse<String> replay = call("POST", "/operations/processors/ticket-view/replay", null, OPERATOR);
			assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> "DONE"
					.equals(this.json.readTree(call("GET", "/operations/processors/ticket-view", null, OPERATOR).body())
						.path("replay")
						.path("state")
						.asString(null)));
			await().atMost(Duration.ofSeconds(30)).until(() -> documents().equals(views));

			// the tickets load from them and take new commands: the count goes on from
			// the
			// old event, and the new one is revision 2
			for (String ticket : List.of(withAgent, unrecorded)) {
				HttpResponse<String> resolved = call("POST", "/tickets/" + ticket + "/resolution",
						"{\"resolution\":\"Really fixed\"}", AGENT);
				assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
				HttpResponse<String> again = call("POST", "/tickets/" + ticket + "/reopening",
						"{\"reason\":\"Broken again\"}", EMAIL);
				assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
				JsonNode last = reopened(ticket);
				assertThat(last.get("revision").asString()).isEqualTo("2");
				assertThat(last.get("payload").get("reopenCount").asInt()).isEqualTo(2);
				assertThat(last.get("payload").get("agent").asString()).isEqualTo("maria");
				assertThat(last.get("payload").get("assigned").asBoolean()).isTrue();
			}
			assertThat(storedRevisions(withAgent)).containsExactly("1", "1", "1", "1", "1", "1", "2");
			await().atMost(Duration.ofSeconds(30)).until(() -> view(withAgent).get("reopenCount").asInt() == 2);
		}
	}

	/**
	 * A ticket opened, triaged, assigned, resolved and reopened, stored as the code
	 * before revision 2 stored it: the reopening as revision 1 JSON (captured from that
	 * code's serializer), the other events as they still are.
	 */
	private void writeAsTheOldCodeDid(String id, Instant at, String reopenedJson) {
		TicketId ticket = TicketId.of(id);
		Instant reopenedAt = at.plusSeconds(240);
		SimpleSerializedObject<String> revision1 = new SimpleSerializedObject<>(reopenedJson.formatted(id, reopenedAt),
				String.class, TicketEvent.TicketReopened.class.getName(), "1");
		SerializedMessage<Object> reopened = new SerializedMessage<>(UUID.randomUUID().toString(),
				new LazyDeserializingObject<>(revision1, this.eventSerializer),
				new LazyDeserializingObject<>(MetaData.emptyInstance()));
		List<DomainEventMessage<?>> events = List.of(
				event(id, 0,
						new TicketOpened(ticket, Channel.EMAIL, "revisions", new Contact("old@example.com", "Ana"),
								"en", "Old", "Written by the old code", at),
						at),
				event(id, 1,
						new TicketTriaged(ticket, "decision-" + id, Priority.NORMAL, at.plusSeconds(3600),
								at.plusSeconds(60)),
						at.plusSeconds(60)),
				event(id, 2, new TicketAssigned(ticket, "maria", null, at.plusSeconds(120)), at.plusSeconds(120)),
				event(id, 3,
						new TicketResolved(ticket, "maria", "Done", true, at.plusSeconds(180), ResolutionCause.AGENT),
						at.plusSeconds(180)),
				new GenericDomainEventMessage<>("Ticket", id, 4, reopened, reopenedAt));
		this.storageEngine.appendEvents(events);
	}

	private static DomainEventMessage<?> event(String id, long sequence, TicketEvent payload, Instant at) {
		return new GenericDomainEventMessage<>("Ticket", id, sequence, payload, MetaData.emptyInstance(),
				UUID.randomUUID().toString(), at);
	}

	/** The revisions of the ticket's events as stored, in order. */
	private List<String> storedRevisions(String id) {
		return this.database.getCollection("event_commits")
			.find(Filters.eq("agg", id))
			.into(new java.util.ArrayList<>())
			.stream()
			.sorted(java.util.Comparator.comparing((Document commit) -> commit.get("_id", Number.class).longValue()))
			.flatMap((commit) -> commit.getList("events", Document.class).stream())
			.map((e) -> e.getString("pr"))
			.toList();
	}

	/** The ticket's last reopening, as {@code GET /tickets/{id}/events} lists it. */
	private JsonNode reopened(String id) throws Exception {
		JsonNode last = null;
		for (JsonNode event : this.json
			.readTree(call("GET", "/tickets/" + id + "/events?limit=100", null, OPERATOR).body())
			.get("events")) {
			if (event.get("type").asString().equals("TicketReopened")) {
				last = event;
			}
		}
		return last;
	}

	private JsonNode view(String id) throws Exception {
		HttpResponse<String> response = call("GET", "/tickets/" + id, null, AGENT);
		return (response.statusCode() == 200) ? this.json.readTree(response.body()) : this.json.createObjectNode();
	}

	private Map<Object, Document> documents() {
		Map<Object, Document> found = new HashMap<>();
		for (Document document : this.database.getCollection(TicketViewProjection.COLLECTION).find()) {
			found.put(document.get("_id"), document);
		}
		return found;
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
