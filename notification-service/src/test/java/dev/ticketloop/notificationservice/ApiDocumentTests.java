package dev.ticketloop.notificationservice;

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
 * Issue 20: notification-service's OpenAPI document says what its endpoints answer, the
 * survey endpoints as public: every operation called with every key and none, then a
 * webhook's whole life (201, 200, rotation, 204, 404) and the dead letters; every answer
 * must be one the document lists, with its media type.
 */
@IntegrationTest
@SpringBootTest(classes = NotificationServiceApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=notification-service", "ticketloop.webhooks.allowed-hosts=127.0.0.1",
				"ticketloop.surveys.signing-secret=test-survey-signing-secret-0123456789",
				"ticketloop.security.api-keys[0].name=operator",
				"ticketloop.security.api-keys[0].key=operator-test-key-01",
				"ticketloop.security.api-keys[0].role=OPERATOR", "ticketloop.security.api-keys[1].name=chat-adapter",
				"ticketloop.security.api-keys[1].key=chat-adapter-test-key",
				"ticketloop.security.api-keys[1].role=ADAPTER", "ticketloop.security.api-keys[1].channel=chat" })
class ApiDocumentTests {

	private static final String OPERATOR = "operator-test-key-01";

	private static final String CHAT = "chat-adapter-test-key";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, NotificationServiceApplication.NAME);
	}

	@LocalServerPort
	int port;

	@Test
	void the_document_lists_every_answer_the_endpoints_give() throws Exception {
		ApiDocumentCheck check = new ApiDocumentCheck(this.port, OPERATOR).checkStructure();
		assertThat(check.publicOperations()).containsExactlyInAnyOrder("GET /surveys/{token}", "POST /surveys/{token}");
		check.probeEveryOperation(List.of(OPERATOR, CHAT));

		String hook = "{\"url\":\"http://127.0.0.1:9/hook\"}";
		assertThat(check.call("PUT", "/webhooks/chat", hook, CHAT).status()).isEqualTo(201);
		assertThat(check.call("PUT", "/webhooks/chat", hook, CHAT).status()).isEqualTo(200);
		assertThat(check.call("GET", "/webhooks/chat", null, OPERATOR).status()).isEqualTo(200);
		assertThat(check.call("POST", "/webhooks/chat/secret-rotation", null, CHAT).status()).isEqualTo(200);
		assertThat(check.call("DELETE", "/webhooks/chat", null, CHAT).status()).isEqualTo(204);
		assertThat(check.call("GET", "/webhooks/chat", null, CHAT).status()).isEqualTo(404);
		assertThat(check.call("PUT", "/webhooks/chat", "{\"url\":\"https://10.0.0.1/hook\"}", CHAT).status())
			.isEqualTo(422);
		assertThat(check.call("GET", "/dead-letters?limit=5", null, OPERATOR).status()).isEqualTo(200);
		assertThat(check.call("GET", "/surveys/not-a-token", null, null).status()).isEqualTo(401);
		assertThat(check.call("GET", "/notifications/nope:acknowledgement?asOf=2026-12-01T00:00:00Z", null, OPERATOR)
			.status()).isEqualTo(404);
		assertThat(check.call("GET", "/notifications/nope:acknowledgement?asOf=never", null, OPERATOR).status())
			.isEqualTo(400);
		assertThat(check.call("GET", "/notifications/nope:acknowledgement/events?limit=0", null, OPERATOR).status())
			.isEqualTo(400);

		assertThat(check.failures()).isEmpty();
	}

}
