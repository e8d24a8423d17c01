package dev.ticketloop.deploy.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ticketloop.deploy.SystemConfig;

/**
 * The three services as separate processes, each started from its own executable jar
 * ({@code <service>/target/<service>-*-exec.jar}, built by {@code package}) as production
 * runs them, each with its heap capped ({@code -Xmx}, 512 MiB unless
 * {@code BENCH_SERVICE_HEAP} says otherwise; further options in
 * {@code BENCH_SERVICE_JAVA_OPTS}, where {@code {service}} stands for the service's name)
 * and stopped at the first {@code OutOfMemoryError}. Memory is read from each process:
 * its peak resident set from the kernel ({@code VmHWM}), its heap from its GC log (used
 * before and after each collection).
 */
final class ServiceProcesses implements AutoCloseable {

	static final String TICKET = "ticket-service";

	static final String ROUTING = "routing-service";

	static final String NOTIFICATION = "notification-service";

	static final List<String> SERVICES = List.of(TICKET, ROUTING, NOTIFICATION);

	/** One running service. */
	record Service(String name, Process process, int port, Path gcLog, Path log) {

		String url() {
			return "http://localhost:" + this.port;
		}

	}

	/**
	 * What one process used: peak resident set (kernel), heap used before and after
	 * collections (GC log), collections and their pauses.
	 */
	record Memory(long peakResidentBytes, long peakHeapBytes, long maxHeapAfterGcBytes, long lastHeapAfterGcBytes,
			int collections, double pauseMillis) {

	}

	private final Map<String, Service> services = new LinkedHashMap<>();

	private final SystemConfig config;

	private final Path directory;

	private final String maxHeap;

	private final String java;

	private final Path root;

	private ServiceProcesses(SystemConfig config, Path directory) {
		this.config = config;
		this.directory = directory;
		this.maxHeap = System.getenv().getOrDefault("BENCH_SERVICE_HEAP", "512m");
		this.java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		this.root = projectRoot();
	}

	/**
	 * Nothing runs yet: {@link #start} starts services, on the configuration's ports
	 * (which must be free, not 0).
	 */
	static ServiceProcesses of(SystemConfig config, Path directory) throws IOException {
		Files.createDirectories(directory);
		return new ServiceProcesses(config, directory);
	}

	/**
	 * Starts these services side by side and waits until each answers its health check.
	 */
	void start(String... names) throws Exception {
		List<Service> started = new ArrayList<>();
		for (String name : names) {
			Map<String, Object> properties = switch (name) {
				case TICKET -> this.config.ticketService();
				case ROUTING -> this.config.routingService();
				case NOTIFICATION -> this.config.notificationService();
				default -> throw new IllegalArgumentException("No service " + name);
			};
			Path gcLog = this.directory.resolve(name + "-gc.log");
			Path log = this.directory.resolve(name + ".log");
			Files.deleteIfExists(gcLog);
			List<String> command = new ArrayList<>(List.of(this.java, "-Xmx" + this.maxHeap,
					"-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog, "-Daxoniq.update-checker.disabled=true"));
			// e.g. a flight recording per service:
			// -XX:StartFlightRecording=filename=/tmp/{service}.jfr
			String options = System.getenv().getOrDefault("BENCH_SERVICE_JAVA_OPTS", "").replace("{service}", name);
			for (String option : options.trim().split("\\s+")) {
				if (!option.isEmpty()) {
					command.add(option);
				}
			}
			command.addAll(List.of("-jar", executableJar(this.root, name).toString()));
			properties.forEach((key, value) -> command.add("--" + key + "=" + value));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
			int port = Integer.parseInt(String.valueOf(properties.get("server.port")));
			Service service = new Service(name, builder.start(), port, gcLog, log);
			this.services.put(name, service);
			started.add(service);
		}
		for (Service service : started) {
			awaitHealthy(service, Duration.ofMinutes(4));
		}
	}

	String maxHeap() {
		return this.maxHeap;
	}

	Service service(String name) {
		return this.services.get(name);
	}

	/** What the process has used so far; it must still be running. */
	Memory memory(String name) throws IOException {
		Service service = this.services.get(name);
		if (!service.process().isAlive()) {
			throw new IllegalStateException(name + " is no longer running (exit " + service.process().exitValue()
					+ "); last lines of its log:\n" + tail(service.log()));
		}
		long peakResident = statusKiloBytes(service.process().pid(), "VmHWM:") * 1024;
		return heapOf(Files.readAllLines(service.gcLog()), peakResident);
	}

	/** Heap figures from a unified GC log ({@code -Xlog:gc}). */
	static Memory heapOf(List<String> gcLog, long peakResident) {
		long peak = 0;
		long maxAfter = 0;
		long lastAfter = 0;
		int collections = 0;
		double pauses = 0;
		for (String line : gcLog) {
			Matcher m = PAUSE.matcher(line);
			if (m.find()) {
				long before = bytes(m.group(1), m.group(2));
				long after = bytes(m.group(3), m.group(4));
				peak = Math.max(peak, before);
				maxAfter = Math.max(maxAfter, after);
				lastAfter = after;
				collections++;
				pauses += Double.parseDouble(m.group(5));
			}
		}
		return new Memory(peakResident, peak, maxAfter, lastAfter, collections, pauses);
	}

	/** {@code GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(260M) 2.112ms}. */
	private static final Pattern PAUSE = Pattern
		.compile("GC\\(\\d+\\) Pause .*? (\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\) ([0-9.]+)ms");

	private static long bytes(String value, String unit) {
		long n = Long.parseLong(value);
		return switch (unit) {
			case "K" -> n << 10;
			case "M" -> n << 20;
			default -> n << 30;
		};
	}

	private static long statusKiloBytes(long pid, String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith(field)) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
	}

	private static void awaitHealthy(Service service, Duration timeout) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create(service.url() + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!service.process().isAlive()) {
				throw new IllegalStateException(service.name() + " exited at start (" + service.process().exitValue()
						+ "); last lines of its log:\n" + tail(service.log()));
			}
			try {
				if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(
				service.name() + " not healthy after " + timeout + "; last lines of its log:\n" + tail(service.log()));
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * The directory holding the service modules (the harness runs in it or in deploy).
	 */
	private static Path projectRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isDirectory(dir.resolve(TICKET)) && Files.isDirectory(dir.resolve("deploy"))) {
				return dir;
			}
		}
		throw new IllegalStateException("No project directory above " + Path.of("").toAbsolutePath());
	}

	private static Path executableJar(Path root, String service) throws IOException {
		Path target = root.resolve(service).resolve("target");
		try (var jars = Files.list(target)) {
			return jars.filter((p) -> p.getFileName().toString().matches(Pattern.quote(service) + "-.*-exec\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No executable jar of " + service + " in " + target
						+ ": build it first (./mvnw package, or bin/benchmark, which does)"));
		}
		catch (java.nio.file.NoSuchFileException ex) {
			throw new IllegalStateException(
					service + " is not built (" + target + " missing): ./mvnw package, or bin/benchmark, which does",
					ex);
		}
	}

	/** Stops every service gracefully (SIGTERM), forcibly after 30 s. */
	@Override
	public void close() {
		this.services.values().forEach((s) -> s.process().destroy());
		for (Service service : this.services.values()) {
			try {
				if (!service.process().waitFor(30, TimeUnit.SECONDS)) {
					service.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				service.process().destroyForcibly();
			}
		}
	}

}
