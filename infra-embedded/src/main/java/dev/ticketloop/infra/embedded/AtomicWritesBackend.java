package dev.ticketloop.infra.embedded;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * mongo-java-server with the guarantees of MongoDB that compare-and-set needs: a write is
 * atomic, and what a command answers is the documents as they were when it ran. The
 * stand-in finds the documents a {@code findAndModify} or a conditional update matches
 * and changes them in two unguarded steps, so two clients (two instances of a service)
 * could both win the same claim of a token, a lease or a job; and it answers with the
 * stored documents themselves, which a later write changes in place before the answer is
 * sent (two {@code $inc}s returning the same value). Here the writes of one collection
 * take turns, reads of it share, and every answer is copied before the next write. This
 * serializes more than MongoDB does (which locks per document), never less.
 */
final class AtomicWritesBackend implements MongoBackend {

	private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "drop",
			"createindexes", "dropindexes");

	private static final Set<String> READS = Set.of("find", "aggregate", "count", "distinct", "getmore");

	private final MongoBackend delegate;

	private final Map<String, ReadWriteLock> locks = new ConcurrentHashMap<>();

	AtomicWritesBackend(MongoBackend delegate) {
		this.delegate = delegate;
	}

	@Override
	public Document handleMessage(MongoMessage message) {
		return guarded(message.getDatabaseName(), message.getDocument(), () -> this.delegate.handleMessage(message));
	}

	@Override
	public Document handleCommand(Channel channel, String database, String command, Document query) {
		return guarded(database, query, () -> this.delegate.handleCommand(channel, database, command, query));
	}

	private Document guarded(String database, Document command, Supplier<Document> run) {
		if (command == null || command.isEmpty()) {
			return run.get();
		}
		String name = command.keySet().iterator().next();
		String kind = name.toLowerCase(Locale.ROOT);
		boolean write = WRITES.contains(kind);
		if (!write && !READS.contains(kind)) {
			return run.get();
		}
		Object collection = kind.equals("getmore") ? command.get("collection") : command.get(name);
		ReadWriteLock lock = this.locks.computeIfAbsent(database + "." + collection,
				(key) -> new ReentrantReadWriteLock());
		Lock held = write ? lock.writeLock() : lock.readLock();
		held.lock();
		try {
			Document answer = run.get();
			return (answer != null) ? answer.cloneDeeply() : null;
		}
		finally {
			held.unlock();
		}
	}

	@Override
	public void handleClose(Channel channel) {
		this.delegate.handleClose(channel);
	}

	@Override
	public QueryResult handleQuery(MongoQuery query) {
		return this.delegate.handleQuery(query);
	}

	@Override
	public void dropDatabase(String database) {
		this.delegate.dropDatabase(database);
	}

	@Override
	public Collection<Document> getCurrentOperations(MongoQuery query) {
		return this.delegate.getCurrentOperations(query);
	}

	@Override
	public Document getServerStatus() {
		return this.delegate.getServerStatus();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	@Override
	public void closeCursors(List<Long> cursorIds) {
		this.delegate.closeCursors(cursorIds);
	}

	@Override
	public Clock getClock() {
		return this.delegate.getClock();
	}

	@Override
	public void enableOplog() {
		this.delegate.enableOplog();
	}

	@Override
	public void disableOplog() {
		this.delegate.disableOplog();
	}

	@Override
	public MongoDatabase resolveDatabase(String database) {
		return this.delegate.resolveDatabase(database);
	}

	@Override
	public MongoBackend version(MongoVersion version) {
		this.delegate.version(version);
		return this;
	}

}
