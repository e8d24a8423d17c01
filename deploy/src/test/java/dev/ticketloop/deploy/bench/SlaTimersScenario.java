package dev.ticketloop.deploy.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.EventType;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.routing.SlaBreachedV1;
import dev.ticketloop.contracts.routing.SlaWarningV1;
import dev.ticketloop.contracts.routing.TriageDecidedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.routingservice.RoutingServiceApplication;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * SLA timers (issue 7, scenario 4): routing-service alone (its own database, the shared
 * broker) gets N new tickets of a benchmark policy (first response in T of calendar time,
 * warning at 75 %), opened so that every clock is open before the first deadline and the
 * deadlines are spread evenly over S seconds. Then N warnings and N breaches fall due.
 * Lateness of each: when the clock raised it minus when it was due (both stamped by the
 * service); also as seen by a consumer of the decisions topic. Correctness: each clock
 * warns once and breaches once.
 */
final class SlaTimersScenario {

	static final String SCENARIO = "4 SLA timers";

	private SlaTimersScenario() {
	}

	/** What the run found wrong: must be all 0. */
	record Defects(long raisedTwice, long neverRaised) {

		long total() {
			return this.raisedTwice + this.neverRaised;
		}

	}

	private record Raised(Instant dueAt, Instant raisedAt, long receivedNanos, Instant receivedAt) {
	}

	static Defects run(Report report, TestInfrastructure infrastructure, int n, Duration spread, Duration target)
			throws Exception {
		Duration warnAfter = Duration.ofMillis(Math.round(target.toMillis() * 0.75));
		String label = String.format("%,d open clocks", n);
		Set<String> ours = ConcurrentHashMap.newKeySet();
		Set<String> measured = ConcurrentHashMap.newKeySet();
		Map<String, List<Raised>> warnings = new ConcurrentHashMap<>();
		Map<String, List<Raised>> breaches = new ConcurrentHashMap<>();
		Map<String, Long> triaged = new ConcurrentHashMap<>();
		AtomicBoolean consuming = new AtomicBoolean(true);
		Thread consumer = decisionsConsumer(infrastructure.kafkaBootstrapServers(), ours, triaged, warnings, breaches,
				consuming);
		ConfigurableApplicationContext routing = start(infrastructure, target);
		long heapBefore = heapAfterGc();
		CloudEventCodec codec = new CloudEventCodec();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
						ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
				new StringSerializer(), new ByteArraySerializer())) {
			// calibration: how fast clocks start here, so that all are open before the
			// first deadline (these clocks stay open too: they have a day to go)
			int calibration = Math.max(100, Math.min(2_000, n / 20));
			Set<String> calibrating = ConcurrentHashMap.newKeySet();
			long calibrationStart = System.nanoTime();
			for (int i = 0; i < calibration; i++) {
				calibrating.add(publish(producer, codec, ours, i, Instant.now(), "standard"));
			}
			producer.flush();
			await(() -> triaged.keySet().containsAll(calibrating), Duration.ofMinutes(5));
			double rate = calibration / ((System.nanoTime() - calibrationStart) / 1e9);
			Duration lead = Duration.ofSeconds(15 + Math.round(n / (0.6 * rate)));
			System.out.printf("  calibration: %,.0f clocks/s, lead %d s%n", rate, lead.toSeconds());
			Instant base = Instant.now().plus(lead).minus(warnAfter);
			long publishStart = System.nanoTime();
			for (int i = 0; i < n; i++) {
				measured.add(publish(producer, codec, ours, i, base.plusMillis(spread.toMillis() * i / n), "bench"));
			}
			producer.flush();
			await(() -> triaged.keySet().containsAll(measured), lead.plus(Duration.ofMinutes(10)));
			double ingestSeconds = (System.nanoTime() - publishStart) / 1e9;
			Instant firstDeadline = base.plus(warnAfter);
			if (Duration.between(Instant.now(), firstDeadline).toSeconds() > 5) {
				report.add(Report.Figure
					.of(SCENARIO, label + ": heap used after a GC, all clocks open", heapAfterGc() >> 20, "MiB")
					.against(Report.Figure.of(SCENARIO, "heap used after a GC, before the first clock",
							heapBefore >> 20, "MiB"))
					.note("one JVM holds routing-service, the broker and the in-memory store with its events"));
			}
			boolean allOpenBefore = Instant.now().isBefore(firstDeadline);
			report.add(Report.Figure
				.of(SCENARIO, label + ": clocks started (triaged) per second", n / ingestSeconds, "tickets/s")
				.note(allOpenBefore ? "all open before the first deadline"
						: "NOT all open before the first deadline: lateness includes catching up"));
			Instant lastDeadline = base.plus(spread).plus(target);
			await(() -> measured.stream().filter(warnings::containsKey).count() >= n
					&& measured.stream().filter(breaches::containsKey).count() >= n,
					Duration.between(Instant.now(), lastDeadline).plus(Duration.ofMinutes(5)));
			Thread.sleep(2_000);
		}
		finally {
			consuming.set(false);
			consumer.join(5_000);
			routing.close();
		}
		warnings.keySet().retainAll(measured);
		breaches.keySet().retainAll(measured);
		List<Long> lateness = new ArrayList<>();
		List<Long> observed = new ArrayList<>();
		for (Map<String, List<Raised>> raised : List.of(warnings, breaches)) {
			raised.values().forEach((list) -> {
				Raised first = list.get(0);
				lateness.add(Duration.between(first.dueAt(), first.raisedAt()).toMillis());
				observed.add(Duration.between(first.dueAt(), first.receivedAt()).toMillis());
			});
		}
		long[] sorted = lateness.stream().mapToLong(Long::longValue).sorted().toArray();
		long[] seen = observed.stream().mapToLong(Long::longValue).sorted().toArray();
		if (sorted.length > 0) {
			report.add(
					Report.Figure.of(SCENARIO, label + ": lateness p50 (raised - due)", percentile(sorted, 0.5), "ms"));
			report
				.add(Report.Figure.of(SCENARIO, label + ": lateness p99 (raised - due)", percentile(sorted, 0.99), "ms")
					.goal("< 1,000 ms", 1_000, false)
					.note(String.format("%,d warnings and breaches falling due over %d s", sorted.length,
							spread.plus(target).minus(warnAfter).toSeconds())));
			report.add(Report.Figure.of(SCENARIO, label + ": lateness max", sorted[sorted.length - 1], "ms"));
			report.add(Report.Figure.of(SCENARIO, label + ": seen on Kafka p99 (received - due)",
					percentile(seen, 0.99), "ms"));
		}
		long twice = warnings.values().stream().filter((l) -> l.size() > 1).count()
				+ breaches.values().stream().filter((l) -> l.size() > 1).count();
		long never = (n - warnings.size()) + (n - breaches.size());
		report.add(Report.Figure.of(SCENARIO, label + ": raised twice / never raised", twice + never, "deadlines")
			.note(twice + " / " + never));
		return new Defects(twice, never);
	}

	private static String publish(KafkaProducer<String, byte[]> producer, CloudEventCodec codec, Set<String> ours,
			int i, Instant opened, String tier) {
		String ticket = UUID.randomUUID().toString();
		ours.add(ticket);
		TicketOpenedV1 data = new TicketOpenedV1(ticket, "email", "bench-" + i, "c" + i + "@example.com",
				"Customer " + i, "en", "Report " + i, "The report does not load since this morning.", opened, null,
				tier);
		CloudEvent event = CloudEvent.of(UUID.randomUUID().toString(), "/ticketloop/ticket-service", Instant.now(),
				data);
		producer.send(new ProducerRecord<>(EventType.of(data).topic(), ticket, codec.write(event)));
		return ticket;
	}

	private static ConfigurableApplicationContext start(TestInfrastructure infrastructure, Duration target) {
		Map<String, Object> properties = new LinkedHashMap<>(
				infrastructure.springProperties(RoutingServiceApplication.NAME));
		properties.put("server.port", 0);
		properties.put("ticketloop.assignment.enabled", false);
		properties.put("ticketloop.sla.default-policy", "standard");
		properties.put("ticketloop.sla.policies[0].name", "bench");
		properties.put("ticketloop.sla.policies[0].tiers[0]", "bench");
		properties.put("ticketloop.sla.policies[0].calendar", "always");
		properties.put("ticketloop.sla.policies[0].priority", "normal");
		properties.put("ticketloop.sla.policies[0].first-response", target.toString());
		properties.put("ticketloop.sla.policies[0].warn-at", 0.75);
		properties.put("ticketloop.sla.policies[1].name", "standard");
		properties.put("ticketloop.sla.policies[1].calendar", "always");
		properties.put("ticketloop.sla.policies[1].priority", "normal");
		properties.put("ticketloop.sla.policies[1].first-response", "P1D");
		properties.put("logging.level.org.apache.kafka", "WARN");
		properties.put("logging.level.org.axonframework", "WARN");
		properties.put("logging.level.de.bwaldvogel", "WARN");
		return BenchServices.start(RoutingServiceApplication.builder(), properties);
	}

	private static Thread decisionsConsumer(String kafka, Set<String> ours, Map<String, Long> triaged,
			Map<String, List<Raised>> warnings, Map<String, List<Raised>> breaches, AtomicBoolean consuming) {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.GROUP_ID_CONFIG,
						"bench-sla-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
						ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
				new StringDeserializer(), new ByteArrayDeserializer());
		consumer.subscribe(List.of(Topics.ROUTING_DECISIONS));
		while (consumer.assignment().isEmpty()) {
			consumer.poll(Duration.ofMillis(100));
		}
		consumer.seekToEnd(consumer.assignment());
		consumer.assignment().forEach(consumer::position);
		CloudEventCodec codec = new CloudEventCodec();
		return Thread.ofPlatform().name("bench-sla-decisions").start(() -> {
			try (consumer) {
				while (consuming.get()) {
					for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
						long now = System.nanoTime();
						Instant at = Instant.now();
						if (!ours.contains(record.key())) {
							continue;
						}
						CloudEvent event = codec.read(record.value()).orElse(null);
						if (event == null) {
							continue;
						}
						switch (event.data()) {
							case TriageDecidedV1 t -> triaged.putIfAbsent(t.ticketId(), now);
							case SlaWarningV1 w -> warnings.computeIfAbsent(w.ticketId(), (k) -> new ArrayList<>())
								.add(new Raised(w.dueAt(), w.raisedAt(), now, at));
							case SlaBreachedV1 b -> breaches.computeIfAbsent(b.ticketId(), (k) -> new ArrayList<>())
								.add(new Raised(b.dueAt(), b.raisedAt(), now, at));
							default -> {
							}
						}
					}
				}
			}
		});
	}

	private static void await(java.util.function.BooleanSupplier condition, Duration atMost)
			throws InterruptedException {
		long deadline = System.nanoTime() + atMost.toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
	}

	private static double percentile(long[] sorted, double p) {
		return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
	}

	private static long heapAfterGc() {
		System.gc();
		return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
