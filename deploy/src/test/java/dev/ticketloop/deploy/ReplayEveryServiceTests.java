package dev.ticketloop.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15: every replayable processor of all three services replayed at once over their
 * operations API while tickets keep arriving. The rebuilt read models equal the ones
 * before, record by record, and the replays cause no side effect again: not one more mail
 * (counted at the SMTP server), webhook call (counted at the adapter's receiver) or Kafka
 * record (counted on the topics) about the tickets that existed before.
 */
@IntegrationTest
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class ReplayEveryServiceTests {

	private static final String EMAIL_KEY = "test-email-adapter-key";

	private static final String CHAT_KEY = "test-chat-adapter-key";

	private static final String AGENT_KEY = "test-agent-key-00001";

	private static final String OPERATOR_KEY = "test-operator-key-001";

	/** The read models each service rebuilds, by service. */
	private static final Map<String, List<String>> READ_MODELS = Map.of("ticket-service",
			List.of("ticket_views", "issue_views"), "routing-service", List.of("queue_items", "templates"),
			"notification-service", List.of("dead_letters"));

	private static EmbeddedSmtp smtp;

	private static RunningSystem system;

	private static SystemConfig config;

	private static ChannelAdapterStub chatAdapter;

	private static KafkaConsumer<String, byte[]> observer;

	private static final List<ConsumerRecord<String, byte[]>> observed = new CopyOnWriteArrayList<>();

	private static Thread observerThread;

	private static volatile boolean observing = true;

	private static MongoClient mongo;

	/**
	 * This run's customers: every system of the test JVM reads the same topics, so a
	 * later system acknowledges earlier tests' tickets too; names of their own keep
	 * counts apart.
	 */
	private static String run;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final CloudEventCodec codec = new CloudEventCodec();

	/** How many instances of each service run (one here; two in the subclass). */
	int instances() {
		return 1;
	}

	@BeforeAll
	void startSystem() throws Exception {
		start(instances());
	}

	/** Starts the three services, {@code instances} of each, sharing the processors. */
	static void start(int instances) throws Exception {
		// the class with two instances runs after this one in the same JVM: fresh state
		observing = true;
		observed.clear();
		run = java.util.UUID.randomUUID().toString().substring(0, 8);
		TestInfrastructure infrastructure = TestInfrastructure.get();
		smtp = EmbeddedSmtp.start(0);
		config = new SystemConfig(infrastructure.kafkaBootstrapServers(), infrastructure.mongoConnectionString(),
				TestInfrastructure.uniqueDatabase("replay") + "-", smtp.host(), smtp.port(), 0, 0, 0,
				List.of(new SystemConfig.ApiKey("email-adapter", EMAIL_KEY, "ADAPTER", "email"),
						new SystemConfig.ApiKey("chat-adapter", CHAT_KEY, "ADAPTER", "chat"),
						new SystemConfig.ApiKey("agent", AGENT_KEY, "AGENT", null),
						new SystemConfig.ApiKey("operator", OPERATOR_KEY, "OPERATOR", null)),
				Map.of());
		system = RunningSystem.start(config, instances);
		mongo = MongoClients.create(infrastructure.mongoConnectionString());
		chatAdapter = ChannelAdapterStub.registeredForChat(system.notificationServiceUrl(), CHAT_KEY);
		observer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, config.databaseOf("observer"),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer());
		observer.subscribe(List.of(Topics.TICKET_EVENTS, Topics.ROUTING_DECISIONS, Topics.NOTIFICATION_RECEIPTS,
				Topics.ENGINEERING_ISSUES));
		observerThread = new Thread(() -> {
			while (observing) {
				observer.poll(Duration.ofMillis(200)).forEach(observed::add);
			}
			observer.close();
		}, "replay-observer");
		observerThread.start();
	}

	@AfterAll
	static void stopSystem() throws InterruptedException {
		observing = false;
		observerThread.join(5_000);
		chatAdapter.close();
		system.close();
		smtp.close();
		mongo.close();
	}

	@Test
	void replaying_every_read_model_while_tickets_arrive_rebuilds_them_and_repeats_no_side_effect() throws Exception {
		Map<String, String> before = new LinkedHashMap<>();
		for (int i = 0; i < 12; i++) {
			String channel = (i % 2 == 0) ? "email" : "chat";
			String customer = run + "-before-" + i;
			before.put(open(channel, customer), customer);
		}
		for (String ticket : before.keySet()) {
			awaitView(ticket);
		}
		String first = before.keySet().iterator().next();
		assertThat(
				post(system.ticketServiceUrl(), "/tickets/" + first + "/assignment", "{\"agent\":\"agent\"}", AGENT_KEY)
					.statusCode())
			.isEqualTo(200);
		assertThat(post(system.ticketServiceUrl(), "/tickets/" + first + "/replies", "{\"body\":\"On it.\"}", AGENT_KEY)
			.statusCode()).isEqualTo(200);
		String escalated = new ArrayList<>(before.keySet()).get(1);
		assertThat(post(system.ticketServiceUrl(), "/tickets/" + escalated + "/escalation", "{\"title\":\"Replays\"}",
				AGENT_KEY)
			.statusCode()).isEqualTo(200);
		awaitQuiet(before);

		Map<String, Map<Object, Document>> models = stableModels(before.keySet());
		assertThat(models.get("ticket-service/ticket_views")).hasSizeGreaterThanOrEqualTo(before.size());
		assertThat(models.get("routing-service/queue_items")).isNotEmpty();
		Map<String, Integer> sideEffects = sideEffects(before);
		assertThat(sideEffects.get("mails")).isPositive();
		assertThat(sideEffects.get("webhooks")).isPositive();
		assertThat(sideEffects.get("records")).isPositive();

		AtomicBoolean arriving = new AtomicBoolean(true);
		Set<String> arrived = ConcurrentHashMap.newKeySet();
		AtomicInteger failures = new AtomicInteger();
		Thread arrivals = Thread.ofPlatform().start(() -> {
			for (int i = 0; arriving.get(); i++) {
				try {
					arrived.add(open((i % 2 == 0) ? "chat" : "email", run + "-arriving-" + i));
					Thread.sleep(300);
				}
				catch (Exception ex) {
					failures.incrementAndGet();
				}
			}
		});
		List<String[]> replayed = new ArrayList<>();
		for (String service : READ_MODELS.keySet()) {
			String url = url(service);
			for (JsonNode processor : this.json.readTree(get(url, "/operations/processors", OPERATOR_KEY).body())) {
				String name = processor.get("name").asString();
				HttpResponse<String> replay = post(url, "/operations/processors/" + name + "/replay", null,
						OPERATOR_KEY);
				if (processor.get("replayable").asBoolean()) {
					assertThat(replay.statusCode()).as(service + " " + name + ": " + replay.body()).isEqualTo(202);
					replayed.add(new String[] { service, name });
				}
				else {
					assertThat(replay.statusCode()).as(service + " " + name).isEqualTo(409);
				}
			}
		}
		assertThat(replayed).extracting((r) -> r[0])
			.contains("ticket-service", "routing-service", "notification-service");
		for (String[] processor : replayed) {
			await().atMost(Duration.ofSeconds(90))
				.until(() -> "DONE".equals(this.json
					.readTree(get(url(processor[0]), "/operations/processors/" + processor[1], OPERATOR_KEY).body())
					.path("replay")
					.path("state")
					.asString("")));
		}
		arriving.set(false);
		arrivals.join();
		assertThat(failures.get()).as("intake failures during the replays").isZero();
		assertThat(arrived).isNotEmpty();
		awaitQuiet(before);

		Map<String, Map<Object, Document>> rebuilt = stableModels(before.keySet());
		models.forEach((model, documents) -> documents.forEach(
				(id, document) -> assertThat(rebuilt.get(model).get(id)).as(model + " " + id).isEqualTo(document)));
		assertThat(sideEffects(before)).as("mails, webhook calls and records about the tickets from before")
			.isEqualTo(sideEffects);
		for (String ticket : arrived) {
			awaitView(ticket);
		}
	}

	/**
	 * Waits until every processor of every service caught up and nothing more happens.
	 */
	private void awaitQuiet(Map<String, String> tickets) throws Exception {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			for (String service : READ_MODELS.keySet()) {
				for (JsonNode processor : this.json
					.readTree(get(url(service), "/operations/processors", OPERATOR_KEY).body())) {
					if (processor.get("lagEvents").asLong() > 0) {
						return false;
					}
				}
			}
			return true;
		});
		Map<String, Integer> last = sideEffects(tickets);
		for (int stable = 0; stable < 3;) {
			Thread.sleep(1_000);
			Map<String, Integer> now = sideEffects(tickets);
			stable = now.equals(last) ? stable + 1 : 0;
			last = now;
		}
	}

	/** Mails, webhook calls and Kafka records about these tickets so far. */
	private Map<String, Integer> sideEffects(Map<String, String> tickets) throws Exception {
		Set<String> addresses = new HashSet<>();
		tickets.values().forEach((customer) -> addresses.add(customer + "@replay.example"));
		int mails = 0;
		for (MimeMessage mail : smtp.receivedMessages()) {
			for (jakarta.mail.Address to : mail.getRecipients(Message.RecipientType.TO)) {
				if (addresses.contains(to.toString())) {
					mails++;
				}
			}
		}
		int webhooks = 0;
		for (String ticket : tickets.keySet()) {
			webhooks += chatAdapter.about(ticket).size();
		}
		int records = (int) observed.stream()
			.map((r) -> this.codec.read(r.value()))
			.flatMap(java.util.Optional::stream)
			.filter((e) -> tickets.containsKey(e.subject()))
			.count();
		Map<String, Integer> counts = new HashMap<>();
		counts.put("mails", mails);
		counts.put("webhooks", webhooks);
		counts.put("records", records);
		return counts;
	}

	/**
	 * The read models' records of these tickets, once every ticket was acknowledged and
	 * they did not change for three seconds.
	 */
	private Map<String, Map<Object, Document>> stableModels(Set<String> tickets) throws Exception {
		for (String ticket : tickets) {
			try {
				await().atMost(Duration.ofSeconds(60))
					.until(() -> get(system.ticketServiceUrl(), "/tickets/" + ticket, AGENT_KEY).body()
						.contains("CustomerNotified"));
			}
			catch (org.awaitility.core.ConditionTimeoutException ex) {
				// what the ticket and its acknowledgement went through, for the reader of
				// a
				// failure
				throw new AssertionError("No receipt for ticket " + ticket + " within 60 s.\nIts view: "
						+ get(system.ticketServiceUrl(), "/tickets/" + ticket, AGENT_KEY).body()
						+ "\nIts acknowledgement: " + get(system.notificationServiceUrl(),
								"/notifications/" + ticket + ":acknowledgement", OPERATOR_KEY)
							.body(),
						ex);
			}
		}
		Map<String, Map<Object, Document>> last = readModels(tickets);
		for (int stable = 0; stable < 3;) {
			Thread.sleep(1_000);
			Map<String, Map<Object, Document>> now = readModels(tickets);
			stable = now.equals(last) ? stable + 1 : 0;
			last = now;
		}
		return last;
	}

	private Map<String, Map<Object, Document>> readModels(Set<String> tickets) {
		Map<String, Map<Object, Document>> models = new HashMap<>();
		READ_MODELS.forEach((service, collections) -> {
			for (String collection : collections) {
				Map<Object, Document> documents = new HashMap<>();
				for (Document document : mongo.getDatabase(config.databaseOf(service))
					.getCollection(collection)
					.find()) {
					Object ticket = (document.get("ticketId") != null) ? document.get("ticketId") : document.get("_id");
					// the template library is the system's own, whole (its seed at least)
					if (collection.equals("templates") || tickets.contains(String.valueOf(ticket))) {
						documents.put(document.get("_id"), document);
					}
				}
				models.put(service + "/" + collection, documents);
			}
		});
		return models;
	}

	/**
	 * Opens a billing ticket: every system of the test JVM reads the same topics, and
	 * billing's queue is one the other end-to-end tests' agents do not take from.
	 */
	private String open(String channel, String customer) throws Exception {
		String contact = channel.equals("email") ? "{\"email\":\"" + customer + "@replay.example\",\"name\":\"R\"}"
				: "{\"name\":\"R\"}";
		HttpResponse<String> response = post(system.ticketServiceUrl(), "/tickets", """
				{"channel":"%s","customerRef":"%s","contact":%s,"locale":"en","subject":"Replay %s",
				 "body":"The invoice total is wrong"}""".formatted(channel, customer, contact, customer),
				channel.equals("email") ? EMAIL_KEY : CHAT_KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return this.json.readTree(response.body()).get("ticketId").asString();
	}

	private void awaitView(String ticket) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get(system.ticketServiceUrl(), "/tickets/" + ticket, AGENT_KEY).statusCode() == 200);
	}

	private static String url(String service) {
		return switch (service) {
			case "ticket-service" -> system.ticketServiceUrl();
			case "routing-service" -> system.routingServiceUrl();
			default -> system.notificationServiceUrl();
		};
	}

	private HttpResponse<String> get(String base, String path, String key) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Api-Key", key).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String base, String path, String body, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.header("X-Api-Key", key)
			.POST((body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
