package dev.ticketloop.platform.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Reads a whole topic from its beginning into something each instance keeps in memory,
 * and keeps reading: no consumer group (every instance reads every partition, commits
 * nothing), so a restart reads it all again. For small topics whose every record an
 * instance needs (known issues, approved templates). A record the handler fails on is
 * logged and skipped; a failure of the consumer reads the topic again from the beginning
 * after 5 s (the handler must take a record twice). Stops at once: the consumer is woken
 * out of its poll, never interrupted (a consumer closing in an interrupted thread logs an
 * error), and closed without waiting for a broker that is away.
 */
public class TopicReader implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TopicReader.class);

	private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(500);

	private final String name;

	private final String topic;

	private final String bootstrapServers;

	private final Consumer<ConsumerRecord<String, byte[]>> handler;

	private volatile KafkaConsumer<String, byte[]> consumer;

	private volatile boolean running;

	private Thread reader;

	/**
	 * @param name the reader's thread, and what the log says it reads
	 */
	public TopicReader(String name, String topic, String bootstrapServers,
			Consumer<ConsumerRecord<String, byte[]>> handler) {
		this.name = name;
		this.topic = topic;
		this.bootstrapServers = bootstrapServers;
		this.handler = handler;
	}

	@Override
	public void start() {
		this.running = true;
		this.reader = Thread.ofPlatform().daemon().name(this.name).start(() -> {
			while (this.running) {
				try {
					read();
				}
				catch (RuntimeException ex) {
					if (this.running) {
						log.warn("Reading {} failed, reading again in 5 s: {}", this.name, ex.toString());
						pause(Duration.ofSeconds(5));
					}
				}
			}
		});
	}

	private void read() {
		KafkaConsumer<String, byte[]> consumer = this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
				new StringDeserializer(), new ByteArrayDeserializer());
		try {
			List<TopicPartition> partitions = List.of();
			while (this.running && partitions.isEmpty()) {
				partitions = consumer.partitionsFor(this.topic, Duration.ofSeconds(5))
					.stream()
					.map((p) -> new TopicPartition(p.topic(), p.partition()))
					.toList();
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					try {
						this.handler.accept(record);
					}
					catch (RuntimeException ex) {
						log.warn("Skipped a record of {} at {}-{}@{}: {}", this.name, record.topic(),
								record.partition(), record.offset(), ex.toString());
					}
				}
			}
		}
		finally {
			// in no group, nothing committed: nothing to wait for at close (the default
			// waits up to 30 s for a broker that is away, which held up a stop)
			consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
		}
	}

	/** Waits, or less when the service stops meanwhile. */
	private void pause(Duration duration) {
		long until = System.nanoTime() + duration.toNanos();
		try {
			while (this.running && System.nanoTime() < until) {
				Thread.sleep(100);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop() {
		this.running = false;
		KafkaConsumer<String, byte[]> current = this.consumer;
		if (current != null) {
			current.wakeup(); // out of a poll or a metadata wait at once
		}
		if (this.reader != null) {
			try {
				this.reader.join(CLOSE_TIMEOUT.plusMillis(500));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
