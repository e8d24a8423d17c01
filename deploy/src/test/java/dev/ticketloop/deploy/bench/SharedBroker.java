package dev.ticketloop.deploy.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The scenarios of one run share one broker, and a service starts reading a topic at its
 * beginning when its consumer group has no position yet. So that a service started for
 * one scenario does not also work through what earlier scenarios published (a
 * notification-service mailing the SLA scenario's 100,000 customers during intake), its
 * new consumer group is first placed at the end of every topic that exists.
 */
final class SharedBroker {

	private SharedBroker() {
	}

	static void startAtEnd(String bootstrapServers, Collection<String> groups) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			Set<String> topics = admin.listTopics().names().get();
			if (topics.isEmpty()) {
				return;
			}
			Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			described.values()
				.forEach((topic) -> topic.partitions()
					.forEach((p) -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
			Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest)
				.all()
				.get()
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (e) -> new OffsetAndMetadata(e.getValue().offset())));
			for (String group : groups) {
				admin.alterConsumerGroupOffsets(group, ends).all().get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("Could not place the consumer groups " + groups + " at the end", ex);
		}
	}

	/** The consumer group of a service started with these properties. */
	static String groupOf(Map<String, Object> properties) {
		return String.valueOf(properties.get("spring.kafka.consumer.group-id"));
	}

}
