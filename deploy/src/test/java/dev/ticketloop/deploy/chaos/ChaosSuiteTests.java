package dev.ticketloop.deploy.chaos;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos suite at its small size, as CI runs it: two instances of each service, one
 * {@code kill -9} of an instance in each scenario and a pause of the broker during the
 * fan-out; no invariant may break, and a killed instance's partitions and segments must
 * move to the survivor within 15 s and 20 s (measured: partitions median 5-6 s, max 7.3 s
 * with a busy-loop beside the suite on 2 cores; 11.4 s once in CI on a busy machine, the
 * session timeout being 6 s; docs/chaos.md). (One instance killed alone is the full
 * suite's and {@code IntakeCrashTests}'s and {@code DeliveryRestartTests}' part: it adds
 * minutes of restarts.) A failure prints the seed that repeats the plan
 * ({@code bin/chaos --size small --instances 2 --seed <seed>}).
 */
@Tag("integration")
class ChaosSuiteTests {

	@Test
	void killing_instances_during_real_work_breaks_no_invariant() throws Exception {
		ChaosSuite suite = new ChaosSuite();
		suite.size = Run.Size.small;
		suite.instances = List.of(2);
		suite.scenarios = EnumSet.allOf(ChaosSuite.Scenario.class);
		suite.directory = Path.of("target", "chaos");
		ChaosSuite.quietLogs();

		suite.call();

		ChaosReport report = suite.report();
		assertThat(report.killCount()).as("instances killed").isGreaterThanOrEqualTo(4);
		assertThat(report.violations()).as(report.table()).isZero();
		assertThat(report.takeoversMissed()).as("kills whose work was not taken over within a minute").isZero();
		assertThat(report.longestPartitionsTakeover())
			.as("seconds until a killed instance's partitions moved%n%s", report.killLog())
			.isLessThan(15);
		assertThat(report.longestSegmentsTakeover())
			.as("seconds until a killed instance's segments moved%n%s", report.killLog())
			.isLessThan(20);
	}

}
