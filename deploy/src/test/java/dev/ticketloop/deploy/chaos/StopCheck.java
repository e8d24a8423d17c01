package dev.ticketloop.deploy.chaos;

import java.time.Duration;

import dev.ticketloop.deploy.processes.ServiceProcesses;

/**
 * An orchestrator stops an instance of each service ({@code SIGTERM}) while the broker is
 * paused: each stop must end within 10 s (a consumer leaving its group used to wait 30 s
 * for the broker). The instances are started again after.
 */
final class StopCheck {

	static final String SCENARIO = "stop, broker paused";

	private static final Duration LIMIT = Duration.ofSeconds(10);

	private StopCheck() {
	}

	static void run(Run run) throws Exception {
		ServiceProcesses services = run.system.services();
		long slow = 0;
		StringBuilder note = new StringBuilder();
		run.system.pauseBroker();
		try {
			for (String service : ServiceProcesses.SERVICES) {
				String instance = services.instancesOf(service).get(0);
				long started = System.nanoTime();
				services.stop(instance);
				double seconds = (System.nanoTime() - started) / 1e9;
				note.append(String.format("%s%s %.1f s", (note.length() > 0) ? ", " : "", service, seconds));
				if (seconds > LIMIT.toSeconds()) {
					slow++;
				}
			}
		}
		finally {
			run.system.resumeBroker();
		}
		for (String service : ServiceProcesses.SERVICES) {
			String instance = services.instancesOf(service).get(0);
			services.restart(instance);
		}
		for (String service : ServiceProcesses.SERVICES) {
			services.awaitHealthy(services.instancesOf(service).get(0), Duration.ofMinutes(3));
		}
		run.check(SCENARIO, "a stop ends within 10 s with the broker paused", ServiceProcesses.SERVICES.size(), slow, 0,
				note.toString());
	}

}
