package dev.ticketloop.testsupport;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.EventType;
import dev.ticketloop.contracts.IntegrationEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays another service in a test: publishes published-language events to the real
 * broker, as CloudEvents on their topic, keyed by subject.
 */
public final class CloudEventsProducer implements AutoCloseable {

	private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
			Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
					ProducerConfig.ACKS_CONFIG, "all"),
			new StringSerializer(), new ByteArraySerializer());

	private final CloudEventCodec codec = new CloudEventCodec();

	private final String source;

	public CloudEventsProducer(String source) {
		this.source = source;
	}

	/** Publishes the event with a fresh CloudEvents id; returns the id. */
	public String publish(IntegrationEvent data) {
		return publish(UUID.randomUUID().toString(), data);
	}

	/** Publishes the event with this id (the same id twice is a redelivery). */
	public String publish(String eventId, IntegrationEvent data) {
		CloudEvent event = CloudEvent.of(eventId, this.source, Instant.now(), data);
		byte[] value = this.codec.write(event);
		java.util.List<String> violations = this.codec.violations(value);
		if (!violations.isEmpty()) {
			throw new IllegalArgumentException("The test publishes an event its schema refuses: " + violations);
		}
		publishRaw(EventType.of(data).topic(), data.subjectId(), value);
		return eventId;
	}

	/**
	 * Publishes bytes as they are, valid or not (a malformed record from another team).
	 */
	public void publishRaw(String topic, String key, byte[] value) {
		try {
			this.producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
