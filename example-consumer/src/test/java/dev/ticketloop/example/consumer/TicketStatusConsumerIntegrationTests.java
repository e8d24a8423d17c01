package dev.ticketloop.example.consumer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.ticket.TicketAssignedV1;
import dev.ticketloop.contracts.ticket.TicketEscalatedV1;
import dev.ticketloop.contracts.ticket.TicketFixScheduledV1;
import dev.ticketloop.contracts.ticket.TicketResolvedV1;
import dev.ticketloop.contracts.ticket.TicketTriagedV1;
import dev.ticketloop.example.consumer.TicketStatusConsumer.Counts;
import dev.ticketloop.example.consumer.TicketStatusConsumer.Settings;
import dev.ticketloop.infra.embedded.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.ticketloop.example.consumer.TicketStatusesTests.AT;
import static dev.ticketloop.example.consumer.TicketStatusesTests.opened;
import static org.assertj.core.api.Assertions.assertThat;

/** The consumer against a real Kafka broker (the embedded one, in this JVM). */
@Tag("integration")
class TicketStatusConsumerIntegrationTests {

	static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(15);

	@TempDir
	static Path dir;

	static EmbeddedKafka kafka;

	static KafkaProducer<String, byte[]> producer;

	final CloudEventCodec codec = new CloudEventCodec();

	@BeforeAll
	static void startBroker() {
		kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
	}

	@AfterAll
	static void stopBroker() {
		if (producer != null) {
			producer.close();
		}
		if (kafka != null) {
			kafka.close();
		}
	}

	@Test
	void each_tickets_status_is_rebuilt_from_the_topic_past_a_duplicate_a_malformed_record_and_an_unknown_type()
			throws Exception {
		String topic = Topics.TICKET_EVENTS;
		createTopic(topic);
		String first = UUID.randomUUID().toString();
		String second = UUID.randomUUID().toString();
		String firstOpened = publish(topic, opened(first));
		publish(topic, opened(second));
		publish(topic, new TicketTriagedV1(first, "d-1", "high", AT, AT));
		publish(topic, new TicketAssignedV1(first, "maria", AT));
		publish(topic, new TicketEscalatedV1(second, "ISS-7K3QF2MA", false, AT));
		send(topic, second, "{\"specversion\":\"1.0\",\"id\":".getBytes(StandardCharsets.UTF_8));
		publish(topic, new TicketResolvedV1(first, "Caché", true, AT, "agent"));
		publish(topic, new TicketFixScheduledV1(second, "ISS-7K3QF2MA", "2.4.0", AT));
		send(topic, first,
				this.codec.writeAsString(event(UUID.randomUUID().toString(), opened(first)))
					.replace("dev.ticketloop.ticket.opened.v1", "dev.ticketloop.ticket.teleported.v1")
					.getBytes(StandardCharsets.UTF_8));
		// the opening again, with its id, after the resolution: as a republish sends it
		publish(topic, firstOpened, opened(first));

		TicketStatuses statuses = new TicketStatuses();
		String group = "example-" + UUID.randomUUID();
		Counts counts = runUntilCaughtUp(new Settings(kafka.bootstrapServers(), group, topic, false), statuses);

		assertThat(statuses.ticket(first)).get()
			.returns(TicketStatus.RESOLVED, TicketState::status)
			.returns(true, TicketState::fromOpening)
			.returns("email", TicketState::channel)
			.returns("es-MX", TicketState::locale)
			.returns(4, TicketState::events);
		// the record after the malformed one on the same partition (same key) was applied
		assertThat(statuses.ticket(second)).get()
			.returns(TicketStatus.AWAITING_RELEASE, TicketState::status)
			.returns("ISS-7K3QF2MA", TicketState::issueKey)
			.returns(3, TicketState::events);
		assertThat(counts).isEqualTo(new Counts(10, 7, 1, 1, 0, 1));
		assertThat(committedOffsets(group, topic)).isEqualTo(endOffsets(topic));
	}

	@Test
	void a_consumer_restarted_in_its_group_goes_on_after_what_it_committed_unless_told_to_read_from_the_beginning()
			throws Exception {
		String topic = "ticketloop.replay.example-consumer-test";
		createTopic(topic);
		String ticket = UUID.randomUUID().toString();
		publish(topic, opened(ticket));
		publish(topic, new TicketAssignedV1(ticket, "maria", AT));
		String group = "example-" + UUID.randomUUID();
		Counts firstRun = runUntilCaughtUp(new Settings(kafka.bootstrapServers(), group, topic, false),
				new TicketStatuses());
		assertThat(firstRun.applied()).isEqualTo(2);

		publish(topic, new TicketResolvedV1(ticket, "Caché", false, AT, "agent"));
		TicketStatuses goingOn = new TicketStatuses();
		Counts secondRun = runUntilCaughtUp(new Settings(kafka.bootstrapServers(), group, topic, false), goingOn);
		TicketStatuses fromTheBeginning = new TicketStatuses();
		Counts thirdRun = runUntilCaughtUp(new Settings(kafka.bootstrapServers(), group, topic, true),
				fromTheBeginning);

		assertThat(secondRun.records()).isEqualTo(1);
		assertThat(goingOn.ticket(ticket)).get()
			.returns(TicketStatus.RESOLVED, TicketState::status)
			.returns(false, TicketState::fromOpening)
			.returns(null, TicketState::channel);
		assertThat(thirdRun.records()).isEqualTo(3);
		assertThat(fromTheBeginning.ticket(ticket)).get()
			.returns(TicketStatus.RESOLVED, TicketState::status)
			.returns(true, TicketState::fromOpening)
			.returns(3, TicketState::events);
	}

	/** Runs a consumer on a thread of its own until it read to the end, then stops it. */
	private static Counts runUntilCaughtUp(Settings settings, TicketStatuses statuses) throws InterruptedException {
		TicketStatusConsumer consumer = TicketStatusConsumer.connect(settings, statuses, (ticket) -> {
		});
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread thread = Thread.ofPlatform().name("ticket-status-consumer").start(() -> {
			try {
				consumer.run();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		boolean caughtUp = consumer.awaitCaughtUp(CATCH_UP_TIMEOUT);
		consumer.stop();
		thread.join(Duration.ofSeconds(10));
		assertThat(thread.isAlive()).as("consumer thread still running after stop").isFalse();
		assertThat(failure.get()).isNull();
		assertThat(caughtUp).as("caught up within %s", CATCH_UP_TIMEOUT).isTrue();
		return consumer.counts();
	}

	private String publish(String topic, IntegrationEvent data) throws Exception {
		return publish(topic, UUID.randomUUID().toString(), data);
	}

	private String publish(String topic, String eventId, IntegrationEvent data) throws Exception {
		send(topic, data.subjectId(), this.codec.write(event(eventId, data)));
		return eventId;
	}

	private static CloudEvent event(String eventId, IntegrationEvent data) {
		return CloudEvent.of(eventId, "/ticketloop/ticket-service", Instant.now(), data);
	}

	private static void send(String topic, String key, byte[] value) throws Exception {
		producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
	}

	private static void createTopic(String topic) throws Exception {
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(10, TimeUnit.SECONDS);
		}
	}

	private static Map<TopicPartition, Long> committedOffsets(String group, String topic)
			throws ExecutionException, InterruptedException {
		try (Admin admin = admin()) {
			return admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get()
				.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().topic().equals(topic) && entry.getValue().offset() > 0)
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
		}
	}

	/** The partitions' end offsets, of those that have records. */
	private static Map<TopicPartition, Long> endOffsets(String topic) throws ExecutionException, InterruptedException {
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, 3)
				.mapToObj((partition) -> new TopicPartition(topic, partition))
				.collect(Collectors.toMap(Function.identity(), (partition) -> OffsetSpec.latest()));
			return admin.listOffsets(latest)
				.all()
				.get()
				.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().offset() > 0)
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
		}
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
	}

}
