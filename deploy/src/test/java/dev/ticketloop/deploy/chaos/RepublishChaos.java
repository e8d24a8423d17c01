package dev.ticketloop.deploy.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.model.Filters;
import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.deploy.processes.ServiceProcesses;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;

/**
 * A backfill that survives kill -9: everything ticket-service published during the run is
 * republished onto a replay topic, the instance running the job is killed half-way and
 * started again, and the replay topic must end up with every CloudEvent the outbox
 * published (same id, same key), and nothing else. Records sent twice (the batch after
 * the last checkpoint) are the documented at-least-once window.
 */
final class RepublishChaos {

	static final String SCENARIO = "republish";

	private static final CloudEventCodec CODEC = new CloudEventCodec();

	private RepublishChaos() {
	}

	static void run(Run run) throws Exception {
		Instant to = Instant.now();
		int expected = published(run, to).size();
		String name = "chaos-" + run.id.toLowerCase(java.util.Locale.ROOT);
		int rate = Math.max(50, expected / 10);
		Api.Answer started = run.api.call(run.tickets(), "POST", "/operations/republish",
				"{\"from\":\"2020-01-01T00:00:00Z\",\"to\":\"%s\",\"replayTopic\":\"%s\",\"rate\":%d}".formatted(to,
						name, rate),
				ChaosSystem.OPERATOR_KEY);
		if (started.status() != 202) {
			throw new IllegalStateException("The republish was refused: " + started.text());
		}
		String job = started.field("id");
		ServiceProcesses services = run.system.services();
		// the instance running the job dies half-way
		Run.await(Duration.ofMinutes(1), () -> done(run, job) >= expected / 2 || finished(run, job));
		String victim = runner(run, job);
		boolean killed = victim != null && !finished(run, job);
		if (killed) {
			services.kill(victim);
			services.restart(victim);
			services.awaitHealthy(victim, Duration.ofMinutes(3));
		}
		boolean ended = Run.await(Duration.ofMinutes(3), () -> finished(run, job));
		Document jobDocument = run.system.database(ServiceProcesses.TICKET)
			.getCollection("jobs")
			.find(Filters.eq("_id", job))
			.first();
		// what the outbox published before the end of the range (it has caught up by now)
		Map<String, String> published = published(run, to);
		List<ConsumerRecord<String, byte[]>> replayed = readAll(run.system.kafka(), "ticketloop.replay." + name);
		Set<String> seen = new HashSet<>();
		long foreign = 0;
		long wrongKey = 0;
		for (ConsumerRecord<String, byte[]> record : replayed) {
			CloudEvent event = CODEC.read(record.value()).orElseThrow();
			if (!published.containsKey(event.id())) {
				foreign++;
			}
			else if (!published.get(event.id()).equals(record.key())) {
				wrongKey++;
			}
			seen.add(event.id());
		}
		long missing = published.keySet().stream().filter((id) -> !seen.contains(id)).count();
		String state = (jobDocument != null) ? jobDocument.getString("state") : "missing";
		run.check(SCENARIO, "every published event republished, same id and key", published.size(),
				missing + foreign + wrongKey + ("DONE".equals(state) && ended ? 0 : 1) + (killed ? 0 : 1),
				replayed.size() - seen.size(),
				String.format("job %s after %s, %d attempts; %d missing, %d foreign, %d with another key", state,
						killed ? "kill -9 of its runner" : "NO KILL: it ended first, nothing was proved",
						(jobDocument != null) ? jobDocument.getInteger("attempts") : 0, missing, foreign, wrongKey));
		run.count("events republished", replayed.size());
	}

	/** The ids and keys of what ticket-service published before {@code to}. */
	private static Map<String, String> published(Run run, Instant to) {
		Map<String, String> published = new HashMap<>();
		for (String topic : List.of(Topics.TICKET_EVENTS, Topics.ENGINEERING_ISSUES)) {
			for (ConsumerRecord<String, byte[]> record : readAll(run.system.kafka(), topic)) {
				CloudEvent event = CODEC.read(record.value()).orElseThrow();
				if (event.time().isBefore(to)) {
					published.put(event.id(), record.key());
				}
			}
		}
		return published;
	}

	private static Document job(Run run, String id) {
		return run.system.database(ServiceProcesses.TICKET).getCollection("jobs").find(Filters.eq("_id", id)).first();
	}

	private static long done(Run run, String id) {
		Document job = job(run, id);
		Document counters = (job != null) ? job.get("counters", Document.class) : null;
		Object published = (counters != null) ? counters.get("published") : null;
		return (published instanceof Number n) ? n.longValue() : 0;
	}

	private static boolean finished(Run run, String id) {
		Document job = job(run, id);
		return job != null && !"RUNNING".equals(job.getString("state"));
	}

	/** The instance whose process holds the job (owner ids start with the pid). */
	private static String runner(Run run, String id) {
		Document job = job(run, id);
		String owner = (job != null) ? job.getString("owner") : null;
		if (owner == null) {
			return null;
		}
		long pid = Long.parseLong(owner.substring(0, owner.indexOf('@')));
		ServiceProcesses services = run.system.services();
		return services.instancesOf(ServiceProcesses.TICKET)
			.stream()
			.filter((name) -> services.service(name).process().pid() == pid)
			.findFirst()
			.orElse(null);
	}

	/** Every record of a topic, from the beginning to its end now. */
	static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.stream()
				.map((p) -> new TopicPartition(topic, p.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < end.get(p))
					&& System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

}
