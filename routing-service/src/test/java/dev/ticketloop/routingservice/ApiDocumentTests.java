package dev.ticketloop.routingservice;

import java.util.List;

import dev.ticketloop.testsupport.ApiDocumentCheck;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: routing-service's OpenAPI document says what its endpoints answer: every
 * operation called with every key and none, then agents, queues, a live stream and a
 * what-if; every answer must be one the document lists, with its media type.
 */
@IntegrationTest
@SpringBootTest(classes = RoutingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=routing-service", "ticketloop.assignment.enabled=false",
				"ticketloop.security.api-keys[0].name=operator",
				"ticketloop.security.api-keys[0].key=operator-test-key-01",
				"ticketloop.security.api-keys[0].role=OPERATOR", "ticketloop.security.api-keys[1].name=maria",
				"ticketloop.security.api-keys[1].key=agent-maria-key-01",
				"ticketloop.security.api-keys[1].role=AGENT" })
class ApiDocumentTests {

	private static final String OPERATOR = "operator-test-key-01";

	private static final String MARIA = "agent-maria-key-01";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, RoutingServiceApplication.NAME);
	}

	@LocalServerPort
	int port;

	@Test
	void the_document_lists_every_answer_the_endpoints_give() throws Exception {
		ApiDocumentCheck check = new ApiDocumentCheck(this.port, OPERATOR).checkStructure();
		assertThat(check.publicOperations()).isEmpty();
		check.probeEveryOperation(List.of(OPERATOR, MARIA));

		assertThat(check
			.call("PUT", "/agents/maria", """
					{"name":"Maria","teams":["billing"],"skills":["refunds"],"languages":["es","en"],"capacity":5}""",
					OPERATOR)
			.status()).isEqualTo(200);
		assertThat(check.call("GET", "/agents", null, MARIA).status()).isEqualTo(200);
		assertThat(check.call("PUT", "/agents/maria/availability", "{\"available\":true}", MARIA).status())
			.isEqualTo(200);
		assertThat(check.call("GET", "/queues", null, MARIA).status()).isEqualTo(200);
		assertThat(check.call("GET", "/queues/billing?limit=10", null, MARIA).status()).isEqualTo(200);
		assertThat(check.call("GET", "/queues/billing/stream", null, MARIA).status()).isEqualTo(200);
		assertThat(check.call("POST", "/sla/what-if",
				"""
						{"policy":"standard","firstResponse":"PT20M","from":"2026-12-01T00:00:00Z","to":"2026-12-02T00:00:00Z"}""",
				OPERATOR)
			.status()).isEqualTo(200);

		String clock = "/tickets/" + java.util.UUID.randomUUID() + "/sla-clock";
		assertThat(check.call("GET", clock, null, MARIA).status()).isEqualTo(404);
		assertThat(check.call("GET", clock + "?asOf=nope", null, OPERATOR).status()).isEqualTo(400);
		assertThat(check.call("GET", clock + "/events?limit=0", null, OPERATOR).status()).isEqualTo(400);

		assertThat(check.failures()).isEmpty();
	}

}
