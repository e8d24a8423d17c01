package dev.ticketloop.insightsservice.publish;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.EventType;
import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.insightsservice.InsightsServiceApplication;
import dev.ticketloop.platform.PlatformProperties;
import dev.ticketloop.platform.kafka.KafkaIntegrationAutoConfiguration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bson.Document;
import org.bson.types.Binary;

import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes what insights-service tells other teams, as every service publishes: a
 * CloudEvents envelope naming where this service serves its schema, checked against that
 * schema before it goes, keyed by its subject, sent with the idempotent producer and
 * acknowledged by every in-sync replica before the caller records it as published. The
 * event's id is the caller's, derived from what the event is about. The record is written
 * down ({@code insight_outbox}, by event id) before it is sent, and an event id that was
 * written down before is sent as it was then: a publication repeated after a crash
 * between sending and recording is the same record, byte for byte (its figures and
 * {@code time} those of the first attempt), which consumers drop as a duplicate and
 * compaction keeps unchanged.
 */
@Component
public class ReportPublisher {

	private final KafkaTemplate<String, byte[]> kafka;

	private final CloudEventCodec codec;

	private final Supplier<String> schemaBaseUrl;

	private final MongoCollection<Document> outbox;

	ReportPublisher(KafkaTemplate<String, byte[]> kafka, CloudEventCodec codec, PlatformProperties properties,
			Environment environment, MongoDatabase database) {
		this.kafka = kafka;
		this.codec = codec;
		this.outbox = database.getCollection("insight_outbox");
		this.schemaBaseUrl = () -> KafkaIntegrationAutoConfiguration.schemaBaseUrl(properties, environment);
	}

	/** An event id derived from a name (a version 3 UUID): the same name, the same id. */
	public static String idOf(String name) {
		return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
	}

	/**
	 * Sends the event and waits for the broker's acknowledgement; an event id sent (or
	 * about to be sent) before goes out as it was written down then, whatever
	 * {@code data} says now.
	 */
	public CloudEvent publish(String eventId, Instant time, IntegrationEvent data)
			throws InterruptedException, ExecutionException, TimeoutException {
		Document written = this.outbox.find(Filters.eq("_id", eventId)).first();
		if (written == null) {
			EventType type = EventType.of(data);
			CloudEvent event = CloudEvent.of(eventId, "/ticketloop/" + InsightsServiceApplication.NAME, time, data)
				.withDataschema(this.schemaBaseUrl.get() + "/" + type.schemaPath());
			byte[] value = this.codec.write(event);
			List<String> violations = this.codec.violations(value);
			if (!violations.isEmpty()) {
				throw new IllegalStateException(
						type.type() + " " + data.subjectId() + " breaks its schema: " + violations);
			}
			written = new Document("_id", eventId).append("topic", type.topic())
				.append("key", data.subjectId())
				.append("value", new Binary(value))
				.append("writtenAt", Date.from(time));
			try {
				this.outbox.insertOne(written);
			}
			catch (MongoWriteException ex) {
				if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
				// another leader wrote it down first: its record goes out
				written = this.outbox.find(Filters.eq("_id", eventId)).first();
			}
		}
		byte[] value = written.get("value", Binary.class).getData();
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(written.getString("topic"),
				written.getString("key"), value);
		record.headers()
			.add(new RecordHeader("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
		this.kafka.send(record).get(30, TimeUnit.SECONDS);
		this.outbox.updateOne(Filters.eq("_id", eventId), Updates.set("sentAt", Date.from(time)));
		return this.codec.read(value).orElseThrow();
	}

}
