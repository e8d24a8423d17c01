package dev.ticketloop.deploy.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ticketloop.deploy.RunningSystem;
import dev.ticketloop.deploy.SystemConfig;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.testsupport.TestInfrastructure;

/**
 * The benchmark harness: starts the system on the embedded default (or on external
 * infrastructure when {@code MONGODB_URI} and {@code KAFKA_BOOTSTRAP_SERVERS} are set, as
 * the tests do), measures the baselines, runs the scenarios of issue 7 that exist, marks
 * the others as not run, prints the table and writes it as JSON to
 * {@code target/benchmarks/} (the project root's, with bin/benchmark).
 * <p>
 * {@code bin/benchmark [full|small|fanout:<tickets>|...]}: full is the size the goals are
 * stated for (where it fits on one machine), small is what CI runs to check correctness
 * (0 lost, 0 duplicates), not speed; {@code fanout:N} runs the fan-out alone,
 * {@code notifications:N} notification-service alone, {@code sla:N} the SLA timers of
 * routing-service alone with N open clocks, {@code replay:N} intake of N tickets, a small
 * release and the replay, {@code replay-store:N} the replay of N events filled directly
 * into ticket-service's store, {@code processes:N} intake of N tickets with each service
 * in its own JVM (memory per service), {@code instances:N} intake of N tickets and a
 * release to N/2 with one, then two instances of each service. Where intake runs (full,
 * small, replay:N), the held-out half of the known-questions corpus runs too.
 * {@code full} runs them all, {@code small} all but the instances.
 */
public final class BenchmarkHarness {

	/** Sizes of one run. */
	record Scale(String name, int kafkaRecords, int mongoDocuments, int intakeClients, int intakeTickets,
			int fanOutTickets, int notifications, int notificationRate, int slaClocks, Duration slaSpread,
			Duration slaTarget, int storeEvents, int processTickets, int instanceTickets, int reportTickets) {

		static Scale of(String name) {
			return switch (name) {
				case "full" -> new Scale(name, 50_000, 5_000, 16, 5_000, 10_000, 10_000, 1_000, 100_000,
						Duration.ofMinutes(5), Duration.ofMinutes(8), 0, 5_000, 2_000, 1_000_000);
				case "small" -> new Scale(name, 2_000, 500, 16, 200, 50, 200, 100, 300, Duration.ofSeconds(10),
						Duration.ofSeconds(40), 0, 100, 0, 20_000);
				default -> {
					if (name.startsWith("fanout:")) {
						// the fan-out alone, with its baselines
						yield new Scale(name, 50_000, 5_000, 0, 0, Integer.parseInt(name.substring(7)), 0, 0, 0, null,
								null, 0, 0, 0, 0);
					}
					if (name.startsWith("notifications:")) {
						// notification-service alone, with its baseline
						yield new Scale(name, 50_000, 5_000, 0, 0, 0, Integer.parseInt(name.substring(14)), 1_000, 0,
								null, null, 0, 0, 0, 0);
					}
					if (name.startsWith("replay-store:")) {
						// ticket-service alone, its store filled directly, then the
						// replay
						yield new Scale(name, 50_000, 5_000, 0, 0, 0, 0, 0, 0, null, null,
								Integer.parseInt(name.substring(13)), 0, 0, 0);
					}
					if (name.startsWith("replay:")) {
						// intake of N tickets, a small release, then the replay of all of
						// it
						yield new Scale(name, 50_000, 5_000, 16, Integer.parseInt(name.substring(7)), 200, 0, 0, 0,
								null, null, 0, 0, 0, 0);
					}
					if (name.startsWith("processes:")) {
						// intake with each service in its own JVM: memory per service
						yield new Scale(name, 50_000, 5_000, 16, 0, 0, 0, 0, 0, null, null, 0,
								Integer.parseInt(name.substring(10)), 0, 0);
					}
					if (name.startsWith("instances:")) {
						// intake and a release fan-out with one, then two instances of
						// each service
						yield new Scale(name, 50_000, 5_000, 16, 0, 0, 0, 0, 0, null, null, 0, 0,
								Integer.parseInt(name.substring(10)), 0);
					}
					if (name.startsWith("sla:")) {
						// routing-service's SLA timers alone
						int clocks = Integer.parseInt(name.substring(4));
						yield new Scale(name, 50_000, 5_000, 0, 0, 0, 0, 0, clocks,
								Duration.ofSeconds(Math.max(10, clocks / 333)), Duration.ofMinutes(8), 0, 0, 0, 0);
					}
					if (name.startsWith("reports:")) {
						// insights-service's reports with N tickets in its day totals
						yield new Scale(name, 0, 0, 0, 0, 0, 0, 0, 0, null, null, 0, 0, 0,
								Integer.parseInt(name.substring(8)));
					}
					throw new IllegalArgumentException(
							"Scale is full, small, reports:<tickets>, fanout:<tickets>, notifications:<n>, replay:<tickets>, replay-store:<events>, "
									+ "sla:<clocks>, processes:<tickets> or instances:<tickets>, not " + name);
				}
			};
		}

	}

	/** The outcome of a run: the report and what must be 0. */
	record Outcome(Report report, int intakeRequested, int intakeCreated, FanOutScenario.Defects fanOut,
			boolean replaySame, NotificationScenario.Defects notifications, SlaTimersScenario.Defects slaTimers,
			SeparateProcessesScenario.Outcome processes) {
	}

	private static final SeparateProcessesScenario.Outcome NO_PROCESSES = new SeparateProcessesScenario.Outcome(0, 0, 0,
			0);

	private BenchmarkHarness() {
	}

	public static void main(String[] args) throws Exception {
		Outcome outcome;
		try {
			outcome = run(Scale.of((args.length > 0) ? args[0] : "full"));
		}
		catch (Exception | Error ex) {
			// exec:java would wait for the embedded broker's threads and never report it
			ex.printStackTrace();
			System.exit(1);
			return;
		}
		System.out.println();
		System.out.print(outcome.report().table());
		Path json = outcome.report().writeJson(Path.of("target", "benchmarks"));
		System.out.println();
		System.out.println("JSON: " + json.toAbsolutePath());
		System.exit(0);
	}

	static Outcome run(Scale scale) throws Exception {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		Report report = new Report(scale.name());
		NotificationScenario.Defects notifications = new NotificationScenario.Defects(0, 0, 0, 0);
		SlaTimersScenario.Defects slaTimers = new SlaTimersScenario.Defects(0, 0);
		if (scale.slaClocks() > 0) {
			System.out.println("scenario 4: SLA timers (routing-service alone)");
			slaTimers = SlaTimersScenario.run(report, infrastructure, scale.slaClocks(), scale.slaSpread(),
					scale.slaTarget());
		}
		if (scale.notifications() > 0) {
			System.out.println("scenario 6: notifications (notification-service alone)");
			notifications = NotificationScenario.run(report, infrastructure, scale.notifications(),
					scale.notificationRate());
		}
		if (scale.reportTickets() > 0) {
			System.out.println("scenario 10: the reports with " + scale.reportTickets() + " tickets");
			ReportsScenario.run(report, infrastructure, scale.reportTickets());
		}
		if (scale.storeEvents() > 0) {
			System.out.println("scenario 3: replay of a store filled directly (ticket-service alone)");
			boolean same = StoreFillScenario.run(report, infrastructure, scale.storeEvents());
			return new Outcome(report, 0, 0, new FanOutScenario.Defects(0, 0, 0, 0), same, notifications, slaTimers,
					NO_PROCESSES);
		}
		if (scale.processTickets() > 0 || scale.fanOutTickets() > 0 || scale.instanceTickets() > 0) {
			System.out.println("baselines");
			Baselines.measure(report, infrastructure.kafkaBootstrapServers(), infrastructure.mongoConnectionString(),
					scale.kafkaRecords(), scale.mongoDocuments());
		}
		SeparateProcessesScenario.Outcome processes = NO_PROCESSES;
		if (scale.processTickets() > 0) {
			System.out.println("scenarios 1 and 5: intake with each service in its own JVM, memory per service");
			processes = SeparateProcessesScenario.run(report, infrastructure, scale.intakeClients(),
					scale.processTickets());
		}
		if (scale.instanceTickets() > 0) {
			System.out.println("scenario 7: intake and fan-out with one, then two instances of each service");
			InstancesScenario.run(report, infrastructure, scale.intakeClients(), scale.instanceTickets(),
					scale.instanceTickets() / 2);
		}
		if (scale.fanOutTickets() == 0) {
			return new Outcome(report, 0, 0, new FanOutScenario.Defects(0, 0, 0, 0), true, notifications, slaTimers,
					processes);
		}
		try (EmbeddedSmtp smtp = EmbeddedSmtp.start(0)) {
			SystemConfig config = new SystemConfig(infrastructure.kafkaBootstrapServers(),
					infrastructure.mongoConnectionString(), TestInfrastructure.uniqueDatabase("bench") + "-",
					smtp.host(), smtp.port(), 0, 0, 0,
					List.of(new SystemConfig.ApiKey("email-adapter", IntakeScenario.ADAPTER_KEY, "ADAPTER", "email"),
							new SystemConfig.ApiKey("operator", OperatorToolsScenario.OPERATOR_KEY, "OPERATOR", null),
							new SystemConfig.ApiKey("agent", KnownQuestionsScenario.AGENT_KEY, "AGENT", null)),
					Map.of());
			SharedBroker.startAtEnd(infrastructure.kafkaBootstrapServers(),
					List.of(SharedBroker.groupOf(config.ticketService()), SharedBroker.groupOf(config.routingService()),
							SharedBroker.groupOf(config.notificationService()),
							SharedBroker.groupOf(config.insightsService())));
			try (RunningSystem system = RunningSystem.start(config)) {
				int created = 0;
				if (scale.intakeTickets() > 0) {
					System.out.println("scenario 1: intake over HTTP");
					created = IntakeScenario.run(report, system.ticketServiceUrl(), scale.intakeClients(),
							scale.intakeTickets());
				}
				System.out.println("scenario 2: release fan-out");
				FanOutScenario.Defects defects = FanOutScenario.run(report, system, smtp,
						infrastructure.kafkaBootstrapServers(), scale.fanOutTickets());
				boolean same = true;
				if (scale.intakeTickets() > 0) {
					System.out.println("scenario 3: replay");
					same = ReplayScenario.run(report, system.ticketService());
					System.out.println("scenario 8: operators' tools through bin/ticketloop");
					OperatorToolsScenario.run(report, system);
					System.out.println("scenario 9: known questions answered by the system");
					KnownQuestionsScenario.run(report, system);
					System.out.println("scenario 11: tagging of the customers' texts");
					TaggingScenario.run(report);
				}
				return new Outcome(report, scale.intakeTickets(), created, defects, same, notifications, slaTimers,
						processes);
			}
		}
	}

}
