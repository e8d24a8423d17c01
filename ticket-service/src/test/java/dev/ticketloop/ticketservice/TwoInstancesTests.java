package dev.ticketloop.ticketservice;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ticketloop.testsupport.ApiClient;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.ticketservice.issue.IssueEvent.TicketLinked;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 22: two instances of ticket-service on one database and one consumer group, as
 * two replicas run them. They share every processor's segments; links made through both
 * at once while engineering changes the issue on either are all recorded (none lost to a
 * conflict between the instances); no correct call answers 5xx; when one stops, the other
 * takes all the work.
 */
@IntegrationTest
class TwoInstancesTests {

	private static final String EMAIL_KEY = "email-adapter-test-key";

	private static final String AGENT_KEY = "agent-maria-key-01";

	private static final String ENGINEERING_KEY = "engineering-ci-key-01";

	private static final int TICKETS = 160;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());

	private MongoClient mongo;

	private MongoDatabase database;

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	@BeforeEach
	void start() throws Exception {
		Map<String, Object> properties = new LinkedHashMap<>(
				TestInfrastructure.get().springProperties(TicketServiceApplication.NAME));
		properties.put("server.port", 0);
		Properties keys = new Properties();
		try (var in = getClass().getResourceAsStream("/test-api-keys.properties")) {
			keys.load(in);
		}
		keys.stringPropertyNames()
			.stream()
			.filter((k) -> k.startsWith("ticketloop."))
			.forEach((k) -> properties.put(k, keys.getProperty(k)));
		String[] args = properties.entrySet()
			.stream()
			.map((e) -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		this.first = TicketServiceApplication.builder().run(args);
		this.second = TicketServiceApplication.builder().run(args);
		this.mongo = MongoClients.create(TestInfrastructure.get().mongoConnectionString());
		this.database = this.mongo.getDatabase(String.valueOf(properties.get("ticketloop.mongodb.database")));
	}

	@AfterEach
	void stop() {
		if (this.second != null) {
			this.second.close();
		}
		this.first.close();
		this.mongo.close();
	}

	@Test
	void two_instances_share_the_work_link_every_ticket_answer_no_5xx_and_one_takes_over_when_the_other_stops()
			throws Exception {
		ApiClient a = api(this.first);
		ApiClient b = api(this.second);

		// both hold a fair share of every processor's segments
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(ownersBySegments())
				.allSatisfy((processor, owners) -> assertThat(owners).as(processor)
					.hasSize(2)
					.allSatisfy((owner, segments) -> assertThat(segments).isEqualTo(8))));

		String issue = field(call(a, "POST", "/issues", "{\"title\":\"Export broken\"}", ENGINEERING_KEY), "issueKey");
		List<String> tickets = Collections.synchronizedList(new ArrayList<>());
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> work = new ArrayList<>();
			AtomicInteger n = new AtomicInteger();
			for (int i = 0; i < TICKETS; i++) {
				work.add(clients.submit(() -> {
					int k = n.getAndIncrement();
					ApiClient via = (k % 2 == 0) ? a : b;
					String ticket = field(call(via, "POST", "/tickets", """
							{"channel":"email","customerRef":"two-%d","contact":{"email":"c%d@example.com"},
							 "locale":"en","subject":"Export","body":"Export does nothing"}""".formatted(k, k),
							EMAIL_KEY), "ticketId");
					tickets.add(ticket);
					// the link through the other instance than the intake
					call((k % 2 == 0) ? b : a, "POST", "/tickets/" + ticket + "/issue-link",
							"{\"issueKey\":\"" + issue + "\"}", AGENT_KEY);
					return null;
				}));
			}
			// meanwhile engineering changes the issue through both instances
			call(b, "POST", "/issues/" + issue + "/confirmation", null, ENGINEERING_KEY);
			for (int v = 1; v <= 6; v++) {
				call((v % 2 == 0) ? a : b, "POST", "/issues/" + issue + "/fix-schedule",
						"{\"targetVersion\":\"4.2." + v + "\"}", ENGINEERING_KEY);
				Thread.sleep(300);
			}
			for (Future<?> f : work) {
				f.get();
			}
		}
		finally {
			clients.shutdownNow();
		}
		call(a, "POST", "/issues/" + issue + "/fix-schedule", "{\"targetVersion\":\"4.3.0\"}", ENGINEERING_KEY);

		assertThat(this.serverErrors).as("answers 5xx").isEmpty();
		EventStore store = this.first.getBean(EventStore.class);
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			Set<String> linked = ConcurrentHashMap.newKeySet();
			store.readEvents(issue).asStream().forEach((e) -> {
				if (e.getPayload() instanceof TicketLinked link) {
					linked.add(link.ticketId().value());
				}
			});
			assertThat(linked).as("tickets the issue lists").containsExactlyInAnyOrderElementsOf(tickets);
		});
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			for (String ticket : tickets) {
				JsonNode view = this.json.readTree(call(a, "GET", "/tickets/" + ticket, null, AGENT_KEY).body());
				assertThat(view.get("status").asString()).as(ticket).isEqualTo("AWAITING_RELEASE");
			}
		});

		// the first takes over every segment when the second stops
		this.second.close();
		this.second = null;
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(ownersBySegments())
				.allSatisfy((processor, owners) -> assertThat(owners).as(processor)
					.hasSize(1)
					.allSatisfy((owner, segments) -> assertThat(segments).isEqualTo(16))));
		assertThat(this.serverErrors).as("answers 5xx").isEmpty();
	}

	/**
	 * Per processor: how many segments each owner holds now (unclaimed ones left out).
	 */
	private Map<String, Map<String, Integer>> ownersBySegments() {
		Map<String, Map<String, Integer>> owners = new HashMap<>();
		for (Document token : this.database.getCollection("trackingtokens").find()) {
			String owner = token.getString("owner");
			Map<String, Integer> ofProcessor = owners.computeIfAbsent(token.getString("processorName"),
					(p) -> new HashMap<>());
			if (owner != null) {
				ofProcessor.merge(owner, 1, Integer::sum);
			}
		}
		return owners;
	}

	private HttpResponse<String> call(ApiClient via, String method, String path, String body, String key)
			throws Exception {
		HttpResponse<String> response = via.send(method, path, body, key);
		if (response.statusCode() >= 500) {
			this.serverErrors.add(method + " " + path + " -> " + response.statusCode() + " " + response.body());
		}
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
		return response;
	}

	private String field(HttpResponse<String> response, String name) {
		return this.json.readTree(response.body()).get(name).asString();
	}

	private ApiClient api(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return new ApiClient(this.http, "http://localhost:" + port);
	}

}
