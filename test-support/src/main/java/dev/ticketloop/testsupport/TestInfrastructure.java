package dev.ticketloop.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.ticketloop.infra.embedded.EmbeddedKafka;
import dev.ticketloop.infra.embedded.EmbeddedMongo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The Kafka broker and MongoDB of a test JVM, started once and shared by all its tests.
 * The mode is chosen in this order:
 * <ol>
 * <li>external: {@code KAFKA_BOOTSTRAP_SERVERS} and {@code MONGODB_URI} are set;</li>
 * <li>Testcontainers: Docker is available (real Kafka and a MongoDB replica set);</li>
 * <li>embedded: a real Kafka broker in this JVM and the mongo-java-server stand-in.</li>
 * </ol>
 * Tests never care which: they ask for {@link #kafkaBootstrapServers()} and a fresh
 * database.
 */
public final class TestInfrastructure {

	public enum Mode {

		EXTERNAL, TESTCONTAINERS, EMBEDDED

	}

	private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

	private static volatile TestInfrastructure instance;

	private final Mode mode;

	private final String kafkaBootstrapServers;

	private final String mongoConnectionString;

	private TestInfrastructure(Mode mode, String kafkaBootstrapServers, String mongoConnectionString) {
		this.mode = mode;
		this.kafkaBootstrapServers = kafkaBootstrapServers;
		this.mongoConnectionString = mongoConnectionString;
	}

	public static TestInfrastructure get() {
		TestInfrastructure current = instance;
		if (current == null) {
			synchronized (TestInfrastructure.class) {
				if (instance == null) {
					instance = start();
				}
				current = instance;
			}
		}
		return current;
	}

	private static TestInfrastructure start() {
		String kafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
		String mongo = System.getenv("MONGODB_URI");
		TestInfrastructure infrastructure;
		if (kafka != null && !kafka.isBlank() && mongo != null && !mongo.isBlank()) {
			infrastructure = new TestInfrastructure(Mode.EXTERNAL, kafka, withoutDatabase(mongo));
		}
		else if (!Boolean.getBoolean("ticketloop.test.no-docker") && dockerAvailable()) {
			KafkaContainer kafkaContainer = new KafkaContainer("apache/kafka:4.1.1");
			MongoDBContainer mongoContainer = new MongoDBContainer("mongo:8.0").withReplicaSet();
			kafkaContainer.start();
			mongoContainer.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				kafkaContainer.stop();
				mongoContainer.stop();
			}));
			infrastructure = new TestInfrastructure(Mode.TESTCONTAINERS, kafkaContainer.getBootstrapServers(),
					withoutDatabase(mongoContainer.getReplicaSetUrl()));
		}
		else {
			// not stopped at exit: the JVM ends them anyway, and stopping them while the
			// tests' services stop (shutdown hooks run at once) made each service wait
			// for a broker that was gone, and the test JVM take 30 s more to exit
			EmbeddedKafka embeddedKafka = EmbeddedKafka.start(tempDir("kafka"), 0);
			EmbeddedMongo embeddedMongo = EmbeddedMongo.inMemory();
			infrastructure = new TestInfrastructure(Mode.EMBEDDED, embeddedKafka.bootstrapServers(),
					embeddedMongo.connectionString());
		}
		log.info("Test infrastructure: {} (Kafka {}, MongoDB {})", infrastructure.mode,
				infrastructure.kafkaBootstrapServers, infrastructure.mongoConnectionString);
		return infrastructure;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static Path tempDir(String name) {
		try {
			Path dir = Files.createTempDirectory("ticketloop-" + name);
			removeStale(dir.getParent(), "ticketloop-" + name);
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The brokers' logs of earlier test runs (a test JVM does not delete its broker's log
	 * at exit: the broker still runs then): those untouched for six hours are removed,
	 * about 60 MB each.
	 */
	private static void removeStale(Path temp, String prefix) {
		java.time.Instant before = java.time.Instant.now().minus(java.time.Duration.ofHours(6));
		try (var dirs = Files.newDirectoryStream(temp, prefix + "*")) {
			for (Path dir : dirs) {
				if (Files.getLastModifiedTime(dir).toInstant().isBefore(before)) {
					org.springframework.util.FileSystemUtils.deleteRecursively(dir);
				}
			}
		}
		catch (IOException ex) {
			log.debug("Could not remove the logs of earlier runs: {}", ex.toString());
		}
	}

	private static String withoutDatabase(String uri) {
		int schemeEnd = uri.indexOf("://") + 3;
		int slash = uri.indexOf('/', schemeEnd);
		if (slash < 0) {
			return uri;
		}
		int query = uri.indexOf('?', slash);
		return uri.substring(0, slash) + ((query >= 0) ? "/" + uri.substring(query) : "");
	}

	public Mode mode() {
		return this.mode;
	}

	public String kafkaBootstrapServers() {
		return this.kafkaBootstrapServers;
	}

	/** {@code mongodb://host:port[/?options]} without a database. */
	public String mongoConnectionString() {
		return this.mongoConnectionString;
	}

	/**
	 * A database name no other test uses, so tests sharing a server never see each
	 * other's data.
	 */
	public static String uniqueDatabase(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Spring properties that point a service at this infrastructure with its own fresh
	 * database and its own consumer group.
	 */
	public Map<String, Object> springProperties(String service) {
		Map<String, Object> properties = new LinkedHashMap<>();
		String database = uniqueDatabase(service);
		properties.put("spring.mongodb.uri", this.mongoConnectionString);
		properties.put("ticketloop.mongodb.database", database);
		properties.put("spring.kafka.bootstrap-servers", this.kafkaBootstrapServers);
		properties.put("spring.kafka.consumer.group-id", database);
		return properties;
	}

	public void register(DynamicPropertyRegistry registry, String service) {
		springProperties(service).forEach((key, value) -> registry.add(key, () -> value));
	}

}
