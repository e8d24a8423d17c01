package dev.ticketloop.deploy.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * An operator's replay: the replayable read models of ticket-service (the ticket view and
 * the issue view) are reset and rebuilt from every event in the store, while the service
 * runs. Figure: events replayed per second, against reading the same store with no
 * handler at all (the baseline, measured in the same run). Correctness: the rebuilt
 * ticket view holds the same tickets in the same states as before.
 */
final class ReplayScenario {

	static final String SCENARIO = "3 replay";

	static final List<String> REPLAYABLE = List.of("ticket-view", "issue-view");

	private ReplayScenario() {
	}

	/**
	 * @return whether the rebuilt view equals the one before the replay
	 */
	static boolean run(Report report, ConfigurableApplicationContext ticketService) throws Exception {
		return run(report, ticketService, Duration.ofMinutes(10));
	}

	/**
	 * @param limit how long the read models may take to catch up, and then to rebuild
	 */
	static boolean run(Report report, ConfigurableApplicationContext ticketService, Duration limit) throws Exception {
		MongoDatabase database = ticketService.getBean(MongoDatabase.class);
		MongoCollection<Document> views = database.getCollection("ticket_views");
		EventProcessingConfiguration processing = ticketService.getBean(EventProcessingConfiguration.class);
		List<StreamingEventProcessor> processors = new ArrayList<>();
		for (String name : REPLAYABLE) {
			processors.add(processing.eventProcessor(name, StreamingEventProcessor.class)
				.orElseThrow(() -> new IllegalStateException("No processor " + name)));
		}
		String group = ticketService.getEnvironment().getRequiredProperty("spring.kafka.consumer.group-id");
		String kafka = ticketService.getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers");
		settle(database.getCollection("event_positions"), kafka, group);
		awaitCaughtUp(processors, limit);
		// caught up is said when the last events are read, not yet handled: wait for the
		// positions the processors stored
		awaitPosition(processors, ticketService.getBean(EventStore.class).createHeadToken().position().orElse(0),
				limit);
		Map<String, String> before = statuses(views);

		long start = System.nanoTime();
		long[] read = readAll(ticketService.getBean(EventStore.class));
		long events = read[0];
		double readSeconds = (read[1] - start) / 1e9;
		Report.Figure storeRead = Report.Figure.of(Baselines.SCENARIO, "event store read, no handler",
				events / readSeconds, "events/s");
		report.add(storeRead);

		long head = ticketService.getBean(EventStore.class).createHeadToken().position().orElse(0);
		start = System.nanoTime();
		for (StreamingEventProcessor processor : processors) {
			processor.shutdownAsync().get();
			processor.resetTokens();
			processor.start();
		}
		long firstProgress = awaitPosition(processors, head, limit);
		double seconds = Baselines.seconds(start);
		double restartSeconds = (firstProgress - start) / 1e9;
		Map<String, String> after = statuses(views);

		report.add(Report.Figure.of(SCENARIO, "events in the store", events, "events").note("1,000,000 in the goal"));
		report.add(Report.Figure
			.of(SCENARIO, "replay of " + REPLAYABLE.size() + " read models", events / seconds, "events/s")
			.against(storeRead)
			.goal(">= 50,000 events/s", 50_000, true)
			.note("from the reset, restart of the processors included"));
		report.add(Report.Figure.of(SCENARIO, "restart: reset until the first event is handled again",
				restartSeconds * 1000, "ms"));
		if (seconds > restartSeconds) {
			report.add(
					Report.Figure
						.of(SCENARIO, "replay of " + REPLAYABLE.size() + " read models, once running",
								events / (seconds - restartSeconds), "events/s")
						.against(storeRead));
		}
		Set<String> differing = new TreeSet<>();
		before.forEach((ticket, state) -> {
			if (!state.equals(after.get(ticket))) {
				differing.add(ticket);
			}
		});
		after.keySet().stream().filter((ticket) -> !before.containsKey(ticket)).forEach(differing::add);
		differing.stream()
			.limit(10)
			.forEach((ticket) -> System.out.printf("  ticket %s before the replay: %s, after: %s%n", ticket,
					before.get(ticket), after.get(ticket)));
		report.add(Report.Figure.of(SCENARIO, "tickets whose rebuilt view differs", differing.size(), "tickets")
			.goal("0", 0, false)
			.note(byStatus(before) + " before, " + byStatus(after) + " after"));
		return differing.isEmpty();
	}

	/**
	 * Reads every event from the start of the store, as a processor would, handling none.
	 * @return the number of events and the time the last one was read
	 */
	private static long[] readAll(EventStore store) throws Exception {
		long count = 0;
		long last = System.nanoTime();
		try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
			while (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
				stream.nextAvailable();
				count++;
				last = System.nanoTime();
			}
		}
		return new long[] { count, last };
	}

	/**
	 * Waits until ticket-service has consumed every record of the topics it reads (the
	 * receipts of a release can still be on their way when the last one is published) and
	 * nothing was appended to its store for two seconds since.
	 */
	private static void settle(MongoCollection<Document> positions, String kafka, String group) throws Exception {
		long seen = -1;
		long stableSince = System.nanoTime();
		long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
			while (System.nanoTime() < deadline) {
				Document counter = positions.find(Filters.eq("_id", "global")).first();
				long next = (counter != null) ? counter.get("next", Number.class).longValue() : 0;
				if (next != seen || lag(admin, group) > 0) {
					seen = next;
					stableSince = System.nanoTime();
				}
				else if (System.nanoTime() - stableSince > Duration.ofSeconds(2).toNanos()) {
					return;
				}
				Thread.sleep(200);
			}
		}
		throw new IllegalStateException("ticket-service did not settle in 30 minutes");
	}

	/**
	 * Records of the partitions the group's members consume that they have not consumed
	 * yet (the group may hold positions on other topics: it was placed at the end of all
	 * of them, see {@link SharedBroker}).
	 */
	private static long lag(Admin admin, String group) throws Exception {
		Set<TopicPartition> assigned = new HashSet<>();
		admin.describeConsumerGroups(List.of(group))
			.describedGroups()
			.get(group)
			.get()
			.members()
			.forEach((member) -> assigned.addAll(member.assignment().topicPartitions()));
		if (assigned.isEmpty()) {
			return 1; // not consuming (yet): not settled
		}
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get();
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		assigned.forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
		long lag = 0;
		for (TopicPartition partition : assigned) {
			OffsetAndMetadata at = committed.get(partition);
			if (at != null) {
				lag += Math.max(0, ends.get(partition).offset() - at.offset());
			}
		}
		return lag;
	}

	private static void awaitCaughtUp(List<StreamingEventProcessor> processors, Duration limit)
			throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			boolean done = true;
			for (StreamingEventProcessor processor : processors) {
				Map<Integer, EventTrackerStatus> status = processor.processingStatus();
				done &= !status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
			}
			if (done) {
				return;
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("The read models did not catch up in " + limit);
	}

	/**
	 * Waits until every segment of the processors has handled the store up to the head it
	 * had when the replay started (a replay status only ends with a later event, so it is
	 * not what tells the rebuild is done).
	 */
	private static long awaitPosition(List<StreamingEventProcessor> processors, long head, Duration limit)
			throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		long firstProgress = 0;
		while (System.nanoTime() < deadline) {
			boolean done = true;
			for (StreamingEventProcessor processor : processors) {
				Map<Integer, EventTrackerStatus> status = processor.processingStatus();
				if (firstProgress == 0
						&& status.values().stream().anyMatch((s) -> s.getCurrentPosition().orElse(-1) > 0)) {
					firstProgress = System.nanoTime();
				}
				done &= !status.isEmpty() && status.values()
					.stream()
					.allMatch((s) -> s.isCaughtUp() && s.getCurrentPosition().orElse(-1) >= head);
			}
			if (done) {
				return (firstProgress != 0) ? firstProgress : System.nanoTime();
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("The replay did not reach the store's head in " + limit);
	}

	/** Each ticket's status and version in the view. */
	private static Map<String, String> statuses(MongoCollection<Document> views) {
		Map<String, String> statuses = new HashMap<>();
		for (Document view : views.find(Filters.exists("_id"))
			.projection(new Document("status", 1).append("version", 1))) {
			statuses.put(view.getString("_id"), view.getString("status") + "@" + view.get("version"));
		}
		return statuses;
	}

	/** How many tickets per status and version. */
	private static Map<String, Integer> byStatus(Map<String, String> statuses) {
		Map<String, Integer> counts = new TreeMap<>();
		statuses.values().forEach((state) -> counts.merge(state, 1, Integer::sum));
		return counts;
	}

}
