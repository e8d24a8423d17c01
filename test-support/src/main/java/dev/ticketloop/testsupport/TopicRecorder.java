package dev.ticketloop.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Plays a consumer of another team in a test: records every CloudEvent published on a
 * topic of the real broker, from its start, in a consumer group of its own.
 */
public final class TopicRecorder implements AutoCloseable {

	private final List<CloudEvent> received = new CopyOnWriteArrayList<>();

	private final List<String> rejected = new CopyOnWriteArrayList<>();

	private final Thread poller;

	private volatile boolean running = true;

	public TopicRecorder(String topic) {
		this(topic, TestInfrastructure.get().kafkaBootstrapServers());
	}

	/** Records the topic of the broker at {@code bootstrapServers}. */
	public TopicRecorder(String topic, String bootstrapServers) {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"recorder-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer());
		CloudEventCodec codec = new CloudEventCodec();
		consumer.subscribe(List.of(topic));
		this.poller = Thread.ofPlatform().daemon().name("recorder-" + topic).start(() -> {
			try (consumer) {
				while (this.running) {
					consumer.poll(Duration.ofMillis(100)).forEach((record) -> {
						try {
							codec.read(record.value()).ifPresent(this.received::add);
						}
						catch (CloudEventCodec.MalformedEventException ex) {
							this.rejected.add(record.topic() + "/" + record.partition() + "/" + record.offset() + ": "
									+ ex.getMessage());
						}
					});
				}
			}
		});
	}

	/**
	 * Records that were not valid CloudEvents of their schema (where and why): a
	 * published record the contract does not allow.
	 */
	public List<String> rejected() {
		return List.copyOf(this.rejected);
	}

	/** The data of the recorded events of one type about one subject, in order. */
	public <T> List<T> of(Class<T> type, String subject) {
		return this.received.stream()
			.filter((e) -> subject.equals(e.subject()))
			.map(CloudEvent::data)
			.filter(type::isInstance)
			.map(type::cast)
			.toList();
	}

	/** Every recorded event, in order. */
	public List<CloudEvent> all() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.poller.join(5_000);
	}

}
