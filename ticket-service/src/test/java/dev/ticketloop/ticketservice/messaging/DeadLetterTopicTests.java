package dev.ticketloop.ticketservice.messaging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.engineering.ReleasePublishedV1;
import dev.ticketloop.testsupport.CloudEventsProducer;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.ticketservice.TicketServiceApplication;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record from another team that cannot be read (not JSON, breaking its schema) lands on
 * its topic's dead-letter topic with why, where from and when, the next record is
 * processed, and operators list, inspect, discard and re-drive dead letters over the API;
 * on the real broker.
 */
@IntegrationTest
@SpringBootTest(classes = TicketServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:test-api-keys.properties")
class DeadLetterTopicTests {

	private static final String OPERATOR = "operator-test-key-01";

	private static final String ENGINEERING = "engineering-ci-key-01";

	private static final String AGENT = "agent-maria-key-01";

	private static final String DLT = Topics.ENGINEERING_RELEASES + ".dlt";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, TicketServiceApplication.NAME);
	}

	@LocalServerPort
	int port;

	@Value("${spring.kafka.consumer.group-id}")
	String group;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void a_malformed_release_goes_to_the_dead_letter_topic_and_the_next_one_is_processed() throws Exception {
		String key = scheduledIssue();
		String releaseKey = "r-" + key;
		try (CloudEventsProducer producer = new CloudEventsProducer("/engineering/ci")) {
			producer.publishRaw(Topics.ENGINEERING_RELEASES, releaseKey, "not json {".getBytes(StandardCharsets.UTF_8));
			producer.publishRaw(Topics.ENGINEERING_RELEASES, releaseKey,
					"""
							{"specversion":"1.0","id":"%s","source":"/engineering/ci",
							 "type":"dev.ticketloop.engineering.release-published.v1","time":"2026-12-07T10:00:00Z",
							 "data":{"releaseId":"%s","fixedIssues":["%s"],"publishedAt":"2026-12-07T10:00:00Z"}}"""
						.formatted(UUID.randomUUID(), releaseKey, key)
						.getBytes(StandardCharsets.UTF_8));
			producer.publish(new ReleasePublishedV1(releaseKey, "2.0.0", List.of(key), Instant.now()));
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "RELEASED"
				.equals(this.json.readTree(get("/issues/" + key, AGENT).body()).path("status").asString()));

		List<JsonNode> letters = await().atMost(Duration.ofSeconds(30))
			.until(() -> lettersWithKey(releaseKey), (found) -> found.size() == 2);
		JsonNode notJson = letters.get(0);
		JsonNode invalid = letters.get(1);
		assertThat(notJson.get("originalTopic").asString()).isEqualTo(Topics.ENGINEERING_RELEASES);
		assertThat(notJson.get("originalOffset").asLong()).isLessThan(invalid.get("originalOffset").asLong());
		assertThat(notJson.get("consumerGroup").asString()).isEqualTo(this.group);
		assertThat(notJson.get("reason").asString()).contains("MalformedEventException");
		assertThat(invalid.get("exception").asString()).isEqualTo("InvalidEventException");
		assertThat(invalid.get("reason").asString()).contains("InvalidEventException")
			.contains("data: required property 'version' not found");
		assertThat(invalid.get("deadLetteredAt").asString()).isNotBlank();
		assertThat(invalid.get("state").asString()).isEqualTo("PENDING");
		assertThat(invalid.has("value") && !invalid.get("value").isNull()).as("a listing shows no values").isFalse();

		HttpResponse<String> one = get(path(invalid), OPERATOR);
		assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
		assertThat(this.json.readTree(one.body()).get("value").asString()).contains("\"releaseId\":\"" + releaseKey);
		assertThat(get(path(invalid), AGENT).statusCode()).as("operators only").isEqualTo(403);

		HttpResponse<String> discarded = post(path(notJson) + "/discard", "{\"note\":\"garbage from a test\"}",
				OPERATOR);
		assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
		assertThat(this.json.readTree(discarded.body()).get("state").asString()).isEqualTo("DISCARDED");
		HttpResponse<String> again = post(path(notJson) + "/redrive", "", OPERATOR);
		assertThat(again.statusCode()).as("handled once").isEqualTo(409);
		assertThat(again.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(get("/operations/dead-letter-records/" + DLT + "/0/999999", OPERATOR).statusCode()).isEqualTo(404);
	}

	@Test
	void a_redriven_dead_letter_is_read_again_from_its_topic() throws Exception {
		String key = scheduledIssue();
		String releaseKey = "r-" + key;
		// a valid release dead-lettered while this service could not handle it
		CloudEvent release = CloudEvent.of(UUID.randomUUID().toString(), "/engineering/ci", Instant.now(),
				new ReleasePublishedV1(releaseKey, "3.0.0", List.of(key), Instant.now()));
		ProducerRecord<String, byte[]> letter = new ProducerRecord<>(DLT, releaseKey,
				new CloudEventCodec().write(release));
		letter.headers()
			.add("kafka_dlt-original-topic", Topics.ENGINEERING_RELEASES.getBytes(StandardCharsets.UTF_8))
			.add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(0).array())
			.add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(7).array())
			.add("kafka_dlt-original-consumer-group", this.group.getBytes(StandardCharsets.UTF_8))
			.add("ticketloop-dlt-reason",
					"AggregateNotFoundException: not there then".getBytes(StandardCharsets.UTF_8));
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()),
				new StringSerializer(), new ByteArraySerializer())) {
			producer.send(letter).get();
		}
		JsonNode pending = await().atMost(Duration.ofSeconds(20))
			.until(() -> lettersWithKey(releaseKey), (found) -> found.size() == 1)
			.get(0);

		HttpResponse<String> redriven = post(path(pending) + "/redrive", "", OPERATOR);
		assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(200);
		assertThat(this.json.readTree(redriven.body()).get("state").asString()).isEqualTo("REDRIVEN");
		assertThat(this.json.readTree(redriven.body()).get("handledBy").asString()).isEqualTo("operator");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "RELEASED"
				.equals(this.json.readTree(get("/issues/" + key, AGENT).body()).path("status").asString()));
		HttpResponse<String> listed = get(
				"/operations/dead-letter-records?topic=" + Topics.ENGINEERING_RELEASES + "&state=pending", OPERATOR);
		assertThat(this.json.readTree(listed.body())
			.get("items")
			.valueStream()
			.filter((e) -> releaseKey.equals(e.path("key").asString()))).isEmpty();
	}

	private List<JsonNode> lettersWithKey(String key) throws Exception {
		HttpResponse<String> listed = get("/operations/dead-letter-records?topic=" + Topics.ENGINEERING_RELEASES,
				OPERATOR);
		assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
		return this.json.readTree(listed.body())
			.get("items")
			.valueStream()
			.filter((e) -> key.equals(e.path("key").asString()))
			.toList();
	}

	private static String path(JsonNode letter) {
		return "/operations/dead-letter-records/" + letter.get("deadLetterTopic").asString() + "/"
				+ letter.get("partition").asInt() + "/" + letter.get("offset").asLong();
	}

	private String scheduledIssue() throws Exception {
		String key = "ENG-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
		assertThat(post("/issues", "{\"issueKey\":\"" + key + "\",\"title\":\"Export broken\",\"description\":\"x\"}",
				ENGINEERING)
			.statusCode()).isEqualTo(201);
		assertThat(post("/issues/" + key + "/confirmation", "", ENGINEERING).statusCode()).isEqualTo(200);
		assertThat(post("/issues/" + key + "/fix-schedule", "{\"targetVersion\":\"2.0.0\"}", ENGINEERING).statusCode())
			.isEqualTo(200);
		return key;
	}

	private HttpResponse<String> get(String path, String key) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("X-Api-Key", key)
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
