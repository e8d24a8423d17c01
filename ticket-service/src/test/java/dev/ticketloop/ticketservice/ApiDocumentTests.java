package dev.ticketloop.ticketservice;

import java.time.Duration;
import java.util.List;

import dev.ticketloop.testsupport.ApiDocumentCheck;
import dev.ticketloop.testsupport.ApiDocumentCheck.Answer;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20: ticket-service's OpenAPI document says what its endpoints answer. Every
 * operation is called with every key and none, and the loop is walked (intake, the
 * lifecycle, an issue, a release); every answer must be one the document lists for its
 * operation, with its media type, and the document must describe and tag every operation
 * and list errors as problem+json.
 */
@IntegrationTest
@SpringBootTest(classes = TicketServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:test-api-keys.properties")
class ApiDocumentTests {

	private static final String EMAIL = "email-adapter-test-key";

	private static final String CHAT = "chat-adapter-test-key";

	private static final String OPERATOR = "operator-test-key-01";

	private static final String AGENT = "agent-maria-key-01";

	private static final String ENGINEERING = "engineering-ci-key-01";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, TicketServiceApplication.NAME);
	}

	@LocalServerPort
	int port;

	@Test
	void the_document_lists_every_answer_the_endpoints_give() throws Exception {
		ApiDocumentCheck check = new ApiDocumentCheck(this.port, OPERATOR).checkStructure();
		assertThat(check.publicOperations()).isEmpty();
		check.probeEveryOperation(List.of(EMAIL, CHAT, OPERATOR, AGENT, ENGINEERING));

		Answer opened = check.call("POST", "/tickets", """
				{"channel":"email","customerRef":"doc-1","contact":{"email":"doc@example.com"},
				 "locale":"en","subject":"Export","body":"Export does nothing"}""", EMAIL);
		assertThat(opened.status()).isEqualTo(201);
		String t = "/tickets/" + opened.json().get("ticketId").asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> check.call("GET", t, null, AGENT).status() == 200);
		assertThat(check.call("GET", "/tickets?customerRef=doc-1", null, OPERATOR).status()).isEqualTo(200);
		assertThat(check.call("POST", t + "/assignment", "{\"agent\":\"maria\"}", AGENT).status()).isEqualTo(200);
		assertThat(check.call("POST", t + "/clarification-requests", "{\"question\":\"Which app?\"}", AGENT).status())
			.isEqualTo(200);
		assertThat(check.call("POST", t + "/messages", "{\"body\":\"The desktop one\"}", EMAIL).status())
			.isEqualTo(200);
		assertThat(check.call("POST", t + "/replies", "{\"body\":\"Try again now\"}", AGENT).status()).isEqualTo(200);
		assertThat(check.call("POST", t + "/resolution", "{\"resolution\":\"Fixed\"}", AGENT).status()).isEqualTo(200);
		assertThat(check.call("POST", t + "/resolution", "{\"resolution\":\"Fixed\"}", AGENT).status()).isEqualTo(409);
		assertThat(check.call("POST", t + "/reopening", "{\"reason\":\"Not quite\"}", EMAIL).status()).isEqualTo(200);
		assertThat(check.call("POST", t + "/resolution", "{\"resolution\":\"Fixed\"}", AGENT).status()).isEqualTo(200);
		assertThat(check.call("POST", t + "/closure", null, AGENT).status()).isEqualTo(200);
		assertThat(check.call("POST", t + "/rating", "{\"score\":5}", EMAIL).status()).isEqualTo(200);
		assertThat(check.call("POST", t + "/rating", "{\"score\":4}", EMAIL).status()).as("rated once").isEqualTo(409);

		Answer second = check.call("POST", "/tickets", """
				{"channel":"chat","customerRef":"doc-2","contact":{"name":"Doc"},
				 "locale":"en","subject":"Login","body":"Login loops"}""", CHAT);
		String t2 = "/tickets/" + second.json().get("ticketId").asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> check.call("GET", t2, null, AGENT).status() == 200);
		Answer escalated = check.call("POST", t2 + "/escalation", "{\"title\":\"Login loops\"}", AGENT);
		assertThat(escalated.status()).isEqualTo(200);
		Answer issue = check.call("POST", "/issues", "{\"title\":\"Export hangs\"}", ENGINEERING);
		assertThat(issue.status()).isEqualTo(201);
		String key = issue.json().get("issueKey").asString();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> check.call("GET", "/issues/" + key, null, AGENT).status() == 200);
		assertThat(check.call("GET", "/issues/" + key + "/tickets", null, AGENT).status()).isEqualTo(200);
		assertThat(check.call("GET", "/issues/" + key + "?asOf=" + java.time.Instant.now(), null, OPERATOR).status())
			.isEqualTo(200);
		assertThat(check.call("GET", "/issues/" + key + "?asOf=2000-01-01T00:00:00Z", null, OPERATOR).status())
			.isEqualTo(404);
		assertThat(check.call("GET", "/issues/" + key + "/events?limit=1", null, OPERATOR).status()).isEqualTo(200);
		assertThat(check.call("GET", "/issues/" + key + "/events?limit=0", null, OPERATOR).status()).isEqualTo(400);
		assertThat(check.call("GET", t + "/events", null, AGENT).status()).isEqualTo(200);
		assertThat(check.call("POST", "/issues/" + key + "/confirmation", null, ENGINEERING).status()).isEqualTo(200);
		assertThat(check.call("POST", "/issues/" + key + "/confirmation", null, ENGINEERING).status()).isEqualTo(409);
		assertThat(check.call("POST", "/issues/" + key + "/fix-schedule", "{\"targetVersion\":\"2.0\"}", ENGINEERING)
			.status()).isEqualTo(200);
		assertThat(
				check.call("POST", "/releases", "{\"version\":\"2.0\",\"fixedIssues\":[\"" + key + "\"]}", ENGINEERING)
					.status())
			.isEqualTo(200);
		assertThat(check.call("POST", "/issues/" + key + "/decline", "{\"explanation\":\"Too late\"}", ENGINEERING)
			.status()).isEqualTo(409);

		assertThat(check.failures()).isEmpty();
	}

}
