package dev.ticketloop.notificationservice.support;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.EventType;
import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketTriagedV1;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays ticket-service in the tests: publishes its events to the real broker, as
 * CloudEvents keyed by ticket.
 */
public final class TicketEventsProducer implements AutoCloseable {

	private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
			Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
					ProducerConfig.ACKS_CONFIG, "all"),
			new StringSerializer(), new ByteArraySerializer());

	private final CloudEventCodec codec = new CloudEventCodec();

	/** Publishes the event with a fresh CloudEvents id; returns the id. */
	public String publish(IntegrationEvent data) {
		return publish(UUID.randomUUID().toString(), data);
	}

	/** Publishes the event with this id (the same id twice is a redelivery). */
	public String publish(String eventId, IntegrationEvent data) {
		CloudEvent event = CloudEvent.of(eventId, "/ticketloop/ticket-service", Instant.now(), data);
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

	/** A new ticket, opened and triaged (the acknowledgement follows). */
	public String openAndTriage(String channel, String email, String name, String locale, String timeZone,
			String subject) {
		return openAndTriage(UUID.randomUUID().toString(), channel, email, name, locale, timeZone, subject);
	}

	public String openAndTriage(String ticket, String channel, String email, String name, String locale,
			String timeZone, String subject) {
		Instant now = Instant.now();
		publish(new TicketOpenedV1(ticket, channel, "cust-" + ticket.substring(0, 6), email, name, locale, subject,
				"The export button does nothing", now, timeZone, "standard"));
		publish(new TicketTriagedV1(ticket, "triage-" + ticket, "normal", now.plusSeconds(86_400), now));
		return ticket;
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
