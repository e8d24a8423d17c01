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
		try {
			this.producer
				.send(new ProducerRecord<>(EventType.of(data).topic(), data.subjectId(), this.codec.write(event)))
				.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return eventId;
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
