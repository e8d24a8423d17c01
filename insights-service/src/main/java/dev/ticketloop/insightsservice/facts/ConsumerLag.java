package dev.ticketloop.insightsservice.facts;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * How far the facts' consumer group is behind the topics it reads, from the group's
 * committed offsets and the partitions' ends (Kafka's Admin API, as
 * {@code kafka-consumer-groups --describe} shows it): what is published must wait until
 * the sheets hold what the topics say (a report made by a service that has just started
 * reading a month of history would say nothing happened).
 */
@Component
public class ConsumerLag {

	private final KafkaAdmin kafkaAdmin;

	private final String group;

	private final ReadTopics topics;

	ConsumerLag(KafkaAdmin kafkaAdmin, @Value("${spring.kafka.consumer.group-id}") String group, ReadTopics topics) {
		this.kafkaAdmin = kafkaAdmin;
		this.group = group;
		this.topics = topics;
	}

	/** Records published and not yet read by the group, over every partition. */
	public long records() throws InterruptedException {
		try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
			this.topics.ensureBackfill(admin);
			Map<String, TopicDescription> topics = admin.describeTopics(this.topics.all())
				.allTopicNames()
				.get(10, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			topics.values().forEach((topic) -> topic.partitions().forEach((p) -> {
				TopicPartition partition = new TopicPartition(topic.name(), p.partition());
				earliest.put(partition, OffsetSpec.earliest());
				latest.put(partition, OffsetSpec.latest());
			}));
			Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(earliest)
				.all()
				.get(10, TimeUnit.SECONDS);
			Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(this.group)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			long lag = 0;
			for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
				OffsetAndMetadata at = committed.get(end.getKey());
				long position = (at != null) ? at.offset() : starts.get(end.getKey()).offset();
				lag += Math.max(0, end.getValue().offset() - position);
			}
			return lag;
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The consumer group's lag cannot be read: " + ex, ex);
		}
	}

}
