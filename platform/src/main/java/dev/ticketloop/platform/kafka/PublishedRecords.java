package dev.ticketloop.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.EventType;
import dev.ticketloop.platform.PlatformProperties.PublishedValidation;
import dev.ticketloop.platform.tracing.TraceContext;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka record of a domain event in the published language: a CloudEvents envelope
 * whose id is the stored event's id and whose time is its timestamp, keyed by its
 * subject, in the trace of the request that caused it, naming where this service serves
 * its schema. The outbox and a republish build the same record from the same event, so
 * consumers deduplicate a republished one on its id. A record that breaks its JSON Schema
 * is refused (or logged, as configured): consumers never get what the contract does not
 * allow.
 */
public final class PublishedRecords {

	private static final Logger log = LoggerFactory.getLogger(PublishedRecords.class);

	private final IntegrationEventMapper mapper;

	private final CloudEventCodec codec;

	private final String source;

	private final Supplier<String> schemaBaseUrl;

	private final PublishedValidation validation;

	public PublishedRecords(IntegrationEventMapper mapper, CloudEventCodec codec, String serviceName,
			Supplier<String> schemaBaseUrl, PublishedValidation validation) {
		this.mapper = mapper;
		this.codec = codec;
		this.source = "/ticketloop/" + serviceName;
		this.schemaBaseUrl = schemaBaseUrl;
		this.validation = validation;
	}

	/**
	 * @param topic where it goes; null for its event type's public topic
	 * @return the record, or empty for an event that stays internal
	 * @throws InvalidPublishedRecordException when it breaks its schema and validation
	 * fails the outbox
	 */
	public Optional<ProducerRecord<String, byte[]>> of(EventMessage<?> message, String topic) {
		return this.mapper.toIntegrationEvent(message.getPayload()).map((data) -> {
			EventType type = EventType.of(data);
			String traceparent = TraceContext.of(message.getMetaData()).orElse(null);
			CloudEvent event = CloudEvent.of(message.getIdentifier(), this.source, message.getTimestamp(), data)
				.withDataschema(this.schemaBaseUrl.get() + "/" + type.schemaPath())
				.withTraceparent(traceparent);
			byte[] value = this.codec.write(event);
			check(type, message.getIdentifier(), value);
			ProducerRecord<String, byte[]> record = new ProducerRecord<>((topic != null) ? topic : type.topic(),
					data.subjectId(), value);
			record.headers()
				.add(new RecordHeader("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
			if (traceparent != null) {
				record.headers()
					.add(new RecordHeader(TraceContext.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8)));
			}
			return record;
		});
	}

	private void check(EventType type, String eventId, byte[] value) {
		if (this.validation == PublishedValidation.OFF) {
			return;
		}
		List<String> violations = this.codec.violations(value);
		if (violations.isEmpty()) {
			return;
		}
		log.error("Event {} as {} breaks its schema: {}", eventId, type.type(), violations);
		if (this.validation == PublishedValidation.FAIL) {
			throw new InvalidPublishedRecordException(type, eventId, violations);
		}
	}

	/** A domain event whose published form breaks its JSON Schema. */
	public static final class InvalidPublishedRecordException extends RuntimeException {

		InvalidPublishedRecordException(EventType type, String eventId, List<String> violations) {
			super("Event " + eventId + " as " + type.type() + " breaks its schema: " + String.join("; ", violations));
		}

	}

}
