package dev.ticketloop.deploy.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ticketloop.deploy.RunningSystem;
import dev.ticketloop.deploy.SystemConfig;
import dev.ticketloop.deploy.processes.ServiceProcesses;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;

/**
 * The system the chaos suite works on, every part in a process of its own as in
 * production: the Kafka broker and the MongoDB stand-in each in an infrastructure process
 * ({@code bin/run --infra-only}), so that the broker can be paused alone; each instance
 * of each service from its executable jar; and, in this JVM, the SMTP server and the
 * channel adapter's webhook receiver, which record everything they receive.
 */
final class ChaosSystem implements AutoCloseable {

	static final String EMAIL_KEY = "chaos-email-adapter-key";

	static final String CHAT_KEY = "chaos-chat-adapter-key";

	static final String AGENT_KEY = "chaos-agent-key-0001";

	static final String OPERATOR_KEY = "chaos-operator-key-01";

	static final String ENGINEERING_KEY = "chaos-engineering-key";

	static final List<SystemConfig.ApiKey> KEYS = List.of(
			new SystemConfig.ApiKey("email-adapter", EMAIL_KEY, "ADAPTER", "email"),
			new SystemConfig.ApiKey("chat-adapter", CHAT_KEY, "ADAPTER", "chat"),
			new SystemConfig.ApiKey("agent", AGENT_KEY, "AGENT", null),
			new SystemConfig.ApiKey("operator", OPERATOR_KEY, "OPERATOR", null),
			new SystemConfig.ApiKey("engineering-ci", ENGINEERING_KEY, "ENGINEERING", null));

	/** The SLA policy of the tickets of the SLA scenario: deadlines within a minute. */
	static final String SLA_TIER = "chaos";

	static final Duration FIRST_RESPONSE = Duration.ofSeconds(10);

	static final Duration RESOLUTION = Duration.ofSeconds(24);

	/**
	 * Every service of the system, each in as many instances as the run has: the loop's
	 * three and insights-service, which reads their topics.
	 */
	static final List<String> SERVICES = List.of(ServiceProcesses.TICKET, ServiceProcesses.ROUTING,
			ServiceProcesses.NOTIFICATION, ServiceProcesses.INSIGHTS);

	private final Path directory;

	private final Process broker;

	private final Process store;

	private final EmbeddedSmtp smtp;

	private final WebhookReceiver webhooks;

	private final ServiceProcesses services;

	private final SystemConfig config;

	private final MongoClient mongo;

	private final int instances;

	private ChaosSystem(Path directory, Process broker, Process store, EmbeddedSmtp smtp, WebhookReceiver webhooks,
			ServiceProcesses services, SystemConfig config, int instances) {
		this.directory = directory;
		this.broker = broker;
		this.store = store;
		this.smtp = smtp;
		this.webhooks = webhooks;
		this.services = services;
		this.config = config;
		this.mongo = MongoClients.create(config.mongoConnectionString());
		this.instances = instances;
	}

	/** Starts the infrastructure and {@code instances} instances of each service. */
	static ChaosSystem start(Path directory, int instances) throws Exception {
		Files.createDirectories(directory);
		int kafkaPort = freePort(false);
		int storePort = freePort(false);
		Process broker = infrastructure(directory, "broker", "--only", "kafka", "--kafka-port",
				String.valueOf(kafkaPort), "--data", directory.resolve("data").toString());
		Process store = infrastructure(directory, "store", "--only", "store", "--in-memory", "--store-port",
				String.valueOf(storePort));
		awaitInfrastructure(directory, "broker", broker);
		awaitInfrastructure(directory, "store", store);
		EmbeddedSmtp smtp = EmbeddedSmtp.start(0);
		WebhookReceiver webhooks = new WebhookReceiver();
		SystemConfig config = new SystemConfig("127.0.0.1:" + kafkaPort, "mongodb://127.0.0.1:" + storePort, "chaos-",
				smtp.host(), smtp.port(), freePort(true), freePort(true), notificationPort(), KEYS, Map.of());
		ServiceProcesses services = ServiceProcesses.of(config, directory.resolve("services"));
		services.configure(ServiceProcesses.ROUTING, routingProperties());
		services.configure(ServiceProcesses.NOTIFICATION,
				Map.of("ticketloop.delivery.retry.initial-delay", "1s", "ticketloop.delivery.retry.max-delay", "5s"));
		services.configure(ServiceProcesses.INSIGHTS, insightsProperties());
		ChaosSystem system = new ChaosSystem(directory, broker, store, smtp, webhooks, services, config, instances);
		for (int i = 1; i <= instances; i++) {
			services.startInstances(i, SERVICES.toArray(String[]::new));
		}
		return system;
	}

	/**
	 * routing-service with a policy whose deadlines fall within a minute (tickets of the
	 * tier {@value #SLA_TIER}, around the clock), besides the standard one; nothing else
	 * is due during a run.
	 */
	private static Map<String, Object> routingProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		String chaos = "ticketloop.sla.policies[0].";
		properties.put(chaos + "name", "chaos");
		properties.put(chaos + "tiers[0]", SLA_TIER);
		properties.put(chaos + "calendar", "always");
		properties.put(chaos + "priority", "high");
		properties.put(chaos + "first-response", FIRST_RESPONSE.toSeconds() + "s");
		properties.put(chaos + "resolution", RESOLUTION.toSeconds() + "s");
		properties.put(chaos + "warn-at", "0.75");
		String standard = "ticketloop.sla.policies[1].";
		properties.put(standard + "name", "standard");
		properties.put(standard + "calendar", "always");
		properties.put(standard + "priority", "normal");
		properties.put(standard + "first-response", "30d");
		properties.put(standard + "resolution", "60d");
		properties.put("ticketloop.sla.default-policy", "standard");
		// no agents take tickets during a run
		properties.put("ticketloop.assignment.enabled", "false");
		return properties;
	}

	/**
	 * insights-service looking for emerging problems every few seconds (every five
	 * minutes by default), so that a run sees them found, published and killed.
	 */
	private static Map<String, Object> insightsProperties() {
		return Map.of("ticketloop.insights.emerging.interval", "3s");
	}

	/**
	 * notification-service's port: free, with insights-service's after it (see
	 * {@link SystemConfig#insightsPort()}), for both instances.
	 */
	private static int notificationPort() {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = freePort(true);
			if (free(port + 1) && free(port + 1 + RunningSystem.INSTANCE_PORT_STEP)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port");
	}

	private static Process infrastructure(Path directory, String name, String... options) throws IOException {
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g", "-Daxoniq.update-checker.disabled=true", "-cp",
				System.getProperty("java.class.path"), "dev.ticketloop.deploy.LocalSystem", "--infra-only"));
		command.addAll(List.of(options));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(directory.resolve(name + ".log").toFile())
			.start();
	}

	private static void awaitInfrastructure(Path directory, String name, Process process) throws Exception {
		Path log = directory.resolve(name + ".log");
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The " + name + " process exited: " + Files.readString(log));
			}
			if (Files.exists(log) && Files.readString(log).contains("Stop with Ctrl+C.")) {
				return;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The " + name + " process did not start in 2 minutes");
	}

	private static String java() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/**
	 * A loopback port that is free, and with {@code withNextInstance} the one a second
	 * instance would take too.
	 */
	private static int freePort(boolean withNextInstance) {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
			if (free(port) && (!withNextInstance || free(port + RunningSystem.INSTANCE_PORT_STEP))) {
				return port;
			}
		}
		throw new IllegalStateException("No free port");
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Pauses the broker ({@code SIGSTOP}): it answers nothing until resumed. */
	void pauseBroker() throws Exception {
		signal("STOP", this.broker.pid());
	}

	void resumeBroker() throws Exception {
		signal("CONT", this.broker.pid());
	}

	private static void signal(String signal, long pid) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
		if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
			throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
		}
	}

	ServiceProcesses services() {
		return this.services;
	}

	int instances() {
		return this.instances;
	}

	EmbeddedSmtp smtp() {
		return this.smtp;
	}

	WebhookReceiver webhooks() {
		return this.webhooks;
	}

	String kafka() {
		return this.config.kafkaBootstrapServers();
	}

	SystemConfig config() {
		return this.config;
	}

	/** A service's database (shared by its instances). */
	MongoDatabase database(String service) {
		return this.mongo.getDatabase(this.config.databaseOf(service));
	}

	/** The consumer group of a service (shared by its instances). */
	String group(String service) {
		return this.config.databaseOf(service);
	}

	/** The base URLs of a service's instances that are running now. */
	List<String> urls(String service) {
		return this.services.instancesOf(service)
			.stream()
			.map(this.services::service)
			.filter(ServiceProcesses.Service::isAlive)
			.map(ServiceProcesses.Service::url)
			.toList();
	}

	/** The base URLs of all of a service's instances, running or not. */
	List<String> allUrls(String service) {
		return this.services.instancesOf(service).stream().map((n) -> this.services.service(n).url()).toList();
	}

	Path directory() {
		return this.directory;
	}

	@Override
	public void close() throws Exception {
		try {
			resumeBroker();
		}
		catch (Exception ex) {
			// not paused
		}
		this.services.close();
		this.mongo.close();
		this.webhooks.close();
		this.smtp.close();
		for (Process process : List.of(this.store, this.broker)) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

}
