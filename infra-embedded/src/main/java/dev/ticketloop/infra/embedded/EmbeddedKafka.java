package dev.ticketloop.infra.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker, a single KRaft node that is both controller and broker,
 * running inside this JVM. The log directory is formatted on first use and reused after,
 * so a local system keeps its topics and consumer offsets across restarts.
 */
public final class EmbeddedKafka implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Formats (if needed) and starts a broker, and waits until it answers.
	 * @param dataDir where the logs live; kept across restarts
	 * @param port the client port, or 0 for any free one
	 */
	public static EmbeddedKafka start(Path dataDir, int port) {
		long started = System.nanoTime();
		int clientPort = FreePorts.orNext(port);
		int controllerPort = FreePorts.next();
		Properties props = new Properties();
		props.putAll(Map.ofEntries(Map.entry("process.roles", "broker,controller"), Map.entry("node.id", "1"),
				Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
				Map.entry("listeners",
						"PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
				Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort),
				Map.entry("controller.listener.names", "CONTROLLER"),
				Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
				Map.entry("inter.broker.listener.name", "PLAINTEXT"),
				Map.entry("log.dirs", dataDir.resolve("logs").toAbsolutePath().toString()),
				Map.entry("num.partitions", "3"), Map.entry("default.replication.factor", "1"),
				Map.entry("offsets.topic.replication.factor", "1"), Map.entry("offsets.topic.num.partitions", "3"),
				Map.entry("transaction.state.log.replication.factor", "1"),
				Map.entry("transaction.state.log.min.isr", "1"),
				Map.entry("share.coordinator.state.topic.replication.factor", "1"),
				Map.entry("share.coordinator.state.topic.min.isr", "1"),
				Map.entry("group.initial.rebalance.delay.ms", "0"), Map.entry("auto.create.topics.enable", "true"),
				Map.entry("log.flush.interval.messages", "10000"), Map.entry("log.retention.hours", "168")));
		try {
			Files.createDirectories(dataDir);
			Path config = dataDir.resolve("server.properties");
			try (Writer out = Files.newBufferedWriter(config)) {
				props.store(out, "embedded KRaft node, written at each start");
			}
			if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
				format(config);
			}
			KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
			server.startup();
			String bootstrap = "127.0.0.1:" + clientPort;
			awaitReady(bootstrap);
			log.info("Kafka broker (KRaft, in-process) ready at {} in {} ms, data in {}", bootstrap,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dataDir.toAbsolutePath());
			return new EmbeddedKafka(server, bootstrap);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void format(Path config) {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int exit = StorageTool
			.execute(
					new String[] { "format", "--cluster-id", Uuid.randomUuid().toString(), "--config",
							config.toString(), "--ignore-formatted" },
					new PrintStream(output, true, StandardCharsets.UTF_8));
		if (exit != 0) {
			throw new IllegalStateException(
					"Formatting the Kafka log directory failed: " + output.toString(StandardCharsets.UTF_8));
		}
	}

	private static void awaitReady(String bootstrap) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"))) {
			admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Kafka broker did not become ready at " + bootstrap, ex);
		}
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}

}
