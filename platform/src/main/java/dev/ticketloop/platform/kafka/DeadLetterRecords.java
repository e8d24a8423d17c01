package dev.ticketloop.platform.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ticketloop.contracts.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The records this service's consumers could not read or handle, kept on each consumed
 * topic's dead-letter topic ({@code <topic>.dlt}, kept forever) with why, where from and
 * when in their headers. Operators list and inspect them, re-drive one (it is sent again
 * to its topic, with a header naming where it was dead-lettered) or discard it; what was
 * done to each, by whom and when is kept in {@value #COLLECTION}, one document per
 * record, so each is handled once.
 */
public final class DeadLetterRecords {

	/** Where the handling of each dead letter is kept. */
	public static final String COLLECTION = "dead_letter_records";

	/**
	 * Why the record was dead-lettered: the rule or failure, never the record's values.
	 */
	public static final String REASON = "ticketloop-dlt-reason";

	/** When it was dead-lettered (ISO-8601). */
	public static final String DEAD_LETTERED_AT = "ticketloop-dlt-at";

	/**
	 * On a re-driven record: the dead letter it came from
	 * ({@code <dlt>/<partition>/<offset>}).
	 */
	public static final String REDRIVEN_FROM = "ticketloop-redriven-from";

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private final Map<String, Object> consumerSettings;

	private final KafkaTemplate<String, byte[]> kafka;

	private final MongoCollection<Document> handled;

	private final Clock clock;

	private final String group;

	private final List<TopicSpec> topics;

	/**
	 * @param group this service's consumer group: only what its consumers dead-lettered
	 * is its to handle
	 * @param topics the dead-lettered topics this service consumes
	 */
	public DeadLetterRecords(String bootstrapServers, KafkaTemplate<String, byte[]> kafka, MongoDatabase database,
			Clock clock, String group, List<TopicSpec> topics) {
		this.consumerSettings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		this.kafka = kafka;
		this.handled = database.getCollection(COLLECTION);
		this.clock = clock;
		this.group = group;
		this.topics = List.copyOf(topics);
	}

	/** A dead-letter topic of this service, with how many of its records wait. */
	public record TopicSummary(String topic, String deadLetterTopic, int records, int pending) {
	}

	/** What was done to a dead letter. */
	public enum State {

		PENDING, REDRIVEN, DISCARDED

	}

	/**
	 * One dead letter.
	 *
	 * @param value the record's bytes as text; only when one is read alone
	 */
	public record Entry(String deadLetterTopic, int partition, long offset, String key, String originalTopic,
			Integer originalPartition, Long originalOffset, Instant originalTimestamp, String consumerGroup,
			String exception, String reason, Instant deadLetteredAt, String redrivenFrom, State state, String handledBy,
			Instant handledAt, String note, String value) {

		public String id() {
			return this.deadLetterTopic + "/" + this.partition + "/" + this.offset;
		}

	}

	public List<TopicSummary> topics() {
		List<TopicSummary> summaries = new ArrayList<>();
		for (TopicSpec topic : this.topics) {
			List<Entry> entries = list(topic.name(), null);
			summaries.add(new TopicSummary(topic.name(), topic.deadLetterTopic(), entries.size(),
					(int) entries.stream().filter((e) -> e.state() == State.PENDING).count()));
		}
		return summaries;
	}

	/**
	 * @param topic only the dead letters of this consumed topic (null: all)
	 * @param state only those in this state (null: all)
	 * @return oldest first
	 */
	public List<Entry> list(String topic, State state) {
		List<Entry> entries = new ArrayList<>();
		for (TopicSpec spec : this.topics) {
			if (topic != null && !topic.equals(spec.name()) && !topic.equals(spec.deadLetterTopic())) {
				continue;
			}
			for (ConsumerRecord<String, byte[]> record : readAll(spec.deadLetterTopic())) {
				Entry entry = entryOf(record, false);
				if (this.group.equals(entry.consumerGroup()) && (state == null || entry.state() == state)) {
					entries.add(entry);
				}
			}
		}
		entries.sort(Comparator.comparing(Entry::deadLetteredAt, Comparator.nullsFirst(Comparator.naturalOrder())));
		return entries;
	}

	/** One dead letter with its value. */
	public Entry get(String deadLetterTopic, int partition, long offset) {
		return entryOf(read(deadLetterTopic, partition, offset), true);
	}

	/**
	 * Sends the record again to the topic it came from, keyed as it was, with its headers
	 * and {@value #REDRIVEN_FROM}; the consumers read it again (they deduplicate on the
	 * CloudEvents id what they handled already).
	 */
	public Entry redrive(String deadLetterTopic, int partition, long offset, String who) {
		ConsumerRecord<String, byte[]> record = read(deadLetterTopic, partition, offset);
		Entry entry = entryOf(record, false);
		String id = entry.id();
		claim(id, State.REDRIVEN, who, null);
		try {
			ProducerRecord<String, byte[]> again = new ProducerRecord<>(entry.originalTopic(), record.key(),
					record.value());
			for (Header header : record.headers()) {
				if (!header.key().startsWith("kafka_dlt-") && !header.key().startsWith("ticketloop-dlt-")
						&& !header.key().equals(REDRIVEN_FROM)) {
					again.headers().add(header);
				}
			}
			again.headers().add(new RecordHeader(REDRIVEN_FROM, id.getBytes(StandardCharsets.UTF_8)));
			this.kafka.send(again).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			this.handled.deleteOne(Filters.eq("_id", id));
			throw new IllegalStateException("The record could not be sent again to " + entry.originalTopic(), ex);
		}
		return get(deadLetterTopic, partition, offset);
	}

	/** Marks the dead letter as one that will not be handled. */
	public Entry discard(String deadLetterTopic, int partition, long offset, String who, String note) {
		Entry entry = entryOf(read(deadLetterTopic, partition, offset), false);
		claim(entry.id(), State.DISCARDED, who, note);
		return get(deadLetterTopic, partition, offset);
	}

	private void claim(String id, State state, String who, String note) {
		try {
			this.handled.insertOne(new Document("_id", id).append("state", state.name())
				.append("by", who)
				.append("at", Date.from(this.clock.instant()))
				.append("note", note));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
				Document done = this.handled.find(Filters.eq("_id", id)).first();
				throw new AlreadyHandledException(id, (done != null) ? done.getString("state") : "handled");
			}
			throw ex;
		}
	}

	private Entry entryOf(ConsumerRecord<String, byte[]> record, boolean withValue) {
		String id = record.topic() + "/" + record.partition() + "/" + record.offset();
		Document done = this.handled.find(Filters.eq("_id", id)).first();
		// the listener's wrapper is the exception; its cause is what failed
		String exception = Optional.ofNullable(text(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
			.orElse(text(record, KafkaHeaders.DLT_EXCEPTION_FQCN));
		return new Entry(record.topic(), record.partition(), record.offset(), record.key(),
				Optional.ofNullable(text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC))
					.orElse(record.topic()
						.substring(0, record.topic().length() - TopicSpec.DEAD_LETTER_SUFFIX.length())),
				number(record, KafkaHeaders.DLT_ORIGINAL_PARTITION).map(Long::intValue).orElse(null),
				number(record, KafkaHeaders.DLT_ORIGINAL_OFFSET).orElse(null),
				number(record, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP).map(Instant::ofEpochMilli).orElse(null),
				text(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
				(exception != null)
						? exception.substring(Math.max(exception.lastIndexOf('.'), exception.lastIndexOf('$')) + 1)
						: null,
				text(record, REASON),
				Optional.ofNullable(text(record, DEAD_LETTERED_AT))
					.map(Instant::parse)
					.orElse(Instant.ofEpochMilli(record.timestamp())),
				text(record, REDRIVEN_FROM), (done != null) ? State.valueOf(done.getString("state")) : State.PENDING,
				(done != null) ? done.getString("by") : null, (done != null) ? done.getDate("at").toInstant() : null,
				(done != null) ? done.getString("note") : null,
				(withValue && record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : null);
	}

	private static String text(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/** Spring Kafka writes partitions as 4 bytes and offsets and timestamps as 8. */
	private static Optional<Long> number(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		if (header == null) {
			return Optional.empty();
		}
		ByteBuffer bytes = ByteBuffer.wrap(header.value());
		return switch (header.value().length) {
			case 4 -> Optional.of((long) bytes.getInt());
			case 8 -> Optional.of(bytes.getLong());
			default -> Optional.empty();
		};
	}

	private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
			if (infos == null || infos.isEmpty()) {
				return List.of();
			}
			List<TopicPartition> partitions = infos.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, READ_TIMEOUT));
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			Instant deadline = Instant.now().plus(READ_TIMEOUT);
			while (ends.entrySet().stream().anyMatch((end) -> consumer.position(end.getKey()) < end.getValue())) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("Reading " + topic + " took longer than " + READ_TIMEOUT);
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
	}

	private ConsumerRecord<String, byte[]> read(String topic, int partition, long offset) {
		if (this.topics.stream().noneMatch((spec) -> spec.deadLetterTopic().equals(topic))) {
			throw new NoSuchDeadLetterException(topic + "/" + partition + "/" + offset);
		}
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			TopicPartition tp = new TopicPartition(topic, partition);
			List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
			if (infos == null || infos.stream().noneMatch((info) -> info.partition() == partition)) {
				throw new NoSuchDeadLetterException(topic + "/" + partition + "/" + offset);
			}
			consumer.assign(List.of(tp));
			long end = consumer.endOffsets(List.of(tp), READ_TIMEOUT).get(tp);
			if (offset < 0 || offset >= end) {
				throw new NoSuchDeadLetterException(topic + "/" + partition + "/" + offset);
			}
			consumer.seek(tp, offset);
			Instant deadline = Instant.now().plus(READ_TIMEOUT);
			while (Instant.now().isBefore(deadline)) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.offset() == offset) {
						if (!this.group.equals(text(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP))) {
							throw new NoSuchDeadLetterException(topic + "/" + partition + "/" + offset);
						}
						return record;
					}
					if (record.offset() > offset) {
						throw new NoSuchDeadLetterException(topic + "/" + partition + "/" + offset);
					}
				}
			}
			throw new IllegalStateException("Reading " + topic + " took longer than " + READ_TIMEOUT);
		}
	}

	private KafkaConsumer<String, byte[]> consumer() {
		return new KafkaConsumer<>(this.consumerSettings, new StringDeserializer(), new ByteArrayDeserializer());
	}

	/** No dead letter of this service at that place. */
	public static final class NoSuchDeadLetterException extends RuntimeException {

		NoSuchDeadLetterException(String id) {
			super("No dead letter of this service at " + id + ".");
		}

	}

	/** The dead letter was re-driven or discarded already. */
	public static final class AlreadyHandledException extends RuntimeException {

		AlreadyHandledException(String id, String state) {
			super("The dead letter " + id + " was " + state.toLowerCase(java.util.Locale.ROOT) + " already.");
		}

	}

}
