package dev.ticketloop.deploy.bench.micro;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every micro-benchmark runs (a failing setup, such as a codec that does not round-trip
 * or a template that renders nothing, aborts its run) and yields a score, with every
 * parameter. One short iteration in this JVM: this checks the benchmarks, it measures
 * nothing; the figures come from {@code bin/benchmark-micro}.
 */
class MicroBenchmarksTests {

	@Test
	void every_micro_benchmark_runs_with_every_parameter() throws RunnerException {
		Options options = new OptionsBuilder().include(getClass().getPackageName() + "\\..*Benchmark\\.")
			.forks(0)
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(50))
			.shouldFailOnError(true)
			.build();

		Collection<RunResult> results = new Runner(options).run();

		Set<String> runs = results.stream()
			.map((r) -> simpleName(r.getParams().getBenchmark()) + r.getParams()
				.getParamsKeys()
				.stream()
				.map((k) -> " " + r.getParams().getParam(k))
				.collect(Collectors.joining()))
			.collect(Collectors.toSet());
		assertThat(runs).hasSize(3 * 3 + 2 * 3 + 5)
			.contains("CalendarBenchmark.businessHoursPlus PT30M", "CalendarBenchmark.baselineWallClockPlus PT72H",
					"RenderingBenchmark.renderNotification zh-CN|Asia/Shanghai", "CodecBenchmark.codecReadEnvelope");
		assertThat(results).allSatisfy((r) -> assertThat(r.getPrimaryResult().getScore()).isPositive());
	}

	private static String simpleName(String benchmark) {
		String[] parts = benchmark.split("\\.");
		return parts[parts.length - 2] + "." + parts[parts.length - 1];
	}

}
