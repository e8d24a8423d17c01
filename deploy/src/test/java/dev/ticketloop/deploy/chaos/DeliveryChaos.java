package dev.ticketloop.deploy.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.ticketloop.deploy.processes.ServiceProcesses;
import tools.jackson.databind.JsonNode;

/**
 * Customers on e-mail and on chat (told by a signed webhook to their channel adapter) get
 * their acknowledgement and an agent's reply while notification-service instances are
 * killed. Each message must reach its customer once (a repeat with the same Message-ID or
 * delivery id is the documented at-least-once window, counted apart), and its receipt
 * must be recorded on the ticket.
 */
final class DeliveryChaos {

	static final String SCENARIO = "notifications and webhooks";

	private DeliveryChaos() {
	}

	static void run(Run run, int ticketsPerChannel, int clients, int kills) throws Exception {
		int errorsBefore = run.api.serverErrorCount();
		Api.Answer registered = run.api.call(run.notifications(), "PUT", "/webhooks/chat",
				"{\"url\":\"" + run.system.webhooks().url() + "\"}", ChaosSystem.CHAT_KEY);
		if (registered.status() >= 300) {
			throw new IllegalStateException("Webhook registration refused: " + registered.text());
		}
		run.killer.start(SCENARIO, List.of(ServiceProcesses.NOTIFICATION), kills, 0, Duration.ofSeconds(2),
				Duration.ofSeconds(6));
		List<Callable<String>> work = new ArrayList<>();
		for (int i = 0; i < 2 * ticketsPerChannel; i++) {
			String channel = (i % 2 == 0) ? "email" : "chat";
			String customer = run.id + "-delivery-" + i;
			work.add(() -> {
				String ticket = run.open(channel, customer, "key-" + customer, null);
				run.api.call(run.tickets(), "POST", "/tickets/" + ticket + "/assignment", "{\"agent\":\"agent\"}",
						ChaosSystem.AGENT_KEY);
				run.api.call(run.tickets(), "POST", "/tickets/" + ticket + "/replies",
						"{\"body\":\"We are looking into it.\"}", ChaosSystem.AGENT_KEY);
				return ticket;
			});
		}
		List<String> tickets = Run.inParallel(clients, work);
		run.killer.finish();

		Run.await(Duration.ofMinutes(4), () -> {
			try {
				Map<String, Run.Received> received = run.received();
				for (String ticket : tickets) {
					if (replyOf(received, ticket) == null || !received.containsKey(ticket + ":acknowledgement")
							|| receipts(run, ticket) < 2) {
						return false;
					}
				}
				return true;
			}
			catch (Exception ex) {
				return false;
			}
		});
		Map<String, Run.Received> received = run.received();
		long never = 0;
		long twice = 0;
		long window = 0;
		long withoutReceipt = 0;
		for (String ticket : tickets) {
			for (Run.Received message : new Run.Received[] { received.get(ticket + ":acknowledgement"),
					replyOf(received, ticket) }) {
				if (message == null) {
					never++;
				}
				else if (message.doubled()) {
					twice++;
				}
				else if (message.repeated()) {
					window++;
				}
			}
			if (receipts(run, ticket) < 2) {
				withoutReceipt++;
			}
		}
		run.count("tickets", tickets.size());
		run.count("operations", tickets.size() * 3L + 1);
		run.count("messages", tickets.size() * 2L);
		run.check(SCENARIO, "every message reached its customer once", tickets.size() * 2L, never + twice, window,
				never + " never, " + twice + " twice; " + run.system.webhooks().received().size() + " webhooks");
		run.check(SCENARIO, "every delivery's receipt on its ticket", tickets.size(), withoutReceipt, 0, "");
		run.check(SCENARIO, "no correct request answered 5xx", tickets.size() * 3L + 1,
				run.api.serverErrorCount() - errorsBefore, 0, run.api.serverErrors().toString());
	}

	private static Run.Received replyOf(Map<String, Run.Received> received, String ticket) {
		return received.entrySet()
			.stream()
			.filter((e) -> e.getKey().startsWith(ticket + ":reply:"))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	/** How many delivery receipts the ticket's history records. */
	private static long receipts(Run run, String ticket) throws InterruptedException {
		JsonNode view = run.ticket(ticket);
		if (view == null) {
			return 0;
		}
		long n = 0;
		for (JsonNode entry : view.path("history")) {
			if (entry.path("type").asString().equals("CustomerNotified")) {
				n++;
			}
		}
		return n;
	}

}
