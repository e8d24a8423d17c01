package dev.ticketloop.insightsservice.facts;

import java.util.ArrayList;
import java.util.List;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.platform.kafka.RecordBatches;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the published topics as any other team may, and the backfill topic
 * ({@link ReadTopics}) (the codec checks every record against its schema; a record that
 * fails goes to the topic's dead-letter topic) and hands a poll's events to the fact
 * sheets together.
 */
@Component
class PublishedEventsListener {

	/** The listener's id, by which {@link Replays} stops and starts it. */
	static final String LISTENER_ID = "insights-facts";

	private final CloudEventCodec codec;

	private final FactStore facts;

	PublishedEventsListener(CloudEventCodec codec, FactStore facts) {
		this.codec = codec;
		this.facts = facts;
	}

	@KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = { Topics.TICKET_EVENTS, Topics.ROUTING_DECISIONS,
			Topics.ENGINEERING_ISSUES, "${ticketloop.insights.backfill-topic:" + ReadTopics.DEFAULT_BACKFILL + "}" },
			batch = "true")
	void on(List<ConsumerRecord<String, byte[]>> records) {
		RecordBatches.handleAsBatch(records, (batch) -> {
			List<CloudEvent> events = new ArrayList<>(batch.size());
			for (ConsumerRecord<String, byte[]> record : batch) {
				this.codec.read(record.value()).ifPresent(events::add);
			}
			this.facts.apply(events);
		});
	}

}
