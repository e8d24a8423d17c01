package dev.ticketloop.deploy.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.ticketloop.deploy.processes.ServiceProcesses;

/**
 * Channel adapters open tickets while ticket-service instances are killed: each request
 * carries an {@code Idempotency-Key} and is sent again, with the same key, until it gets
 * an answer (as an adapter does after a timeout or a reset connection), and once more
 * after that (an adapter that lost the answer). Every 201 must name a ticket that exists,
 * every request must have made exactly one ticket, and no correct request may get a 5xx.
 */
final class IntakeChaos {

	static final String SCENARIO = "intake with retries";

	private IntakeChaos() {
	}

	static void run(Run run, int tickets, int clients, int kills, int pauses) throws Exception {
		Map<String, Set<String>> idsByKey = new ConcurrentHashMap<>();
		AtomicLong refused = new AtomicLong();
		int errorsBefore = run.api.serverErrorCount();
		run.killer.start(SCENARIO, List.of(ServiceProcesses.TICKET), kills, pauses, Duration.ofSeconds(1),
				Duration.ofSeconds(4));
		List<Callable<Void>> requests = new ArrayList<>();
		for (int i = 0; i < tickets; i++) {
			String customer = run.id + "-intake-" + i;
			requests.add(() -> {
				try {
					idsByKey.computeIfAbsent(customer, (k) -> ConcurrentHashMap.newKeySet())
						.add(run.open("email", customer, "key-" + customer, null));
				}
				catch (IllegalStateException ex) {
					refused.incrementAndGet();
				}
				return null;
			});
		}
		Run.inParallel(clients, requests);
		run.killer.finish();
		// every adapter asks once more, as one that lost the answer would
		List<Callable<Void>> repeats = new ArrayList<>();
		for (String customer : idsByKey.keySet()) {
			repeats.add(() -> {
				idsByKey.get(customer).add(run.open("email", customer, "key-" + customer, null));
				return null;
			});
		}
		Run.inParallel(clients, repeats);

		Set<String> ids = ConcurrentHashMap.newKeySet();
		idsByKey.values().forEach(ids::addAll);
		Set<String> missing = ConcurrentHashMap.newKeySet();
		missing.addAll(ids);
		Run.await(Duration.ofMinutes(2), () -> {
			try {
				for (String id : List.copyOf(missing)) {
					if (run.ticket(id) != null) {
						missing.remove(id);
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return missing.isEmpty();
		});
		long keysWithTwoTickets = idsByKey.values().stream().filter((s) -> s.size() > 1).count();
		long customersNotOnce = 0;
		for (String customer : idsByKey.keySet()) {
			Api.Answer page = run.api.call(run.tickets(), "GET", "/tickets?customerRef=" + customer, null,
					ChaosSystem.AGENT_KEY);
			if (page.body().path("items").size() != 1) {
				customersNotOnce++;
			}
		}
		run.count("tickets", ids.size());
		run.count("operations", tickets * 2L);
		run.check(SCENARIO, "every 201 names a ticket that exists", ids.size(), missing.size(), 0,
				missing.isEmpty() ? "" : "missing: " + missing.stream().limit(3).toList());
		run.check(SCENARIO, "each request made exactly one ticket", tickets, keysWithTwoTickets + customersNotOnce, 0,
				keysWithTwoTickets + " keys answered with two ids, " + customersNotOnce
						+ " customers without exactly one ticket");
		run.check(SCENARIO, "no correct request refused or answered 5xx", tickets * 2L,
				refused.get() + run.api.serverErrorCount() - errorsBefore, 0, run.api.serverErrors().toString());
		AckCheck.check(run, SCENARIO, ids);
	}

}
