package dev.ticketloop.routingservice.classification;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.engineering.IssueFixDeclinedV1;
import dev.ticketloop.contracts.engineering.IssueFixScheduledV1;
import dev.ticketloop.contracts.engineering.IssueReleasedV1;
import dev.ticketloop.contracts.engineering.IssueReportedV1;
import dev.ticketloop.routingservice.template.ReleaseDrafts;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The engineering issues every instance knows, to match tickets against: each instance
 * reads {@code ticketloop.engineering.issues.v1} from its start (no consumer group: its
 * index is its own, in memory) and keeps reading; reported issues join the index,
 * released or declined ones stay in it as settled (suggested, never linked to
 * automatically).
 */
@Component
class KnownIssues implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KnownIssues.class);

	private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(500);

	private volatile KafkaConsumer<String, byte[]> consumer;

	private final Suggester suggester;

	private final ReleaseDrafts releaseDrafts;

	private final CloudEventCodec codec;

	private final String bootstrapServers;

	private volatile boolean running;

	private Thread reader;

	KnownIssues(Suggester suggester, ReleaseDrafts releaseDrafts, CloudEventCodec codec,
			@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
		this.suggester = suggester;
		this.releaseDrafts = releaseDrafts;
		this.codec = codec;
		this.bootstrapServers = bootstrapServers;
	}

	void on(ConsumerRecord<String, byte[]> record) {
		try {
			this.codec.read(record.value()).ifPresent((event) -> {
				switch (event.data()) {
					case IssueReportedV1 reported ->
						this.suggester.knownIssue(reported.issueKey(), reported.title(), reported.description(), true);
					case IssueFixScheduledV1 scheduled -> this.releaseDrafts.fixScheduled(scheduled.issueKey(),
							this.suggester.knownIssueTitle(scheduled.issueKey()).orElse(null),
							scheduled.targetVersion(), scheduled.scheduledAt());
					case IssueReleasedV1 released -> this.suggester.issueSettled(released.issueKey());
					case IssueFixDeclinedV1 declined -> this.suggester.issueSettled(declined.issueKey());
					default -> {
						// progress that does not change what matches
					}
				}
			});
		}
		catch (CloudEventCodec.MalformedEventException ex) {
			log.warn("Skipped a malformed record on {}: {}", record.topic(), ex.getMessage());
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.reader = Thread.ofPlatform().daemon().name("known-issues").start(() -> {
			while (this.running) {
				try {
					read();
				}
				catch (RuntimeException ex) {
					if (this.running) {
						// read again from the start (putting an issue again replaces it)
						log.warn("Reading known issues failed, reading again in 5 s: {}", ex.toString());
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
				partitions = consumer.partitionsFor(Topics.ENGINEERING_ISSUES, Duration.ofSeconds(5))
					.stream()
					.map((p) -> new TopicPartition(p.topic(), p.partition()))
					.toList();
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					try {
						on(record);
					}
					catch (RuntimeException ex) {
						log.warn("Skipped a known-issue record at {}-{}@{}: {}", record.topic(), record.partition(),
								record.offset(), ex.toString());
					}
				}
			}
		}
		finally {
			// it is in no group and commits nothing: nothing to wait for at close (the
			// default waits up to 30 s for a broker that is away, which held up a stop)
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
			// not interrupted: a consumer closing in an interrupted thread logs an error
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
