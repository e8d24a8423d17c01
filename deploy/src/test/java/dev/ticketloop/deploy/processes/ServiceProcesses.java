package dev.ticketloop.deploy.processes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ticketloop.deploy.RunningSystem;
import dev.ticketloop.deploy.SystemConfig;

/**
 * The three services as separate processes, each started from its own executable jar
 * ({@code <service>/target/<service>-*-exec.jar}, built by {@code package}; copied first,
 * so that a build meanwhile does not pull it from under a running process) as production
 * runs them, each with its heap capped ({@code -Xmx}, 512 MiB unless
 * {@code BENCH_SERVICE_HEAP} says otherwise; further options in
 * {@code BENCH_SERVICE_JAVA_OPTS}, where {@code {service}} stands for the service's name)
 * and stopped at the first {@code OutOfMemoryError}. Several instances of a service share
 * its database and consumer group; the second listens on the first's port + 10. An
 * instance can be killed ({@code SIGKILL}, as {@code kill -9}) and started again. Memory
 * is read from each process: its peak resident set from the kernel ({@code VmHWM}), its
 * heap from its GC log (used before and after each collection).
 */
public final class ServiceProcesses implements AutoCloseable {

	public static final String TICKET = "ticket-service";

	public static final String ROUTING = "routing-service";

	public static final String NOTIFICATION = "notification-service";

	public static final String INSIGHTS = "insights-service";

	/**
	 * The services of the loop, which the benchmarks start in processes of their own
	 * (insights-service, a reader of their topics, only where a scenario names it).
	 */
	public static final List<String> SERVICES = List.of(TICKET, ROUTING, NOTIFICATION);

	/**
	 * One running instance of a service.
	 *
	 * @param name the instance's name: the service's for the first, {@code <service>#2}
	 * for the second
	 * @param service the service
	 * @param command how it was started (to start it again)
	 */
	public record Service(String name, String service, Process process, int port, Path gcLog, Path log,
			List<String> command) {

		public String url() {
			return "http://localhost:" + this.port;
		}

		public boolean isAlive() {
			return this.process.isAlive();
		}

	}

	/**
	 * What one process used: peak resident set (kernel), heap used before and after
	 * collections (GC log), collections and their pauses.
	 */
	public record Memory(long peakResidentBytes, long peakHeapBytes, long maxHeapAfterGcBytes,
			long lastHeapAfterGcBytes, int collections, double pauseMillis) {

	}

	private final Map<String, Service> services = new LinkedHashMap<>();

	private final SystemConfig config;

	private final Path directory;

	private final String maxHeap;

	private final String java;

	private final Path root;

	private final Map<String, Map<String, Object>> extraProperties = new LinkedHashMap<>();

	private final Map<String, Path> jars = new LinkedHashMap<>();

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
	public static ServiceProcesses of(SystemConfig config, Path directory) throws IOException {
		Files.createDirectories(directory);
		return new ServiceProcesses(config, directory);
	}

	/**
	 * Further properties of every instance of a service started from now on (they win
	 * over the configuration's).
	 */
	public void configure(String service, Map<String, Object> properties) {
		this.extraProperties.computeIfAbsent(service, (s) -> new LinkedHashMap<>()).putAll(properties);
	}

	/**
	 * Starts these services side by side (their first instances) and waits until each
	 * answers its health check.
	 */
	public void start(String... names) throws Exception {
		List<Service> started = new ArrayList<>();
		for (String name : names) {
			started.add(launch(name, 1));
		}
		for (Service service : started) {
			awaitHealthy(service, Duration.ofMinutes(4));
		}
	}

	/**
	 * Starts instance {@code instance} (1, 2, ...) of each of these services side by side
	 * and waits until each answers its health check.
	 * @return the instances' names
	 */
	public List<String> startInstances(int instance, String... services) throws Exception {
		List<Service> started = new ArrayList<>();
		for (String service : services) {
			started.add(launch(service, instance));
		}
		for (Service service : started) {
			awaitHealthy(service, Duration.ofMinutes(4));
		}
		return started.stream().map(Service::name).toList();
	}

	/** Kills an instance at once ({@code SIGKILL}: no shutdown hook runs). */
	public void kill(String name) throws InterruptedException {
		Process process = this.services.get(name).process();
		process.destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
	}

	/** Stops an instance as an orchestrator would ({@code SIGTERM}). */
	public void stop(String name) throws InterruptedException {
		Process process = this.services.get(name).process();
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * Starts a stopped or killed instance again, as it was started, without waiting for
	 * it to be healthy.
	 */
	public Service restart(String name) throws IOException {
		Service old = this.services.get(name);
		if (old.process().isAlive()) {
			throw new IllegalStateException(name + " is still running");
		}
		ProcessBuilder builder = new ProcessBuilder(old.command()).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(old.log().toFile()));
		builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
		Service service = new Service(old.name(), old.service(), builder.start(), old.port(), old.gcLog(), old.log(),
				old.command());
		this.services.put(name, service);
		return service;
	}

	/** Waits until an instance answers its health check. */
	public void awaitHealthy(String name, Duration timeout) throws Exception {
		awaitHealthy(this.services.get(name), timeout);
	}

	/** The names of the running (or killed) instances of a service. */
	public List<String> instancesOf(String service) {
		return this.services.values().stream().filter((s) -> s.service().equals(service)).map(Service::name).toList();
	}

	private Service launch(String name, int instance) throws IOException {
		Map<String, Object> properties = new LinkedHashMap<>(switch (name) {
			case TICKET -> this.config.ticketService();
			case ROUTING -> this.config.routingService();
			case NOTIFICATION -> this.config.notificationService();
			case INSIGHTS -> this.config.insightsService();
			default -> throw new IllegalArgumentException("No service " + name);
		});
		properties.putAll(this.extraProperties.getOrDefault(name, Map.of()));
		String instanceName = (instance == 1) ? name : name + "#" + instance;
		int port = Integer.parseInt(String.valueOf(properties.get("server.port")))
				+ (instance - 1) * RunningSystem.INSTANCE_PORT_STEP;
		properties.put("server.port", port);
		String fileName = instanceName.replace('#', '-');
		// its Kafka clients are told apart from the other instances' (consumer group
		// members: who holds which partition)
		properties.put("spring.kafka.client-id", clientId(name, instance));
		Path gcLog = this.directory.resolve(fileName + "-gc.log");
		Path log = this.directory.resolve(fileName + ".log");
		Files.deleteIfExists(gcLog);
		List<String> command = new ArrayList<>(List.of(this.java, "-Xmx" + this.maxHeap, "-XX:+ExitOnOutOfMemoryError",
				"-Xlog:gc:file=" + gcLog, "-Daxoniq.update-checker.disabled=true"));
		// e.g. a flight recording per service:
		// -XX:StartFlightRecording=filename=/tmp/{service}.jfr
		String options = System.getenv().getOrDefault("BENCH_SERVICE_JAVA_OPTS", "").replace("{service}", fileName);
		for (String option : options.trim().split("\\s+")) {
			if (!option.isEmpty()) {
				command.add(option);
			}
		}
		command.addAll(List.of("-jar", jar(name).toString()));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
		Service service = new Service(instanceName, name, builder.start(), port, gcLog, log, List.copyOf(command));
		this.services.put(instanceName, service);
		return service;
	}

	/**
	 * The Kafka client id of an instance ({@code <service>-<instance>}); its consumers'
	 * ids in the group begin with it and a dash.
	 */
	public static String clientId(String service, int instance) {
		return service + "-" + instance;
	}

	/** The instance number of an instance's name (1 for the first). */
	public static int instanceNumber(String name) {
		int hash = name.indexOf('#');
		return (hash < 0) ? 1 : Integer.parseInt(name.substring(hash + 1));
	}

	/** The service's executable jar, copied into this run's directory once. */
	private Path jar(String service) throws IOException {
		Path copy = this.jars.get(service);
		if (copy == null) {
			copy = this.directory.resolve(service + "-exec.jar");
			Files.copy(executableJar(this.root, service), copy, StandardCopyOption.REPLACE_EXISTING);
			this.jars.put(service, copy);
		}
		return copy;
	}

	public String maxHeap() {
		return this.maxHeap;
	}

	public Service service(String name) {
		return this.services.get(name);
	}

	/** What the process has used so far; it must still be running. */
	public Memory memory(String name) throws IOException {
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

	/** Stops every instance gracefully (SIGTERM), forcibly after 30 s. */
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
