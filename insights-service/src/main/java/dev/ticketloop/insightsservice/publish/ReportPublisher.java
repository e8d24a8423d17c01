package dev.ticketloop.insightsservice.publish;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.EventType;
import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.insightsservice.InsightsServiceApplication;
import dev.ticketloop.platform.PlatformProperties;
import dev.ticketloop.platform.kafka.KafkaIntegrationAutoConfiguration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes what insights-service tells other teams, as every service publishes: a
 * CloudEvents envelope naming where this service serves its schema, checked against that
 * schema before it goes, keyed by its subject, sent with the idempotent producer and
 * acknowledged by every in-sync replica before the caller records it as published. The
 * event's id is the caller's, derived from what the event is about: sent again after a
 * crash, it is the same event, which consumers drop as a duplicate.
 */
@Component
public class ReportPublisher {

	private final KafkaTemplate<String, byte[]> kafka;

	private final CloudEventCodec codec;

	private final Supplier<String> schemaBaseUrl;

	ReportPublisher(KafkaTemplate<String, byte[]> kafka, CloudEventCodec codec, PlatformProperties properties,
			Environment environment) {
		this.kafka = kafka;
		this.codec = codec;
		this.schemaBaseUrl = () -> KafkaIntegrationAutoConfiguration.schemaBaseUrl(properties, environment);
	}

	/** An event id derived from a name (a version 3 UUID): the same name, the same id. */
	public static String idOf(String name) {
		return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
	}

	/** Sends the event and waits for the broker's acknowledgement. */
	public CloudEvent publish(String eventId, Instant time, IntegrationEvent data)
			throws InterruptedException, ExecutionException, TimeoutException {
		EventType type = EventType.of(data);
		CloudEvent event = CloudEvent.of(eventId, "/ticketloop/" + InsightsServiceApplication.NAME, time, data)
			.withDataschema(this.schemaBaseUrl.get() + "/" + type.schemaPath());
		byte[] value = this.codec.write(event);
		List<String> violations = this.codec.violations(value);
		if (!violations.isEmpty()) {
			throw new IllegalStateException(type.type() + " " + data.subjectId() + " breaks its schema: " + violations);
		}
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), data.subjectId(), value);
		record.headers()
			.add(new RecordHeader("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
		this.kafka.send(record).get(30, TimeUnit.SECONDS);
		return event;
	}

}
