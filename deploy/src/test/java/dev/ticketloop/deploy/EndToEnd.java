package dev.ticketloop.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.testsupport.TestInfrastructure;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * What the end-to-end tests look at: the SMTP server's mail, consumer groups' progress
 * and what was published on a topic.
 */
final class EndToEnd {

	private EndToEnd() {
	}

	/**
	 * The mail the SMTP server received for one address, in the order it arrived there.
	 */
	static List<MimeMessage> mailsTo(EmbeddedSmtp smtp, String address) {
		return smtp.receivedMessages().stream().filter((m) -> {
			try {
				for (jakarta.mail.Address to : m.getRecipients(Message.RecipientType.TO)) {
					if (to.toString().equals(address)) {
						return true;
					}
				}
				return false;
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/** The plain-text part of a mail (mails are multipart: text and HTML). */
	static String text(MimeMessage mail) {
		try {
			return part(mail.getContent(), "text/plain");
		}
		catch (MessagingException | java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String part(Object content, String type) throws MessagingException, java.io.IOException {
		if (content instanceof String text) {
			return text;
		}
		if (content instanceof jakarta.mail.internet.MimeMultipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				jakarta.mail.BodyPart part = multipart.getBodyPart(i);
				if (part.isMimeType(type)) {
					return (String) part.getContent();
				}
				String nested = part(part.getContent(), type);
				if (nested != null) {
					return nested;
				}
			}
		}
		return null;
	}

	/**
	 * Waits until a consumer group has committed every record currently in its topics.
	 */
	static void awaitConsumed(String groupId) {
		try (Admin admin = Admin.create(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()))) {
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
					.partitionsToOffsetAndMetadata()
					.get();
				Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
				committed.keySet().forEach((tp) -> latest.put(tp, OffsetSpec.latest()));
				var ends = admin.listOffsets(latest).all().get();
				return !committed.isEmpty() && committed.entrySet()
					.stream()
					.allMatch((e) -> e.getValue().offset() >= ends.get(e.getKey()).offset());
			});
		}
	}

	/**
	 * The CloudEvents types on a topic for one record key, in their order, read from the
	 * start of the topic until nothing more arrives for a second.
	 */
	static List<String> typesOnTopic(String topic, String key) {
		CloudEventCodec codec = new CloudEventCodec();
		List<String> types = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			long lastRecord = System.nanoTime();
			while (System.nanoTime() < deadline) {
				var records = consumer.poll(Duration.ofMillis(200));
				if (!records.isEmpty()) {
					lastRecord = System.nanoTime();
				}
				for (ConsumerRecord<String, byte[]> record : records) {
					if (key.equals(record.key())) {
						codec.read(record.value()).ifPresent((event) -> types.add(event.type()));
					}
				}
				if (!types.isEmpty() && System.nanoTime() - lastRecord > Duration.ofSeconds(1).toNanos()) {
					break;
				}
			}
		}
		return types;
	}

}
