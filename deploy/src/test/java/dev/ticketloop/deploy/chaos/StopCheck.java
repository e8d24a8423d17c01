package dev.ticketloop.deploy.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

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
			for (String service : ChaosSystem.SERVICES) {
				String instance = services.instancesOf(service).get(0);
				long started = System.nanoTime();
				stopWithThreadDump(services, instance, run.system.directory());
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
		for (String service : ChaosSystem.SERVICES) {
			String instance = services.instancesOf(service).get(0);
			services.restart(instance);
		}
		for (String service : ChaosSystem.SERVICES) {
			services.awaitHealthy(services.instancesOf(service).get(0), Duration.ofMinutes(3));
		}
		run.check(SCENARIO, "a stop ends within 10 s with the broker paused", ChaosSystem.SERVICES.size(), slow, 0,
				note.toString());
	}

	/**
	 * Stops the instance ({@code SIGTERM}); while it is still stopping, its threads are
	 * dumped at 3, 6 and 9 s into {@code stop-<instance>-threads-<s>s.txt} of the run's
	 * directory, so a slow stop shows what it waits for.
	 */
	private static void stopWithThreadDump(ServiceProcesses services, String instance, Path directory)
			throws Exception {
		Process process = services.service(instance).process();
		long started = System.nanoTime();
		process.destroy();
		for (int seconds : new int[] { 3, 6, 9 }) {
			long wait = started + TimeUnit.SECONDS.toNanos(seconds) - System.nanoTime();
			if (process.waitFor(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
				return;
			}
			Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
			if (Files.isExecutable(jstack)) {
				new ProcessBuilder(jstack.toString(), String.valueOf(process.pid())).redirectErrorStream(true)
					.redirectOutput(directory.resolve("stop-" + instance + "-threads-" + seconds + "s.txt").toFile())
					.start()
					.waitFor(20, TimeUnit.SECONDS);
			}
		}
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
