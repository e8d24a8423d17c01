package dev.ticketloop.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A topic of the published language and the settings it is created with: what the key is,
 * who publishes and who consumes, how long records stay. One catalogue
 * ({@link Topics#ALL}) feeds topic creation, the AsyncAPI document and the consumer's
 * guide. Partitions, replication and min in-sync replicas are the deployment's
 * ({@code ticketloop.kafka.*}), stated there with their defaults.
 *
 * @param name the topic
 * @param description what travels on it
 * @param key what the record key is (records of one key keep their order)
 * @param publishedBy the service (or the other team's system) that writes it
 * @param consumedBy the services of this platform that read it
 * @param cleanupPolicy delete by age, or compact to the latest record of each key
 * @param retention how long records stay by default (null: forever); deployments set it
 * with {@code ticketloop.kafka.retention}
 * @param deadLettered whether records that cannot be read go to
 * {@link #deadLetterTopic()} (every topic this platform consumes with a consumer group)
 */
public record TopicSpec(String name, String description, String key, String publishedBy, List<String> consumedBy,
		CleanupPolicy cleanupPolicy, Duration retention, boolean deadLettered) {

	/** The suffix of a topic's dead-letter topic. */
	public static final String DEAD_LETTER_SUFFIX = ".dlt";

	public TopicSpec {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
		consumedBy = List.copyOf(consumedBy);
	}

	/** Where records of this topic that cannot be read or handled go. */
	public String deadLetterTopic() {
		return this.name + DEAD_LETTER_SUFFIX;
	}

	/** The event types published on this topic. */
	public List<EventType> eventTypes() {
		return java.util.Arrays.stream(EventType.values()).filter((type) -> type.topic().equals(this.name)).toList();
	}

	/** Kafka's {@code cleanup.policy}. */
	public enum CleanupPolicy {

		/** Records are deleted when older than the retention. */
		DELETE,

		/** The latest record of each key is kept whatever its age. */
		COMPACT;

		public String kafkaName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
