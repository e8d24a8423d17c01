package dev.ticketloop.deploy.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.routing.SlaBreachedV1;
import dev.ticketloop.contracts.routing.SlaWarningV1;
import dev.ticketloop.deploy.processes.ServiceProcesses;
import dev.ticketloop.testsupport.TopicRecorder;

/**
 * Tickets whose SLA deadlines fall due within a minute (a policy of seconds, around the
 * clock) and that nobody answers, while routing-service instances are killed around the
 * deadlines: each warning and each breach of each target must be raised exactly once (one
 * event, whatever redelivers it: events are counted by their CloudEvents id).
 */
final class SlaChaos {

	static final String SCENARIO = "SLA deadlines";

	private SlaChaos() {
	}

	static void run(Run run, int tickets, int clients, int kills) throws Exception {
		int errorsBefore = run.api.serverErrorCount();
		try (TopicRecorder decisions = new TopicRecorder(Topics.ROUTING_DECISIONS, run.system.kafka())) {
			List<Callable<String>> opening = new ArrayList<>();
			for (int i = 0; i < tickets; i++) {
				String customer = run.id + "-sla-" + i;
				opening.add(() -> run.open("email", customer, "key-" + customer, ChaosSystem.SLA_TIER));
			}
			run.killer.start(SCENARIO, List.of(ServiceProcesses.ROUTING), kills, 0, Duration.ofSeconds(3),
					Duration.ofSeconds(9));
			List<String> ids = Run.inParallel(clients, opening);
			Set<String> ours = new HashSet<>(ids);
			run.killer.finish();
			int expected = ids.size() * 4;
			Run.await(ChaosSystem.RESOLUTION.plus(Duration.ofMinutes(3)),
					() -> raised(decisions, ours).values().stream().filter((s) -> !s.isEmpty()).count() >= expected);
			// a second raising would come after the first: give it time
			Thread.sleep(5_000);
			Map<String, Set<String>> raised = raised(decisions, ours);
			long never = 0;
			long twice = 0;
			for (String ticket : ids) {
				for (String deadline : List.of("warning first_response", "breached first_response",
						"warning resolution", "breached resolution")) {
					int times = raised.getOrDefault(ticket + " " + deadline, Set.of()).size();
					if (times == 0) {
						never++;
					}
					else if (times > 1) {
						twice++;
					}
				}
			}
			run.count("tickets", ids.size());
			run.count("operations", ids.size());
			run.count("deadlines", expected);
			run.check(SCENARIO, "every SLA deadline raised once", expected, never + twice, 0,
					never + " never, " + twice + " more than once");
			run.check(SCENARIO, "no correct request answered 5xx", ids.size(),
					run.api.serverErrorCount() - errorsBefore, 0, run.api.serverErrors().toString());
		}
	}

	/** The ids of the events raised per ticket, kind and target. */
	private static Map<String, Set<String>> raised(TopicRecorder decisions, Set<String> tickets) {
		Map<String, Set<String>> raised = new HashMap<>();
		for (CloudEvent event : decisions.all()) {
			String key = null;
			if (event.data() instanceof SlaWarningV1 warning && tickets.contains(warning.ticketId())) {
				key = warning.ticketId() + " warning " + warning.target();
			}
			else if (event.data() instanceof SlaBreachedV1 breach && tickets.contains(breach.ticketId())) {
				key = breach.ticketId() + " breached " + breach.target();
			}
			if (key != null) {
				raised.computeIfAbsent(key, (k) -> new HashSet<>()).add(event.id());
			}
		}
		return raised;
	}

}
