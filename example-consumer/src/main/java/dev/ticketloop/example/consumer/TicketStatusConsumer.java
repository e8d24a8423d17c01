package dev.ticketloop.example.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.TicketIntegrationEvent;
import dev.ticketloop.contracts.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@value Topics#TICKET_EVENTS} in a consumer group and keeps every ticket's state
 * in {@link TicketStatuses}.
 * <ul>
 * <li>At-least-once: auto-commit is off, the offsets of a poll's records are committed
 * after all of them were applied; a crash before the commit reads them again, and the
 * deduplication on the CloudEvents id makes that harmless.</li>
 * <li>Order: records are keyed by ticket id, so one ticket's events come in order, from
 * one partition.</li>
 * <li>Values are read as bytes and decoded here, so a record that cannot be read is
 * counted and logged with its topic, partition and offset and consumption goes on (a
 * failing value deserializer would stop {@code poll} at that record for good).</li>
 * <li>An event type this contracts version does not know is skipped (the codec reads it
 * as empty): producers may add types within a topic version.</li>
 * </ul>
 * Run it on a thread of its own and {@link #stop()} it from another.
 */
public final class TicketStatusConsumer implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(TicketStatusConsumer.class);

	private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

	/** What the caller hears of, on the consumer's thread. */
	@FunctionalInterface
	public interface Listener {

		/** A ticket's state changed: an event of it was applied. */
		void changed(TicketState ticket);

		/**
		 * The consumer has read to the end of its partitions for the first time: the
		 * states are those of the whole topic (or of what the group had not read).
		 */
		default void caughtUp(Counts counts) {
		}

	}

	/**
	 * What happened to the records read so far.
	 *
	 * @param records read from Kafka, all of them
	 * @param applied events applied to a ticket
	 * @param duplicates events applied before (same CloudEvents id), ignored
	 * @param unknownTypes events of a type this contracts version does not know, skipped
	 * @param notTicketEvents events of a known type that is not the ticket topic's,
	 * ignored
	 * @param unreadable records that are no CloudEvent this codec can read, skipped
	 */
	public record Counts(long records, long applied, long duplicates, long unknownTypes, long notTicketEvents,
			long unreadable) {
	}

	/**
	 * Where and how to read.
	 *
	 * @param bootstrapServers the Kafka brokers
	 * @param groupId the consumer group: its committed offsets say where reading goes on
	 * @param topic {@value Topics#TICKET_EVENTS}, or a replay topic a republish job wrote
	 * ({@code ticketloop.replay.<name>})
	 * @param fromBeginning read from the beginning of the partitions whatever the group
	 * committed: the states are in memory, so a restarted consumer has to read them again
	 */
	public record Settings(String bootstrapServers, String groupId, String topic, boolean fromBeginning) {

		public Settings(String bootstrapServers, String groupId, boolean fromBeginning) {
			this(bootstrapServers, groupId, Topics.TICKET_EVENTS, fromBeginning);
		}

		/**
		 * The consumer's configuration: manual commits; a new group starts at the
		 * beginning.
		 */
		public Map<String, Object> consumerConfig() {
			return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
					ConsumerConfig.GROUP_ID_CONFIG, this.groupId, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
					ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.CLIENT_ID_CONFIG,
					"ticket-status-" + this.groupId);
		}

	}

	private final Consumer<String, byte[]> consumer;

	private final Settings settings;

	private final TicketStatuses statuses;

	private final Listener listener;

	private final CloudEventCodec codec = new CloudEventCodec();

	private final AtomicLong records = new AtomicLong();

	private final AtomicLong applied = new AtomicLong();

	private final AtomicLong duplicates = new AtomicLong();

	private final AtomicLong unknownTypes = new AtomicLong();

	private final AtomicLong notTicketEvents = new AtomicLong();

	private final AtomicLong unreadable = new AtomicLong();

	private final CountDownLatch caughtUp = new CountDownLatch(1);

	private volatile boolean stopping;

	TicketStatusConsumer(Consumer<String, byte[]> consumer, Settings settings, TicketStatuses statuses,
			Listener listener) {
		this.consumer = consumer;
		this.settings = settings;
		this.statuses = statuses;
		this.listener = listener;
	}

	/**
	 * A consumer with its own {@link KafkaConsumer}; nothing is read before
	 * {@link #run()}.
	 */
	public static TicketStatusConsumer connect(Settings settings, TicketStatuses statuses, Listener listener) {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings.consumerConfig(),
				new StringDeserializer(), new ByteArrayDeserializer());
		return new TicketStatusConsumer(consumer, settings, statuses, listener);
	}

	/**
	 * Reads until {@link #stop()}, then commits what it applied and closes the consumer.
	 */
	@Override
	public void run() {
		try {
			this.consumer.subscribe(List.of(this.settings.topic()), new SeekToBeginning());
			while (!this.stopping) {
				ConsumerRecords<String, byte[]> batch = this.consumer.poll(POLL_TIMEOUT);
				for (ConsumerRecord<String, byte[]> record : batch) {
					handle(record);
				}
				if (!batch.isEmpty()) {
					// after the whole batch was applied: at-least-once
					this.consumer.commitSync();
				}
				else if (this.caughtUp.getCount() > 0) {
					checkCaughtUp();
				}
			}
		}
		catch (WakeupException ex) {
			if (!this.stopping) {
				throw ex;
			}
		}
		finally {
			try {
				if (this.stopping) {
					commitOnStop();
				}
			}
			finally {
				this.consumer.close();
			}
		}
	}

	/**
	 * The stop's wake-up may have cut the last commit short. The positions are those of
	 * the records applied: a wake-up lands in a call to the consumer, never in the middle
	 * of a batch.
	 */
	private void commitOnStop() {
		for (int attempt = 1; attempt <= 2; attempt++) {
			try {
				this.consumer.commitSync();
				return;
			}
			catch (WakeupException ex) {
				// the stop's wake-up, not consumed yet: it is now, commit again
			}
			catch (RuntimeException ex) {
				log.warn("Could not commit the last offsets on stopping (their records will be read again): {}",
						ex.toString());
				return;
			}
		}
	}

	/** Makes {@link #run()} return soon; callable from any thread (a shutdown hook). */
	public void stop() {
		this.stopping = true;
		this.consumer.wakeup();
	}

	/**
	 * Waits until the consumer read to the end of its partitions once.
	 * @return whether it did in time
	 */
	public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
		return this.caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	public Counts counts() {
		return new Counts(this.records.get(), this.applied.get(), this.duplicates.get(), this.unknownTypes.get(),
				this.notTicketEvents.get(), this.unreadable.get());
	}

	/** One record: decoded, deduplicated, applied; never throws for a bad record. */
	void handle(ConsumerRecord<String, byte[]> record) {
		this.records.incrementAndGet();
		Optional<CloudEvent> event;
		try {
			event = read(record.value());
		}
		catch (RuntimeException ex) {
			this.unreadable.incrementAndGet();
			log.warn("Skipped an unreadable record at {}-{}@{} (key {}): {}", record.topic(), record.partition(),
					record.offset(), record.key(), ex.getMessage());
			return;
		}
		if (event.isEmpty()) {
			this.unknownTypes.incrementAndGet();
			log.debug("Skipped an event of a type this version does not know at {}-{}@{}", record.topic(),
					record.partition(), record.offset());
			return;
		}
		switch (this.statuses.apply(event.get())) {
			case APPLIED -> {
				this.applied.incrementAndGet();
				String ticketId = ((TicketIntegrationEvent) event.get().data()).ticketId();
				this.statuses.ticket(ticketId).ifPresent(this.listener::changed);
			}
			case DUPLICATE -> {
				this.duplicates.incrementAndGet();
				log.debug("Ignored event {} at {}-{}@{}: applied before", event.get().id(), record.topic(),
						record.partition(), record.offset());
			}
			case NOT_A_TICKET_EVENT -> this.notTicketEvents.incrementAndGet();
		}
	}

	private Optional<CloudEvent> read(byte[] value) {
		if (value == null) {
			throw new CloudEventCodec.MalformedEventException("no value");
		}
		Optional<CloudEvent> event = this.codec.read(value);
		if (event.isPresent() && event.get().data() instanceof TicketIntegrationEvent data
				&& (data.ticketId() == null || data.ticketId().isBlank())) {
			throw new CloudEventCodec.MalformedEventException("data without ticketId");
		}
		return event;
	}

	private void checkCaughtUp() {
		Set<TopicPartition> assignment = this.consumer.assignment();
		if (assignment.isEmpty()) {
			return;
		}
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(assignment);
		for (TopicPartition partition : assignment) {
			if (this.consumer.position(partition) < ends.get(partition)) {
				return;
			}
		}
		this.caughtUp.countDown();
		this.listener.caughtUp(counts());
	}

	/**
	 * With {@link Settings#fromBeginning()}: every partition assigned is read again from
	 * its start.
	 */
	private final class SeekToBeginning implements ConsumerRebalanceListener {

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			if (TicketStatusConsumer.this.settings.fromBeginning()) {
				TicketStatusConsumer.this.consumer.seekToBeginning(partitions);
			}
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
		}

	}

}
