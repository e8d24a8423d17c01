package dev.ticketloop.deploy.chaos;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The chaos suite (issue 14): the system in processes of their own, {@code kill -9} of
 * service instances and pauses of the broker at random moments of real work, and the
 * invariants checked after each scenario. {@code bin/chaos} runs it; its small size runs
 * in CI ({@link ChaosSuiteTests}).
 */
@Command(name = "bin/chaos", mixinStandardHelpOptions = true,
		description = "Kills service instances (kill -9) and pauses the broker during intake, a release fan-out, "
				+ "notifications, SLA deadlines, a republish job and a replay of the reports, with one and with two instances of each service, and "
				+ "checks the invariants. Exit code 0 when none is violated.")
public final class ChaosSuite implements Callable<Integer> {

	/** The scenarios, in the order they run. */
	enum Scenario {

		intake, fanout, notifications, sla, republish, insights

	}

	@Option(names = "--size", defaultValue = "full", description = "small (as in CI) or full (default).")
	Run.Size size = Run.Size.full;

	@Option(names = "--seed", description = "The random seed (default: a new one, printed).")
	Long seed;

	@Option(names = "--instances", split = ",", defaultValue = "1,2",
			description = "Instances of each service, one run per number (default ${DEFAULT-VALUE}).")
	List<Integer> instances;

	@Option(names = "--scenarios", split = ",", defaultValue = "intake,fanout,notifications,sla,republish,insights",
			description = "Which scenarios run (default all: ${DEFAULT-VALUE}).")
	Set<Scenario> scenarios;

	@Option(names = "--directory", defaultValue = "target/chaos",
			description = "Where logs and the report go (default ${DEFAULT-VALUE}).")
	Path directory;

	private ChaosReport report;

	public static void main(String[] args) {
		quietLogs();
		System.exit(new CommandLine(new ChaosSuite()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
	}

	/**
	 * What this JVM's own servers (SMTP, Kafka clients) log below warnings is noise here.
	 */
	static void quietLogs() {
		if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
			root.setLevel(Level.WARN);
		}
	}

	/** Runs the suite as configured; the report is kept for the caller. */
	@Override
	public Integer call() throws Exception {
		long chosen = (this.seed != null) ? this.seed : new Random().nextLong();
		this.report = new ChaosReport(chosen);
		Random random = new Random(chosen);
		System.out.printf("Chaos suite: seed %d, size %s, instances %s, scenarios %s%n", chosen, this.size,
				this.instances, this.scenarios);
		for (int n : this.instances) {
			long started = System.nanoTime();
			Path runDirectory = this.directory.resolve("run-" + n + "-" + System.currentTimeMillis());
			try (ChaosSystem system = ChaosSystem.start(runDirectory, n)) {
				Run run = new Run(system, random, "c" + Long.toHexString(random.nextLong() & 0xffffffL) + "i" + n,
						this.size);
				try {
					scenarios(run);
				}
				finally {
					run.killer.close();
					run.count("seconds (run with " + n + " instance" + ((n > 1) ? "s" : "") + ")",
							(System.nanoTime() - started) / 1_000_000_000L);
					this.report.add(run);
				}
			}
			System.out.println(this.report.table());
		}
		this.report.write(this.directory);
		return (this.report.violations() == 0) ? 0 : 1;
	}

	private void scenarios(Run run) throws Exception {
		boolean full = this.size == Run.Size.full;
		if (this.scenarios.contains(Scenario.intake)) {
			timed(run, "intake", () -> IntakeChaos.run(run, full ? 1500 : 100, 8, full ? 4 : 1, full ? 1 : 0));
		}
		if (this.scenarios.contains(Scenario.fanout)) {
			timed(run, "fan-out", () -> FanOutChaos.run(run, full ? 1000 : 80, 8, full ? 5 : 1, 1));
		}
		if (this.scenarios.contains(Scenario.notifications)) {
			timed(run, "notifications", () -> DeliveryChaos.run(run, full ? 100 : 10, 8, full ? 3 : 1));
		}
		if (this.scenarios.contains(Scenario.sla)) {
			timed(run, "SLA", () -> SlaChaos.run(run, full ? 60 : 10, 8, full ? 3 : 1));
		}
		if (this.scenarios.contains(Scenario.republish)) {
			timed(run, "republish", () -> RepublishChaos.run(run));
		}
		if (this.scenarios.contains(Scenario.insights)) {
			timed(run, "insights", () -> InsightsChaos.run(run, full ? 12 : 6, full ? 4 : 2, full ? 1 : 0));
		}
		timed(run, "stop", () -> StopCheck.run(run));
		timed(run, "replay", () -> ReplayCheck.run(run));
	}

	private static void timed(Run run, String scenario, Step step) throws Exception {
		long started = System.nanoTime();
		step.run();
		System.out.printf("  %s with %d instance(s): %d s%n", scenario, run.system.instances(),
				(System.nanoTime() - started) / 1_000_000_000L);
	}

	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

	ChaosReport report() {
		return this.report;
	}

}
