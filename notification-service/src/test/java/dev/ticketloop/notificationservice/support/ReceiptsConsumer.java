package dev.ticketloop.notificationservice.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Plays ticket-service's side of the receipts topic: everything published on it. */
public final class ReceiptsConsumer implements AutoCloseable {

	private final List<CloudEvent> received = new CopyOnWriteArrayList<>();

	private final Thread poller;

	private volatile boolean running = true;

	public ReceiptsConsumer() {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "receipts-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer());
		CloudEventCodec codec = new CloudEventCodec();
		consumer.subscribe(List.of(Topics.NOTIFICATION_RECEIPTS));
		this.poller = Thread.ofPlatform().daemon().name("receipts-consumer").start(() -> {
			try (consumer) {
				while (this.running) {
					consumer.poll(Duration.ofMillis(100))
						.forEach((record) -> codec.read(record.value()).ifPresent(this.received::add));
				}
			}
		});
	}

	/** The data of the received events of one type about one ticket. */
	public <T> List<T> of(Class<T> type, String ticketId) {
		return this.received.stream()
			.filter((e) -> ticketId.equals(e.subject()))
			.map(CloudEvent::data)
			.filter(type::isInstance)
			.map(type::cast)
			.toList();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.poller.join(5_000);
	}

}
