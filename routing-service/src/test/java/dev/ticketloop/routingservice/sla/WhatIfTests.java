package dev.ticketloop.routingservice.sla;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.routing.SlaTargetMetV1;
import dev.ticketloop.contracts.ticket.AgentRepliedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.routingservice.RoutingServiceApplication;
import dev.ticketloop.testsupport.CloudEventsProducer;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.MutableClock;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.testsupport.TopicRecorder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
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
 * A policy change replayed over the recorded history: three VIP tickets answered after 5,
 * 25 and 40 working minutes attain 2 of 3 under today's 30 minutes and would attain 1 of
 * 3 under 20 minutes.
 */
@IntegrationTest
@Import(WhatIfTests.ControlledClock.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(classes = RoutingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=routing-service", "ticketloop.assignment.enabled=false",
				"ticketloop.security.api-keys[0].name=operator",
				"ticketloop.security.api-keys[0].key=operator-test-key-01",
				"ticketloop.security.api-keys[0].role=OPERATOR", "ticketloop.security.api-keys[1].name=maria",
				"ticketloop.security.api-keys[1].key=agent-maria-key-01",
				"ticketloop.security.api-keys[1].role=AGENT" })
class WhatIfTests {

	static final MutableClock CLOCK = MutableClock.at(madrid("2026-12-14T10:00"));

	@LocalServerPort
	int port;

	private final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, RoutingServiceApplication.NAME);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ControlledClock {

		@Bean
		java.time.Clock clock() {
			return CLOCK;
		}

	}

	@Test
	void a_tighter_first_response_target_replayed_over_history_shows_the_attainment_it_would_have_had()
			throws Exception {
		Instant opened = CLOCK.instant();
		try (CloudEventsProducer tickets = new CloudEventsProducer("/ticketloop/ticket-service");
				TopicRecorder decisions = new TopicRecorder(Topics.ROUTING_DECISIONS)) {
			List<String> answered = List.of(5, 25, 40).stream().map((minutes) -> {
				String ticket = UUID.randomUUID().toString();
				tickets.publish(new TicketOpenedV1(ticket, "email", "cust-1", "ana@example.com", "Ana", "en", "Broken",
						"Something is broken", opened, null, "vip"));
				tickets.publish(new AgentRepliedV1(ticket, "maria", "On it", opened.plus(Duration.ofMinutes(minutes))));
				return ticket;
			}).toList();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> answered.stream().allMatch((t) -> !decisions.of(SlaTargetMetV1.class, t).isEmpty()));
		}
		CLOCK.set(opened.plus(Duration.ofHours(2)));

		// only the tickets of this test: opened at that instant (others on the broker are
		// not)
		HttpResponse<String> response = post("/sla/what-if",
				"{\"policy\":\"vip\",\"firstResponse\":\"PT20M\",\"from\":\"" + opened + "\",\"to\":\""
						+ opened.plusSeconds(1) + "\"}",
				"operator-test-key-01");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode whatIf = this.json.readTree(response.body());
		assertThat(whatIf.get("tickets").asInt()).isEqualTo(3);
		JsonNode current = whatIf.get("current").get("first_response");
		JsonNode candidate = whatIf.get("candidate").get("first_response");
		assertThat(current.get("met").asInt()).isEqualTo(2);
		assertThat(current.get("missed").asInt()).isEqualTo(1);
		assertThat(candidate.get("met").asInt()).isEqualTo(1);
		assertThat(candidate.get("missed").asInt()).isEqualTo(2);
		assertThat(candidate.get("attainment").asDouble()).isCloseTo(1.0 / 3,
				org.assertj.core.data.Offset.offset(1e-9));

		// the durations of the service's own configuration (30m, 2h, 1d) are accepted too
		HttpResponse<String> simple = post("/sla/what-if", "{\"policy\":\"vip\",\"firstResponse\":\"20m\",\"from\":\""
				+ opened + "\",\"to\":\"" + opened.plusSeconds(1) + "\"}", "operator-test-key-01");
		assertThat(simple.statusCode()).as(simple.body()).isEqualTo(200);
		assertThat(this.json.readTree(simple.body()).get("candidate")).isEqualTo(whatIf.get("candidate"));
		HttpResponse<String> unreadable = post("/sla/what-if", "{\"policy\":\"vip\",\"firstResponse\":\"20 minutes\"}",
				"operator-test-key-01");
		assertThat(unreadable.statusCode()).as(unreadable.body()).isEqualTo(400);
		assertThat(this.json.readTree(unreadable.body()).get("detail").asString()).as("says what is accepted")
			.contains("firstResponse", "20 minutes", "PT30M", "30m");
		HttpResponse<String> noUnit = post("/sla/what-if", "{\"policy\":\"vip\",\"resolution\":1800}",
				"operator-test-key-01");
		assertThat(noUnit.statusCode()).as(noUnit.body()).isEqualTo(400);
		assertThat(this.json.readTree(noUnit.body()).get("detail").asString())
			.as("a bare number is not taken as the configuration's milliseconds")
			.contains("resolution", "no unit", "30m");

		assertThat(post("/sla/what-if", "{\"policy\":\"vip\"}", "agent-maria-key-01").statusCode()).isEqualTo(403);
		assertThat(post("/sla/what-if", "{\"policy\":\"gold\"}", "operator-test-key-01").statusCode()).isEqualTo(400);
		assertThat(
				post("/sla/what-if", "{\"policy\":\"vip\",\"calendar\":\"mars\"}", "operator-test-key-01").statusCode())
			.isEqualTo(400);
	}

	@Test
	void a_period_in_which_nothing_was_met_or_missed_has_no_attainment_rather_than_a_perfect_one() throws Exception {
		HttpResponse<String> response = post("/sla/what-if",
				"{\"policy\":\"vip\",\"firstResponse\":\"PT20M\",\"from\":\"2020-01-01T00:00:00Z\",\"to\":\"2020-01-02T00:00:00Z\"}",
				"operator-test-key-01");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode whatIf = this.json.readTree(response.body());
		assertThat(whatIf.get("tickets").asInt()).isZero();
		for (String side : List.of("current", "candidate")) {
			JsonNode firstResponse = whatIf.get(side).get("first_response");
			assertThat(firstResponse.get("met").asInt()).isZero();
			assertThat(firstResponse.get("missed").asInt()).isZero();
			assertThat(firstResponse.get("attainment").isNull()).as(side + ": " + firstResponse).isTrue();
			assertThat(firstResponse.path("note").asString()).as(side).contains("undefined");
		}
	}

	private HttpResponse<String> post(String path, String body, String key) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("Content-Type", "application/json")
				.header("X-Api-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
