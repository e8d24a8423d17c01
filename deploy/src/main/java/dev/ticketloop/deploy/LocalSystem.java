package dev.ticketloop.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.ticketloop.infra.embedded.EmbeddedKafka;
import dev.ticketloop.infra.embedded.EmbeddedMongo;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.util.FileSystemUtils;

/**
 * The whole system on the embedded default, in one process: a real Kafka broker (KRaft),
 * the mongo-java-server stand-in for MongoDB (H2 file, so data survives a restart), a
 * local SMTP server that prints what it receives, the four services (one or more
 * instances of each) and the console in front of them. Or the infrastructure alone, to
 * run the services as separate processes against it, as production does. For trying
 * things out, demos and the chaos suite; production runs each service against real Kafka
 * and MongoDB.
 */
@Command(name = "bin/run", mixinStandardHelpOptions = true,
		description = "Runs ticketloop on the embedded default: a Kafka broker, the MongoDB stand-in, "
				+ "an SMTP server that prints every mail, the four services and the console.")
public final class LocalSystem implements Callable<Integer> {

	/**
	 * Development keys, printed at start; never use them anywhere but on your machine.
	 */
	static final List<SystemConfig.ApiKey> DEV_KEYS = List.of(
			new SystemConfig.ApiKey("email-adapter", "dev-email-adapter-key", "ADAPTER", "email"),
			new SystemConfig.ApiKey("chat-adapter", "dev-chat-adapter-key", "ADAPTER", "chat"),
			new SystemConfig.ApiKey("agent", "dev-agent-key-0001", "AGENT", null),
			new SystemConfig.ApiKey("lead", "dev-lead-key-00001", "LEAD", null),
			new SystemConfig.ApiKey("operator", "dev-operator-key-01", "OPERATOR", null),
			new SystemConfig.ApiKey("engineering-ci", "dev-engineering-key-01", "ENGINEERING", null));

	/** The parts of the embedded infrastructure. */
	enum Part {

		kafka, store, smtp

	}

	@Option(names = "--infra-only",
			description = "Start only the infrastructure (broker, store, SMTP), not the services: "
					+ "run the services as separate processes against it.")
	boolean infraOnly;

	@Option(names = "--only", split = ",", paramLabel = "PART",
			description = "With --infra-only: start only these parts (${COMPLETION-CANDIDATES}); default all.")
	Set<Part> only = EnumSet.allOf(Part.class);

	@Option(names = "--instances", defaultValue = "1",
			description = "Instances of each service (default ${DEFAULT-VALUE}); further instances listen on "
					+ "the first one's port + 10, + 20, ...")
	int instances;

	@Option(names = "--data", defaultValue = "${env:TICKETLOOP_DATA:-.local}",
			description = "Where the broker and the store keep their data (default ${DEFAULT-VALUE}).")
	Path data;

	@Option(names = "--in-memory",
			description = "Keep nothing: the store's data in memory, the broker's log in a temporary directory, both gone at exit.")
	boolean inMemory;

	@Option(names = "--kafka-port", defaultValue = "${env:KAFKA_PORT:-9092}", description = "Default ${DEFAULT-VALUE}.")
	int kafkaPort;

	@Option(names = "--store-port", defaultValue = "${env:MONGO_PORT:-27017}",
			description = "Default ${DEFAULT-VALUE}.")
	int storePort;

	@Option(names = "--smtp-port", defaultValue = "${env:SMTP_PORT:-2525}", description = "Default ${DEFAULT-VALUE}.")
	int smtpPort;

	private LocalSystem() {
	}

	public static void main(String[] args) {
		System.setProperty("axoniq.update-checker.disabled", "true");
		int exit = new CommandLine(new LocalSystem()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
		if (exit != 0) {
			System.exit(exit);
		}
	}

	@Override
	public Integer call() throws Exception {
		if (this.instances < 1) {
			throw new CommandLine.ParameterException(new CommandLine(this), "--instances must be at least 1");
		}
		LocalLogging.quiet();
		Set<Part> parts = this.infraOnly ? this.only : EnumSet.allOf(Part.class);
		List<AutoCloseable> stopInReverse = new ArrayList<>();
		EmbeddedKafka kafka = null;
		EmbeddedMongo mongo = null;
		EmbeddedSmtp smtp = null;
		if (parts.contains(Part.kafka)) {
			// in memory: a broker log of its own, or consumers that start from the
			// beginning
			// (a new consumer group) would read the records of earlier runs
			Path log = this.inMemory ? Files.createTempDirectory("ticketloop-kafka") : this.data.resolve("kafka");
			if (this.inMemory) {
				stopInReverse.add(() -> FileSystemUtils.deleteRecursively(log));
			}
			kafka = EmbeddedKafka.start(log, this.kafkaPort);
			stopInReverse.add(kafka);
		}
		if (parts.contains(Part.store)) {
			mongo = this.inMemory ? EmbeddedMongo.inMemory(this.storePort)
					: EmbeddedMongo.onDisk(this.data.resolve("mongo").resolve("ticketloop.mv"), this.storePort);
			stopInReverse.add(mongo);
		}
		if (parts.contains(Part.smtp)) {
			smtp = EmbeddedSmtp.start(this.smtpPort);
			stopInReverse.add(smtp);
			stopInReverse.add(MailPrinter.start(smtp));
		}
		RunningSystem system = null;
		if (!this.infraOnly) {
			SystemConfig config = new SystemConfig(kafka.bootstrapServers(), mongo.connectionString(), "", smtp.host(),
					smtp.port(), port("TICKET_SERVICE_PORT", 8081), port("ROUTING_SERVICE_PORT", 8082),
					port("NOTIFICATION_SERVICE_PORT", 8083), DEV_KEYS, Map.of());
			system = RunningSystem.start(config, this.instances);
			stopInReverse.add(system);
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			// the services first, while the broker and the store are still there
			for (int i = stopInReverse.size() - 1; i >= 0; i--) {
				if (stopInReverse.get(i) instanceof EmbeddedKafka) {
					LocalLogging.quietBrokerStop();
				}
				try {
					stopInReverse.get(i).close();
				}
				catch (Exception ex) {
					System.err.println("Stopping: " + ex);
				}
			}
			stopped.countDown();
		}, "local-system-shutdown"));
		printWhere(kafka, mongo, smtp, system);
		stopped.await();
		return 0;
	}

	private void printWhere(EmbeddedKafka kafka, EmbeddedMongo mongo, EmbeddedSmtp smtp, RunningSystem system) {
		StringBuilder out = new StringBuilder("\nticketloop is running (embedded default)\n");
		if (system != null) {
			List<String> urls = system.urls();
			int n = this.instances;
			out.append(String.format(
					"  console               %s   (sign in with a person's key below: queue, status, tickets)%n",
					system.consoleUrl()));
			out.append(
					String.format("  ticket-service        %s   (intake, lifecycle, issues and releases: see README)%n",
							String.join(" ", urls.subList(0, n))));
			out.append(String.format("  routing-service       %s   (queues, agents, suggestions, SLA what-if)%n",
					String.join(" ", urls.subList(n, 2 * n))));
			out.append(String.format("  notification-service  %s   (adapters' webhooks, dead letters, surveys)%n",
					String.join(" ", urls.subList(2 * n, 3 * n))));
			out.append(String.format(
					"  insights-service      %s   (reports: funnel, SLA, CSAT, top questions, engineering, feedback, emerging)%n",
					String.join(" ", urls.subList(3 * n, 4 * n))));
		}
		if (kafka != null) {
			out.append(String.format("  Kafka                 %s%n", kafka.bootstrapServers()));
		}
		if (mongo != null) {
			out.append(String.format("  MongoDB stand-in      %s   (%s; a stand-in, production uses MongoDB)%n",
					mongo.connectionString(),
					this.inMemory ? "data in memory" : "data in " + this.data.toAbsolutePath()));
		}
		if (smtp != null) {
			out.append(
					String.format("  SMTP                  %s:%d   (mail it receives is printed here, its text part)%n",
							smtp.host(), smtp.port()));
		}
		if (system != null) {
			out.append("""
					Development API keys (header X-Api-Key; people's keys also sign in to the console):
					  email-adapter  dev-email-adapter-key   chat-adapter  dev-chat-adapter-key
					  agent          dev-agent-key-0001      operator      dev-operator-key-01
					  lead           dev-lead-key-00001      (an agent who also approves templates)
					  engineering    dev-engineering-key-01  (issue progress and POST /releases)
					""");
		}
		out.append("Stop with Ctrl+C.\n");
		System.out.println(out);
	}

	private static int port(String variable, int fallback) {
		String value = System.getenv(variable);
		return (value != null && !value.isBlank()) ? Integer.parseInt(value) : fallback;
	}

}
