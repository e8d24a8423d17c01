package dev.ticketloop.deploy.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.ticketloop.cli.TicketloopCli;
import dev.ticketloop.deploy.RunningSystem;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What operators run, through {@code bin/ticketloop} against the running services (HTTP,
 * the operator's key), after the other scenarios filled ticket-service's store: a replay
 * of the ticket view, an export of the whole store, and a republish of everything the
 * service published onto a replay topic at the highest rate allowed. Figures: events a
 * second by the wall clock of the tool (start to end, following included), against the
 * raw store read and the raw Kafka produce measured in the same run.
 */
final class OperatorToolsScenario {

	static final String SCENARIO = "8 operators' tools";

	static final String OPERATOR_KEY = "bench-operator-key-0001";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private OperatorToolsScenario() {
	}

	/** What a run of the tool printed. */
	private record Run(int exitCode, String out, String err, double seconds) {
	}

	static void run(Report report, RunningSystem system) throws Exception {
		java.util.Optional<Report.Figure> storeRead = report.measured(Baselines.SCENARIO,
				"event store read, no handler");
		java.util.Optional<Report.Figure> produce = report.measured(Baselines.SCENARIO, Baselines.KAFKA_PRODUCE);

		Run replay = cli(system, "replay", "ticket-service", "ticket-view", "--timeout", "PT30M", "-o", "json");
		if (replay.exitCode() != 0) {
			report.notRun(SCENARIO, "replay of the ticket view through the CLI", null, replay.err());
		}
		else {
			long events = JSON.readTree(replay.out()).path("replay").path("done").asLong();
			report.add(Report.Figure
				.of(SCENARIO, "replay of the ticket view through the CLI", events / replay.seconds(), "events/s")
				.against(storeRead)
				.note(events + " events, " + String.format(java.util.Locale.ROOT, "%.1f s", replay.seconds())
						+ " from the request to the tool's end"));
		}

		Path file = Files.createTempFile("bench-export", ".jsonl");
		try {
			Run export = cli(system, "export", "ticket-service", "--file", file.toString());
			long lines;
			try (var stream = Files.lines(file)) {
				lines = stream.count();
			}
			if (export.exitCode() != 0) {
				report.notRun(SCENARIO, "export of the store through the CLI", null, export.err());
			}
			else {
				report.add(Report.Figure
					.of(SCENARIO, "export of the store through the CLI", lines / export.seconds(), "events/s")
					.against(storeRead)
					.note(lines + " events, " + (Files.size(file) / 1024) + " KiB of JSON lines"));
			}
		}
		finally {
			Files.deleteIfExists(file);
		}

		String topic = "bench-" + UUID.randomUUID().toString().substring(0, 8);
		Run republish = cli(system, "republish", "ticket-service", "--from", "2020-01-01T00:00:00Z", "--replay-topic",
				topic, "--rate", "100000", "-o", "json");
		if (republish.exitCode() != 0) {
			report.notRun(SCENARIO, "republish through the CLI", null, republish.err());
		}
		else {
			JsonNode job = JSON.readTree(republish.out());
			long published = job.path("counters").path("published").asLong();
			long read = job.path("counters").path("read").asLong();
			report.add(Report.Figure
				.of(SCENARIO, "republish through the CLI", published / republish.seconds(), "records/s")
				.against(produce)
				.note(published + " records of " + read + " events read, rate limit 100,000/s, "
						+ String.format(java.util.Locale.ROOT, "%.1f s", republish.seconds())));
		}
	}

	private static Run cli(RunningSystem system, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine line = TicketloopCli.commandLine();
		line.setOut(new PrintWriter(out, true));
		line.setErr(new PrintWriter(err, true));
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--key", OPERATOR_KEY, "--ticket-service", system.ticketServiceUrl(), "--routing-service",
				system.routingServiceUrl(), "--notification-service", system.notificationServiceUrl()));
		long start = System.nanoTime();
		int code = line.execute(all.toArray(String[]::new));
		return new Run(code, out.toString(), err.toString(), Baselines.seconds(start));
	}

}
