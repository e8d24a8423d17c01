package dev.ticketloop.deploy.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import tools.jackson.databind.json.JsonMapper;

/** What the chaos suite found: the invariants as a table, the kills and the totals. */
final class ChaosReport {

	private final long seed;

	private final List<Run.Check> checks = new ArrayList<>();

	private final List<Killer.Kill> kills = new ArrayList<>();

	private final List<String> log = new ArrayList<>();

	private final Map<String, Long> totals = new LinkedHashMap<>();

	ChaosReport(long seed) {
		this.seed = seed;
	}

	void add(Run run) {
		this.checks.addAll(run.checks());
		this.kills.addAll(run.killer.kills());
		this.log.addAll(run.killer.log());
		run.counts().forEach((k, v) -> this.totals.merge(k, v, Long::sum));
		this.totals.merge("HTTP calls", run.api.calls(), Long::sum);
		this.totals.merge("calls that met a dead instance", run.api.unreachable(), Long::sum);
	}

	long violations() {
		return this.checks.stream().mapToLong(Run.Check::violations).sum() + takeoversMissed();
	}

	long killCount() {
		return this.kills.stream().filter((k) -> !k.target().startsWith("broker")).count();
	}

	String table() {
		StringBuilder out = new StringBuilder();
		out.append(
				String.format("%nChaos suite, seed %d (bin/chaos --seed %d repeats the plan)%n", this.seed, this.seed));
		this.log.forEach((line) -> out.append("  ").append(line).append('\n'));
		String row = "| %-27s | %-9s | %-47s | %9s | %10s | %8s | %s%n";
		out.append('\n')
			.append(String.format(row, "scenario", "instances", "invariant", "checked", "violations", "window",
					"note"));
		out.append(String.format(row, "-".repeat(27), "-".repeat(9), "-".repeat(47), "-".repeat(9), "-".repeat(10),
				"-".repeat(8), "---"));
		for (Run.Check c : this.checks) {
			out.append(String.format(row, c.scenario(), c.instances(), c.invariant(), c.checked(), c.violations(),
					c.window(), c.note()));
		}
		double[] segments = measured(Killer.Kill::segmentsTakenOverSeconds);
		double[] partitions = measured(Killer.Kill::partitionsTakenOverSeconds);
		double[] back = measured(Killer.Kill::partitionsBackAfterRestartSeconds);
		out.append(String.format(
				"%nkills (kill -9): %d, broker pauses: %d, violations: %d, within the "
						+ "at-least-once window: %d, take-overs missed: %d%n",
				killCount(), this.kills.size() - killCount(), violations(),
				this.checks.stream().mapToLong(Run.Check::window).sum(), takeoversMissed()));
		this.totals.forEach((k, v) -> out.append(String.format("%s: %d%n", k, v)));
		if (back.length > 0) {
			out.append(String.format(
					"a killed single instance restarted (%d kills): its Kafka partitions back "
							+ "median %.1f s, max %.1f s after it answered its health check%n",
					back.length, median(back), longest(back)));
		}
		if (segments.length > 0) {
			out.append(String.format(
					"take-over by the surviving instance (%d kills): segments median %.1f s, max "
							+ "%.1f s; Kafka partitions median %.1f s, max %.1f s%n",
					segments.length, median(segments), longest(segments), median(partitions), longest(partitions)));
		}
		return out.toString();
	}

	/** What was killed and paused, and when, with each take-over's figures. */
	String killLog() {
		return String.join(System.lineSeparator(), this.log);
	}

	/** The longest take-over of a killed instance's segments, in seconds (NaN: none). */
	double longestSegmentsTakeover() {
		return longest(measured(Killer.Kill::segmentsTakenOverSeconds));
	}

	/** The longest take-over of a killed instance's Kafka partitions, in seconds. */
	double longestPartitionsTakeover() {
		return longest(measured(Killer.Kill::partitionsTakenOverSeconds));
	}

	/** A figure of every kill that has it, sorted. */
	private double[] measured(ToDoubleFunction<Killer.Kill> figure) {
		return this.kills.stream().mapToDouble(figure).filter((d) -> !Double.isNaN(d)).sorted().toArray();
	}

	private static double longest(double[] sorted) {
		return (sorted.length == 0) ? Double.NaN : sorted[sorted.length - 1];
	}

	/** Kills of one of two instances whose work was not taken over within a minute. */
	long takeoversMissed() {
		return this.kills.stream().filter(Killer.Kill::takeoverMissed).count();
	}

	private static double median(double[] sorted) {
		return (sorted.length == 0) ? Double.NaN : sorted[sorted.length / 2];
	}

	void write(Path directory) throws IOException {
		Files.createDirectories(directory);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("seed", this.seed);
		json.put("kills", killCount());
		json.put("violations", violations());
		json.put("totals", this.totals);
		json.put("checks", this.checks);
		json.put("killLog",
				this.kills.stream()
					.map((k) -> Arrays.asList(k.scenario(), k.target(), k.atSeconds(), k.survivor(),
							k.segmentsTakenOverSeconds(), k.partitionsTakenOverSeconds(),
							k.partitionsBackAfterRestartSeconds()))
					.toList());
		String stamp = java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-');
		Files.writeString(directory.resolve("chaos-" + stamp + ".json"),
				JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json));
		Files.writeString(directory.resolve("chaos-" + stamp + ".txt"), table());
	}

}
