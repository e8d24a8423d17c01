package dev.ticketloop.ticketservice.intake;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.ticketloop.testsupport.ApiClient;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.ticketservice.TicketServiceApplication;
import dev.ticketloop.ticketservice.ticket.TicketCommand.OpenTicket;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, failures 1 and 3: intake with an {@code Idempotency-Key} when the first
 * attempt died while writing its ticket, and when identical attempts race. Every 201 must
 * name a ticket that exists, and a correct request never gets a 500.
 */
@IntegrationTest
@SpringBootTest(classes = TicketServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:test-api-keys.properties")
class IntakeCrashTests {

	private static final String EMAIL_KEY = "email-adapter-test-key";

	private static final String AGENT_KEY = "agent-maria-key-01";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, TicketServiceApplication.NAME);
	}

	@LocalServerPort
	int port;

	@Autowired
	CommandBus commandBus;

	@Autowired
	MongoDatabase database;

	@Autowired
	EventStore eventStore;

	private final JsonMapper json = JsonMapper.builder().build();

	private ApiClient api;

	/** Customers whose first intake attempt dies before its ticket is written. */
	private final Set<String> dying = ConcurrentHashMap.newKeySet();

	/**
	 * Customers whose intake attempts are held up a random moment before their ticket is
	 * written, as network and scheduling do between processes: any attempt may win.
	 */
	private final Set<String> jittered = ConcurrentHashMap.newKeySet();

	private Registration crash;

	@BeforeEach
	void setUp() {
		this.api = new ApiClient(HttpClient.newHttpClient(), "http://localhost:" + this.port);
		this.crash = this.commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
			if (unitOfWork.getMessage().getPayload() instanceof OpenTicket open
					&& this.dying.remove(open.customerRef())) {
				throw new IllegalStateException("the process died while opening the ticket");
			}
			return chain.proceed();
		});
	}

	@AfterEach
	void tearDown() {
		this.crash.cancel();
	}

	@Test
	void a_retry_after_an_attempt_that_died_long_ago_while_writing_opens_the_ticket() throws Exception {
		String customer = "crash-old-" + UUID.randomUUID();
		String ticket = firstAttemptDiesWhileWriting(customer, "key-" + customer, Instant.now().minusSeconds(60));

		HttpResponse<String> retry = open(customer, "key-" + customer);
		assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
		assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(ticketIdOf(retry)).isEqualTo(ticket);
		assertThat(this.eventStore.lastSequenceNumberFor(ticket)).as("the ticket's first event is stored").isPresent();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.api.send("GET", "/tickets/" + ticket, null, AGENT_KEY).statusCode())
				.isEqualTo(200));
	}

	@Test
	void a_retry_right_after_an_attempt_that_died_while_writing_waits_for_its_claim_to_lapse() throws Exception {
		String customer = "crash-new-" + UUID.randomUUID();
		String ticket = firstAttemptDiesWhileWriting(customer, "key-" + customer, Instant.now());

		HttpResponse<String> retry = open(customer, "key-" + customer);
		assertThat(retry.statusCode()).as(retry.body()).isIn(201, 503);
		if (retry.statusCode() == 503) {
			// it waited as long as it may; the adapter retries after Retry-After
			assertThat(retry.headers().firstValue("Retry-After")).isPresent();
			retry = open(customer, "key-" + customer);
		}
		assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
		assertThat(ticketIdOf(retry)).isEqualTo(ticket);
		assertThat(this.eventStore.lastSequenceNumberFor(ticket)).as("the ticket's first event is stored").isPresent();
	}

	@Test
	void identical_requests_racing_with_one_key_all_get_the_same_ticket_and_none_a_500() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(16);
		try {
			for (int round = 0; round < 12; round++) {
				String customer = "race-" + round + "-" + UUID.randomUUID();
				this.jittered.add(customer);
				CountDownLatch start = new CountDownLatch(1);
				List<Future<HttpResponse<String>>> answers = new ArrayList<>();
				for (int i = 0; i < 16; i++) {
					Callable<HttpResponse<String>> attempt = () -> {
						start.await();
						return open(customer, "key-" + customer);
					};
					answers.add(clients.submit(attempt));
				}
				start.countDown();
				Set<String> tickets = ConcurrentHashMap.newKeySet();
				for (Future<HttpResponse<String>> answer : answers) {
					HttpResponse<String> response = answer.get();
					assertThat(response.statusCode()).as("round %d: %s", round, response.body()).isEqualTo(201);
					tickets.add(ticketIdOf(response));
				}
				assertThat(tickets).as("round %d", round).hasSize(1);
				assertThat(this.eventStore.lastSequenceNumberFor(tickets.iterator().next())).hasValue(0L);
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	/**
	 * What a {@code kill -9} in the middle of writing a ticket leaves: the key recorded,
	 * positions reserved, the ticket's stream claimed, its commit never written.
	 * @return the ticket the key stands for
	 */
	private String firstAttemptDiesWhileWriting(String customer, String key, Instant claimedAt) throws Exception {
		this.dying.add(customer);
		HttpResponse<String> first = open(customer, key);
		assertThat(first.statusCode()).as("the first attempt died").isEqualTo(500);
		Document recorded = this.database.getCollection("intake_idempotency_keys")
			.find(Filters.eq("_id", "email-adapter\n" + key))
			.first();
		assertThat(recorded).as("its key was recorded").isNotNull();
		String ticket = recorded.getString("ticketId");
		Document counter = this.database.getCollection("event_positions")
			.findOneAndUpdate(Filters.eq("_id", "global"), Updates.inc("next", 1),
					new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
		long position = counter.get("next", Number.class).longValue() - 1;
		this.database.getCollection("event_streams")
			.insertOne(new Document("_id", ticket + "/0").append("pos", position)
				.append("last", 0L)
				.append("at", Date.from(claimedAt)));
		return ticket;
	}

	private HttpResponse<String> open(String customer, String key) throws Exception {
		String body = """
				{"channel":"email","customerRef":"%s","contact":{"email":"ana@example.com","name":"Ana"},
				 "locale":"en","subject":"Export","body":"Export does nothing"}""".formatted(customer);
		java.net.http.HttpRequest request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/tickets"))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", EMAIL_KEY)
			.header("Idempotency-Key", key)
			.timeout(Duration.ofSeconds(30))
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String ticketIdOf(HttpResponse<String> response) {
		return this.json.readTree(response.body()).get("ticketId").asString();
	}

}
