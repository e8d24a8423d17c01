package dev.ticketloop.platform.eventstore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;
import dev.ticketloop.platform.eventstore.MongoEventStorageEngine.AppendHook;
import dev.ticketloop.platform.eventstore.MongoEventStorageEngine.AppendStep;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/**
 * Appending a unit of work's events: reserve positions, claim each aggregate's stream,
 * insert the commits; a commit whose positions were taken meanwhile moves to new ones.
 */
final class Appends {

	private static final int MAX_POSITION_RETRIES = 10;

	private final Positions positions;

	private final Claims claims;

	private final Commits commits;

	private final Clock clock;

	private final Supplier<AppendHook> hook;

	Appends(Positions positions, Claims claims, Commits commits, Clock clock, Supplier<AppendHook> hook) {
		this.positions = positions;
		this.claims = claims;
		this.commits = commits;
		this.clock = clock;
		this.hook = hook;
	}

	/**
	 * Appends the events of one unit of work, which may hold commits of many aggregates
	 * (a release fan-out chunk, a batch of a processor whose handlers send commands): one
	 * reservation, one insert of all their stream documents, one insert of all their
	 * commits. When one aggregate's stream is taken (a concurrent change), the stream
	 * documents this append inserted are removed again and the whole append fails, as a
	 * unit of work should; its reserved positions become gaps that readers release.
	 */
	void append(List<? extends EventMessage<?>> events, Serializer serializer) {
		if (events.isEmpty()) {
			return;
		}
		long next = reserve(events.size());
		List<PendingCommit> pending = new ArrayList<>();
		for (List<EventMessage<?>> commit : groupIntoCommits(events)) {
			List<Document> serialized = commit.stream().map((e) -> EventDocuments.serialize(e, serializer)).toList();
			pending.add(new PendingCommit(commit, serialized, next));
			next += commit.size();
		}
		claimStreams(pending);
		this.hook.get().after(AppendStep.STREAM_CLAIMED);
		for (PendingCommit commit : insertCommits(pending)) {
			moveAndInsert(commit);
		}
		this.hook.get().after(AppendStep.COMMITTED);
	}

	private long reserve(int count) {
		long first = this.positions.reserve(count);
		this.hook.get().after(AppendStep.RESERVED);
		return first;
	}

	/**
	 * Inserts the stream document of every aggregate commit: the per-aggregate optimistic
	 * lock. All or none: on a conflict the ones inserted are deleted again. A conflict
	 * with the claim of a writer that died before its commit removes that claim and tries
	 * once more, so a dead writer never blocks an aggregate, not even its creation (which
	 * loads nothing first).
	 */
	private void claimStreams(List<PendingCommit> pending) {
		List<PendingCommit> domain = pending.stream().filter(PendingCommit::isDomain).toList();
		if (domain.isEmpty()) {
			return;
		}
		Date now = Date.from(this.clock.instant());
		List<Document> documents = domain.stream().map((c) -> c.streamDocument(now)).toList();
		for (int attempt = 0;; attempt++) {
			Conflict conflict = insertStreams(documents);
			if (conflict == null) {
				return;
			}
			List<String> taken = conflict.indexes().stream().map((i) -> documents.get(i).getString("_id")).toList();
			if (attempt > 0 || !this.claims.removeDead(taken)) {
				throw conflict(domain.get(conflict.indexes().get(0)), conflict.cause());
			}
		}
	}

	/** The stream documents already taken, by index, and the store's answer. */
	private record Conflict(List<Integer> indexes, Exception cause) {
	}

	/**
	 * @return null when all were inserted, else the conflict (none is left inserted)
	 */
	private Conflict insertStreams(List<Document> documents) {
		try {
			if (documents.size() == 1) {
				this.claims.streams().insertOne(documents.get(0));
			}
			else {
				this.claims.streams().insertMany(documents, new InsertManyOptions().ordered(false));
			}
			return null;
		}
		catch (MongoWriteException ex) {
			if (!EventDocuments.isDuplicateKey(ex)) {
				throw ex;
			}
			return new Conflict(List.of(0), ex);
		}
		catch (MongoBulkWriteException ex) {
			Set<Integer> failed = new HashSet<>();
			List<Integer> duplicates = new ArrayList<>();
			for (BulkWriteError error : ex.getWriteErrors()) {
				failed.add(error.getIndex());
				if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
					duplicates.add(error.getIndex());
				}
			}
			List<String> inserted = new ArrayList<>();
			for (int i = 0; i < documents.size(); i++) {
				if (!failed.contains(i)) {
					inserted.add(documents.get(i).getString("_id"));
				}
			}
			if (!inserted.isEmpty()) {
				this.claims.streams().deleteMany(Filters.in("_id", inserted));
			}
			if (duplicates.size() != failed.size()) {
				throw ex;
			}
			return new Conflict(duplicates, ex);
		}
	}

	private static RuntimeException conflict(PendingCommit commit, Exception cause) {
		DomainEventMessage<?> head = commit.head();
		String description = String.format("An event for aggregate [%s] at sequence [%d] was already inserted",
				head.getAggregateIdentifier(), head.getSequenceNumber());
		return (head.getSequenceNumber() == 0) ? new AggregateStreamCreationException(description, cause)
				: new ConcurrencyException(description, cause);
	}

	/**
	 * Writes all commits (with their markers) in one insert.
	 * @return the commits whose positions were taken meanwhile (released as gaps by a
	 * reader, or claimed by an overlapping reservation): they move to new positions
	 */
	private List<PendingCommit> insertCommits(List<PendingCommit> pending) {
		if (pending.size() == 1) {
			return insertCommit(pending.get(0).position(), pending.get(0).serialized(), pending.get(0).aggregateId(),
					pending.get(0).type()) ? List.of() : pending;
		}
		List<Document> documents = new ArrayList<>();
		List<PendingCommit> owners = new ArrayList<>();
		for (PendingCommit commit : pending) {
			for (Document document : commitDocuments(commit.position(), commit.serialized(), commit.aggregateId(),
					commit.type())) {
				documents.add(document);
				owners.add(commit);
			}
		}
		try {
			this.commits.collection().insertMany(documents, new InsertManyOptions().ordered(false));
			return List.of();
		}
		catch (MongoBulkWriteException ex) {
			Set<PendingCommit> displaced = new LinkedHashSet<>();
			for (BulkWriteError error : ex.getWriteErrors()) {
				if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
				displaced.add(owners.get(error.getIndex()));
			}
			// documents written for a displaced commit stay behind as non-events
			return new ArrayList<>(displaced);
		}
	}

	/** Places a commit whose reserved positions were taken at new ones. */
	private void moveAndInsert(PendingCommit commit) {
		long position = commit.position();
		for (int attempt = 0;; attempt++) {
			if (attempt >= MAX_POSITION_RETRIES) {
				throw new ConcurrencyException("Could not place the commit of [" + commit.aggregateId()
						+ "]: its positions kept being released", null);
			}
			long moved = reserve(commit.serialized().size());
			if (commit.isDomain() && this.claims.streams()
				.updateOne(Filters.and(Filters.eq("_id", commit.streamId()), Filters.eq("pos", position)),
						Updates.combine(Updates.set("pos", moved), Updates.set("at", Date.from(this.clock.instant()))))
				.getMatchedCount() == 0) {
				throw new ConcurrencyException(
						"The commit of [" + commit.aggregateId() + "] was given up as dead before it could be written",
						null);
			}
			position = moved;
			if (insertCommit(position, commit.serialized(), commit.aggregateId(), commit.type())) {
				return;
			}
		}
	}

	/**
	 * One commit of an append: consecutive events of one aggregate, or one event that
	 * belongs to none.
	 */
	private record PendingCommit(List<EventMessage<?>> events, List<Document> serialized, long position) {

		boolean isDomain() {
			return events.get(0) instanceof DomainEventMessage<?> domain && domain.getType() != null;
		}

		DomainEventMessage<?> head() {
			return (DomainEventMessage<?>) events.get(0);
		}

		String aggregateId() {
			return isDomain() ? head().getAggregateIdentifier() : null;
		}

		String type() {
			return isDomain() ? head().getType() : null;
		}

		String streamId() {
			return EventDocuments.streamId(head().getAggregateIdentifier(), head().getSequenceNumber());
		}

		Document streamDocument(Date now) {
			long last = ((DomainEventMessage<?>) events.get(events.size() - 1)).getSequenceNumber();
			return new Document("_id", streamId()).append("pos", position).append("last", last).append("at", now);
		}

	}

	/**
	 * Writes a commit at its reserved positions: first a marker on every position after
	 * the first, then the commit document on the first. Each is a unique {@code _id}, so
	 * two commits can never share a position even if reservations overlapped.
	 * @return false when a position was taken meanwhile (released as a gap, or claimed by
	 * an overlapping reservation): the caller moves the commit to new positions
	 */
	private boolean insertCommit(long position, List<Document> events, String aggregateId, String type) {
		List<Document> documents = commitDocuments(position, events, aggregateId, type);
		try {
			if (documents.size() == 1) {
				this.commits.collection().insertOne(documents.get(0));
			}
			else {
				this.commits.collection().insertMany(documents, new InsertManyOptions().ordered(true));
			}
			return true;
		}
		catch (MongoWriteException ex) {
			if (EventDocuments.isDuplicateKey(ex)) {
				return false;
			}
			throw ex;
		}
		catch (MongoBulkWriteException ex) {
			if (ex.getWriteErrors()
				.stream()
				.allMatch((e) -> ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
				return false; // markers already written stay behind as non-events
			}
			throw ex;
		}
	}

	/**
	 * The documents of a commit: a marker on every position after the first, then the
	 * commit document on the first (so a commit is never visible before its markers).
	 */
	private static List<Document> commitDocuments(long position, List<Document> events, String aggregateId,
			String type) {
		List<Document> documents = new ArrayList<>(events.size());
		for (int i = events.size() - 1; i > 0; i--) {
			documents.add(new Document("_id", position + i).append("of", position));
		}
		Document commit = new Document("_id", position).append("n", events.size())
			.append("at", events.get(0).get("ts"))
			.append("events", events);
		if (aggregateId != null) {
			commit.append("agg", aggregateId).append("type", type);
		}
		documents.add(commit);
		return documents;
	}

	/** One commit per run of consecutive events of the same aggregate; others alone. */
	private static List<List<EventMessage<?>>> groupIntoCommits(List<? extends EventMessage<?>> events) {
		List<List<EventMessage<?>>> result = new ArrayList<>();
		List<EventMessage<?>> current = null;
		String currentAggregate = null;
		for (EventMessage<?> event : events) {
			String aggregate = (event instanceof DomainEventMessage<?> d && d.getType() != null)
					? d.getAggregateIdentifier() : null;
			if (current == null || aggregate == null || !aggregate.equals(currentAggregate)) {
				current = new ArrayList<>();
				result.add(current);
			}
			current.add(event);
			currentAggregate = aggregate;
		}
		return result;
	}

}
