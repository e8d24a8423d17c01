package dev.ticketloop.ticketservice.messaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import dev.ticketloop.contracts.Topics;
import dev.ticketloop.infra.embedded.EmbeddedKafka;
import dev.ticketloop.infra.embedded.FreePorts;
import dev.ticketloop.platform.kafka.KafkaOutboxPublisher;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.ticketservice.TicketServiceApplication;
import dev.ticketloop.ticketservice.ticket.Channel;
import dev.ticketloop.ticketservice.ticket.Contact;
import dev.ticketloop.ticketservice.ticket.TicketCommand.OpenTicket;
import dev.ticketloop.ticketservice.ticket.TicketId;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event store is the outbox: while Kafka is away, the publisher's token must not move
 * past the events it could not deliver, and once Kafka is back every one of them is
 * published. Uses a broker of its own so that it can stop and restart it. (With the
 * broker gone, sends fail already when the producer looks for the partition leader; the
 * wait for acknowledgements additionally covers records that leave the producer and are
 * never acknowledged.)
 */
@IntegrationTest
@SpringBootTest(classes = TicketServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=ticket-service", "spring.kafka.producer.properties.request.timeout.ms=1000",
				"spring.kafka.producer.properties.delivery.timeout.ms=3000",
				"spring.kafka.producer.properties.max.block.ms=2000" })
class OutboxPublishingTests {

	private static final int PORT = FreePorts.next();

	private static final Path DATA = tempDir();

	private static EmbeddedKafka broker = EmbeddedKafka.start(DATA, PORT);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, TicketServiceApplication.NAME);
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + PORT);
	}

	@Autowired
	CommandGateway commands;

	@Autowired
	EventStore eventStore;

	@Autowired
	TokenStore tokenStore;

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void events_stored_while_kafka_is_down_hold_the_token_back_and_are_all_published_when_it_returns() {
		Set<String> published = ConcurrentHashMap.newKeySet();
		TicketId before = open();
		awaitPublished(published, Set.of(before.value()));

		broker.close();
		List<TicketId> duringOutage = IntStream.range(0, 5).mapToObj((i) -> open()).toList();
		TrackingToken first = trackingTokenOf(duringOutage.get(0));
		await().pollDelay(Duration.ofSeconds(4))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(storedTokenCovers(duringOutage.get(0), first)).isFalse());

		broker = EmbeddedKafka.start(DATA, PORT);
		awaitPublished(published, Set.copyOf(duringOutage.stream().map(TicketId::value).toList()));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(storedTokenCovers(duringOutage.get(0), first)).isTrue());
	}

	private TicketId open() {
		TicketId id = TicketId.newId();
		this.commands.sendAndWait(new OpenTicket(id, Channel.EMAIL, "cust", new Contact("a@example.com", null),
				Locale.ENGLISH, "Outbox", "Kafka is away"));
		return id;
	}

	private void awaitPublished(Set<String> published, Set<String> expected) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORT, ConsumerConfig.GROUP_ID_CONFIG,
						TestInfrastructure.uniqueDatabase("outbox-reader"), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.TICKET_EVENTS));
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((r) -> published.add(r.key()));
				return published.containsAll(expected);
			});
		}
	}

	private TrackingToken trackingTokenOf(TicketId ticket) {
		try (BlockingStream<TrackedEventMessage<?>> stream = this.eventStore.openStream(null)) {
			while (stream.hasNextAvailable(5, java.util.concurrent.TimeUnit.SECONDS)) {
				TrackedEventMessage<?> event = stream.nextAvailable();
				if (event instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
						&& domain.getAggregateIdentifier().equals(ticket.value())) {
					return event.trackingToken();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new AssertionError("event of " + ticket + " not found in the store");
	}

	/**
	 * Whether the publisher's token for the segment that owns this ticket is past its
	 * event.
	 */
	private boolean storedTokenCovers(TicketId ticket, TrackingToken event) {
		int[] segmentIds = this.tokenStore.fetchSegments(KafkaOutboxPublisher.PROCESSING_GROUP);
		List<Segment> owners = new ArrayList<>();
		for (int id : segmentIds) {
			Segment segment = Segment.computeSegment(id, segmentIds);
			if (segment.matches(ticket.value())) {
				owners.add(segment);
			}
		}
		assertThat(owners).hasSize(1);
		TrackingToken stored = this.tokenStore.fetchToken(KafkaOutboxPublisher.PROCESSING_GROUP,
				owners.get(0).getSegmentId());
		return stored != null && stored.covers(event);
	}

	private static Path tempDir() {
		try {
			return Files.createTempDirectory("outbox-kafka");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
