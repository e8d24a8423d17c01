package dev.ticketloop.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server: a MongoDB wire-protocol server in this JVM. A stand-in for MongoDB
 * in local runs and tests, not MongoDB: no transactions, and only the {@code _id} index
 * is used by queries. Production uses real MongoDB. Writes to one collection are made
 * atomic, as MongoDB's are ({@link AtomicWritesBackend}).
 */
public final class EmbeddedMongo implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

	private final MongoServer server;

	private final MongoBackend backend;

	private final String connectionString;

	private EmbeddedMongo(MongoBackend backend, int port) {
		this.backend = backend;
		this.server = new MongoServer(new AtomicWritesBackend(backend));
		this.server.bind("127.0.0.1", FreePorts.orNext(port));
		this.connectionString = "mongodb://127.0.0.1:" + this.server.getLocalAddress().getPort();
	}

	/** Data lives in memory and is gone at close: for tests. */
	public static EmbeddedMongo inMemory() {
		return inMemory(0);
	}

	/** Data lives in memory and is gone at close, on this port (0: any free one). */
	public static EmbeddedMongo inMemory(int port) {
		EmbeddedMongo mongo = new EmbeddedMongo(new MemoryBackend(), port);
		log.info("MongoDB stand-in (mongo-java-server, memory backend) at {}", mongo.connectionString);
		return mongo;
	}

	/** Data lives in an H2 MVStore file and survives a restart: for local runs. */
	public static EmbeddedMongo onDisk(Path file, int port) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		EmbeddedMongo mongo = new EmbeddedMongo(new H2Backend(file.toAbsolutePath().toString()), port);
		log.info("MongoDB stand-in (mongo-java-server, H2 file {}) at {}", file.toAbsolutePath(),
				mongo.connectionString);
		return mongo;
	}

	/** {@code mongodb://host:port}, without a database. */
	public String connectionString() {
		return this.connectionString;
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.backend.close();
	}

}
