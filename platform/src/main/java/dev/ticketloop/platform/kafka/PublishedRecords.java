package dev.ticketloop.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.EventType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.eventhandling.EventMessage;

/**
 * The Kafka record of a domain event in the published language: a CloudEvents envelope
 * whose id is the stored event's id and whose time is its timestamp, keyed by its
 * subject. The outbox and a republish build the same record from the same event, so
 * consumers deduplicate a republished one on its id.
 */
public final class PublishedRecords {

	private final IntegrationEventMapper mapper;

	private final CloudEventCodec codec;

	private final String source;

	public PublishedRecords(IntegrationEventMapper mapper, CloudEventCodec codec, String serviceName) {
		this.mapper = mapper;
		this.codec = codec;
		this.source = "/ticketloop/" + serviceName;
	}

	/**
	 * @param topic where it goes; null for its event type's public topic
	 * @return the record, or empty for an event that stays internal
	 */
	public Optional<ProducerRecord<String, byte[]>> of(EventMessage<?> message, String topic) {
		return this.mapper.toIntegrationEvent(message.getPayload()).map((data) -> {
			CloudEvent event = CloudEvent.of(message.getIdentifier(), this.source, message.getTimestamp(), data);
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(
					(topic != null) ? topic : EventType.of(data).topic(), data.subjectId(), this.codec.write(event));
			record.headers()
				.add(new RecordHeader("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
			return record;
		});
	}

}
