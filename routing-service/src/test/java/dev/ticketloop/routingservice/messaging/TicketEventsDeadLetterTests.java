package dev.ticketloop.routingservice.messaging;

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
import dev.ticketloop.contracts.routing.TriageDecidedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.routingservice.RoutingServiceApplication;
import dev.ticketloop.testsupport.CloudEventsProducer;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.testsupport.TopicRecorder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison record among the ticket events routing reads in batches does not stop its
 * partition: it goes to the dead-letter topic with why and where from, and the ticket's
 * next event, right behind it on the same partition, is triaged.
 */
@IntegrationTest
@SpringBootTest(classes = RoutingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=routing-service", "ticketloop.assignment.enabled=false",
				"ticketloop.security.api-keys[0].name=operator",
				"ticketloop.security.api-keys[0].key=operator-test-key-01",
				"ticketloop.security.api-keys[0].role=OPERATOR" })
class TicketEventsDeadLetterTests {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, RoutingServiceApplication.NAME);
	}

	@LocalServerPort
	int port;

	@Value("${spring.kafka.consumer.group-id}")
	String group;

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void a_poison_record_goes_to_the_dead_letter_topic_and_the_next_event_of_its_ticket_is_handled() throws Exception {
		String ticket = UUID.randomUUID().toString();
		try (TopicRecorder decisions = new TopicRecorder(Topics.ROUTING_DECISIONS);
				CloudEventsProducer producer = new CloudEventsProducer("/ticketloop/ticket-service")) {
			producer.publishRaw(Topics.TICKET_EVENTS, ticket,
					"{\"specversion\":\"1.0\"".getBytes(StandardCharsets.UTF_8));
			producer.publish(new TicketOpenedV1(ticket, "email", "cust-dlt", "ana@example.com", "Ana", "es-ES",
					"No puedo exportar", "La exportación no hace nada", Instant.now(), null, null));
			await().atMost(Duration.ofSeconds(30)).until(() -> !decisions.of(TriageDecidedV1.class, ticket).isEmpty());
		}
		List<JsonNode> letters = await().atMost(Duration.ofSeconds(20))
			.until(() -> lettersAbout(ticket), (found) -> found.size() == 1);
		JsonNode letter = letters.get(0);
		assertThat(letter.get("deadLetterTopic").asString()).isEqualTo(Topics.TICKET_EVENTS + ".dlt");
		assertThat(letter.get("originalTopic").asString()).isEqualTo(Topics.TICKET_EVENTS);
		assertThat(letter.get("consumerGroup").asString()).isEqualTo(this.group);
		assertThat(letter.get("reason").asString()).startsWith("MalformedEventException");
		assertThat(letter.get("state").asString()).isEqualTo("PENDING");
	}

	private List<JsonNode> lettersAbout(String ticket) throws Exception {
		HttpResponse<String> listed = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(
					"http://localhost:" + this.port + "/operations/dead-letter-records?topic=" + Topics.TICKET_EVENTS))
				.header("X-Api-Key", "operator-test-key-01")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
		return this.json.readTree(listed.body())
			.get("items")
			.valueStream()
			.filter((e) -> ticket.equals(e.path("key").asString()))
			.toList();
	}

}
