package dev.ticketloop.deploy.bench;

import dev.ticketloop.deploy.processes.ServiceProcesses;

import dev.ticketloop.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark harness at its small size, as CI runs it: every scenario that exists runs
 * end to end and is correct (every intake answered, no ticket lost or told twice, the
 * replayed read model equal to the live one, every customer acknowledged when the
 * services run in their own JVMs). Speed is printed, never asserted.
 */
@IntegrationTest
class BenchmarkHarnessTests {

	@Test
	void every_scenario_runs_and_nothing_is_lost_or_duplicated() throws Exception {
		BenchmarkHarness.Outcome outcome = BenchmarkHarness.run(BenchmarkHarness.Scale.of("small"));
		System.out.print(outcome.report().table());

		assertThat(outcome.intakeCreated()).as("tickets created over HTTP").isEqualTo(outcome.intakeRequested());
		assertThat(outcome.fanOut().total()).as("fan-out duplicates and losses: " + outcome.fanOut()).isZero();
		assertThat(outcome.replaySame()).as("replayed ticket view equals the live one").isTrue();
		assertThat(outcome.notifications().total()).as("notifications lost or doubled: " + outcome.notifications())
			.isZero();
		assertThat(outcome.slaTimers().total()).as("SLA deadlines lost or raised twice: " + outcome.slaTimers())
			.isZero();
		assertThat(outcome.processes().createdAlone()).as("tickets created, ticket-service alone in its JVM")
			.isEqualTo(outcome.processes().requested());
		assertThat(outcome.processes().created()).as("tickets created, services in their own JVMs")
			.isEqualTo(outcome.processes().requested())
			.isPositive();
		assertThat(outcome.processes().acknowledged()).as("customers acknowledged, services in their own JVMs")
			.isEqualTo(outcome.processes().requested());
		for (String service : ServiceProcesses.SERVICES) {
			assertThat(outcome.report().figure("5 memory", service + ": peak resident set (VmHWM)").value())
				.as(service + " peak resident set")
				.isPositive();
		}
		assertThat(outcome.report().figures()).extracting(Report.Figure::scenario)
			.contains("baseline", "1 intake", "2 release fan-out", "3 replay", "4 SLA timers", "5 memory",
					"6 notifications", "9 known questions");
		for (String language : java.util.List.of("en", "es", "zh")) {
			assertThat(
					outcome.report().figure("9 known questions", language + ": coverage of answerable tickets").value())
				.as(language + " coverage")
				.isBetween(0.0, 100.0);
		}
		assertThat(outcome.report().figure("4 SLA timers", "300 open clocks: lateness p99 (raised - due)").value())
			.isNotNaN();
	}

}
