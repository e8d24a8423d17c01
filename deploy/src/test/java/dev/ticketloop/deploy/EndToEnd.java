package dev.ticketloop.deploy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.testsupport.TestInfrastructure;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import static org.awaitility.Awaitility.await;

/**
 * What the end-to-end tests look at: the SMTP server's mail and consumer groups'
 * progress.
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

}
