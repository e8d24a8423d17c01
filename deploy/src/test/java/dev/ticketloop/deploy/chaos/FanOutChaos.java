package dev.ticketloop.deploy.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.ticketloop.deploy.processes.ServiceProcesses;
import tools.jackson.databind.JsonNode;

/**
 * Many tickets linked to one known issue; engineering releases the fix and the fan-out
 * tells every linked customer, while ticket-service (the fan-out, the receipts) and
 * notification-service (the mails) instances are killed and the broker pauses. Every
 * linked customer must be told once (a repeat with the same Message-ID, the documented
 * at-least-once window, counted apart), and every ticket must settle as the lifecycle
 * says: resolved once its receipt is recorded, none left waiting.
 */
final class FanOutChaos {

	static final String SCENARIO = "release fan-out";

	private FanOutChaos() {
	}

	static void run(Run run, int tickets, int clients, int kills, int pauses) throws Exception {
		int errorsBefore = run.api.serverErrorCount();
		List<Callable<String>> opening = new ArrayList<>();
		for (int i = 0; i < tickets; i++) {
			String customer = run.id + "-fanout-" + i;
			opening.add(() -> run.open("email", customer, "key-" + customer, null));
		}
		List<String> ids = Run.inParallel(clients, opening);
		String issue = run.api
			.call(run.tickets(), "POST", "/issues", "{\"title\":\"Chaos: export broken\"}", ChaosSystem.ENGINEERING_KEY)
			.field("issueKey");
		List<Callable<Integer>> linking = new ArrayList<>();
		for (String id : ids) {
			linking.add(
					() -> run.api
						.call(run.tickets(), "POST", "/tickets/" + id + "/issue-link",
								"{\"issueKey\":\"" + issue + "\"}", ChaosSystem.AGENT_KEY)
						.status());
		}
		long linkRefused = Run.inParallel(clients, linking).stream().filter((s) -> s != 200).count();
		run.api.call(run.tickets(), "POST", "/issues/" + issue + "/fix-schedule", "{\"targetVersion\":\"9.9.9\"}",
				ChaosSystem.ENGINEERING_KEY);

		run.killer.start(SCENARIO, List.of(ServiceProcesses.TICKET, ServiceProcesses.NOTIFICATION), kills, pauses,
				Duration.ofSeconds(1), Duration.ofSeconds(5));
		Api.Answer release = run.api.call(run.tickets(), "POST", "/releases",
				"{\"releaseId\":\"" + run.id + "-release\",\"version\":\"9.9.9\",\"fixedIssues\":[\"" + issue + "\"]}",
				ChaosSystem.ENGINEERING_KEY);
		run.killer.finish();

		Map<String, String> statuses = new HashMap<>();
		Run.await(Duration.ofMinutes(5), () -> {
			try {
				statuses.clear();
				for (JsonNode ticket : run.ticketsOfIssue(issue)) {
					statuses.put(ticket.path("ticketId").asString(), ticket.path("status").asString());
				}
				return statuses.size() == ids.size() && statuses.values().stream().allMatch("RESOLVED"::equals);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return true;
			}
		});
		JsonNode issueView = run.api.call(run.tickets(), "GET", "/issues/" + issue, null, ChaosSystem.AGENT_KEY).body();
		Map<String, Run.Received> received = run.received();
		Map<String, Run.Received> fixed = new HashMap<>();
		Map<String, Integer> fixNotifications = new HashMap<>();
		received.forEach((notification, messages) -> {
			String[] parts = notification.split(":");
			if (parts.length >= 2 && parts[1].equals("fix_released")) {
				fixed.put(parts[0], messages);
				fixNotifications.merge(parts[0], 1, Integer::sum);
			}
		});
		long never = ids.stream().filter((id) -> !fixed.containsKey(id)).count();
		long twice = ids.stream()
			.filter((id) -> fixNotifications.getOrDefault(id, 0) > 1
					|| (fixed.containsKey(id) && fixed.get(id).doubled()))
			.count();
		long window = ids.stream().filter((id) -> fixed.containsKey(id) && fixed.get(id).repeated()).count();
		long unsettled = ids.stream().filter((id) -> !"RESOLVED".equals(statuses.get(id))).count();
		Map<String, Long> byStatus = new HashMap<>();
		statuses.values().forEach((s) -> byStatus.merge(s, 1L, Long::sum));

		run.count("tickets", ids.size());
		run.count("operations", ids.size() * 2L + 3);
		run.count("messages", ids.size());
		run.check(SCENARIO, "the issue lists every linked ticket", ids.size(),
				ids.size() - issueView.path("linkedTickets").asInt() + linkRefused, 0,
				issueView.path("linkedTickets").asInt() + " linked; release: " + release.text());
		run.check(SCENARIO, "every linked customer told once", ids.size(), never + twice, window,
				never + " never, " + twice + " twice");
		run.check(SCENARIO, "every ticket settled (resolved on its receipt)", ids.size(), unsettled, 0,
				byStatus.toString());
		run.check(SCENARIO, "no correct request answered 5xx", ids.size() * 2L + 3,
				run.api.serverErrorCount() - errorsBefore, 0, run.api.serverErrors().toString());
	}

}
