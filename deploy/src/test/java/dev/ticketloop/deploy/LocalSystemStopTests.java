package dev.ticketloop.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: Ctrl+C stops {@code bin/run} within 10 s, quietly, every time: the services
 * stop first, while the broker and the store are still there. The local system runs as
 * its own process ({@code bin/run}'s main class) and gets {@code SIGINT}, what Ctrl+C
 * sends, once while tickets it was just given are being processed, and once more after a
 * restart on the same data.
 */
@Tag("integration")
class LocalSystemStopTests {

	private static final Duration STOP_WITHIN = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void ctrl_c_stops_the_system_within_10_seconds_quietly_twice(@TempDir Path directory) throws Exception {
		int ticketPort = freePort();
		Map<String, String> ports = Map.of("TICKET_SERVICE_PORT", String.valueOf(ticketPort), "ROUTING_SERVICE_PORT",
				String.valueOf(freePort()), "NOTIFICATION_SERVICE_PORT", String.valueOf(freePort()));
		List<String> options = List.of("--data", directory.resolve("data").toString(), "--kafka-port",
				String.valueOf(freePort()), "--store-port", String.valueOf(freePort()), "--smtp-port",
				String.valueOf(freePort()));
		for (int round = 1; round <= 2; round++) {
			Path log = directory.resolve("run-" + round + ".log");
			Process system = start(options, ports, log);
			try {
				awaitStarted(system, log);
				for (int i = 0; i < 10; i++) {
					openTicket(ticketPort, "stop-" + round + "-" + i);
				}
				int linesBeforeStop = Files.readAllLines(log).size();
				long signalled = System.nanoTime();
				signal("INT", system.pid());
				boolean stopped = system.waitFor(30, TimeUnit.SECONDS);
				Duration took = Duration.ofNanos(System.nanoTime() - signalled);
				if (!stopped) {
					// what it was doing: its threads (jstack beside this JVM), then its
					// log
					new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
							String.valueOf(system.pid()))
						.redirectErrorStream(true)
						.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
						.start()
						.waitFor(20, TimeUnit.SECONDS);
				}
				assertThat(stopped)
					.as("round %d: stopped at all; its log and threads:%n%s", round, stopped ? "" : tail(log, 400))
					.isTrue();
				assertThat(took).as("round %d: time to stop", round).isLessThan(STOP_WITHIN);
				List<String> afterSignal = Files.readAllLines(log).stream().skip(linesBeforeStop).toList();
				assertThat(afterSignal).as("round %d: what the stop printed", round)
					.noneMatch(LocalSystemStopTests::noisy);
			}
			finally {
				system.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	private static String tail(Path log, int lines) throws IOException {
		List<String> all = Files.readAllLines(log);
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	/** A warning, an error or a stack trace. */
	private static boolean noisy(String line) {
		return line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("WARNING")
				|| line.startsWith("\tat ") || line.contains("Exception");
	}

	private static Process start(List<String> options, Map<String, String> ports, Path log) throws IOException {
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g", "-cp", System.getProperty("java.class.path")));
		if (Runtime.version().feature() >= 24) {
			// what bin/run passes too: Kafka's clients still use sun.misc.Unsafe
			command.add("--sun-misc-unsafe-memory-access=allow");
		}
		command.add(LocalSystem.class.getName());
		command.addAll(options);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(ports);
		return builder.start();
	}

	private static void awaitStarted(Process system, Path log) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (System.nanoTime() < deadline) {
			if (!system.isAlive()) {
				throw new IllegalStateException("bin/run exited: " + Files.readString(log));
			}
			if (Files.exists(log) && Files.readString(log).contains("Stop with Ctrl+C.")) {
				return;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("bin/run did not start in 3 minutes");
	}

	private void openTicket(int port, String customer) throws Exception {
		String body = """
				{"channel":"email","customerRef":"%s","contact":{"email":"%s@stop.example","name":"S"},
				 "locale":"en","subject":"Stopping","body":"The app stops when I press stop"}""".formatted(customer,
				customer);
		HttpResponse<String> answer = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tickets"))
				.timeout(Duration.ofSeconds(30))
				.header("X-Api-Key", "dev-email-adapter-key")
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
	}

	private static void signal(String signal, long pid) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + signal).isTrue();
	}

	private static String java() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	private static int freePort() {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(30_000, 40_000);
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				return port;
			}
			catch (IOException ex) {
				// taken: another one
			}
		}
		throw new IllegalStateException("No free port");
	}

}
