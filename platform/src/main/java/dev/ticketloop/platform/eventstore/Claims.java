package dev.ticketloop.platform.eventstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

/**
 * {@code event_streams}: a writer's claim on an aggregate's commit (the per-aggregate
 * optimistic lock), and what became of it. A claim whose commit is released, or missing
 * for longer than the gap timeout (its writer died), is removed, so that the aggregate
 * moves on.
 */
final class Claims {

	/** What became of a writer's claim on a stream. */
	enum State {

		/** Its commit is there. */
		COMMITTED,
		/** Not yet: its writer may still be at work. */
		PENDING,
		/**
		 * Its writer died before committing (its position released, or too old): removed.
		 */
		REMOVED

	}

	private final MongoCollection<Document> streams;

	private final Commits commits;

	private final Clock clock;

	private final Duration gapTimeout;

	Claims(MongoCollection<Document> streams, Commits commits, Clock clock, Duration gapTimeout) {
		this.streams = streams;
		this.commits = commits;
		this.clock = clock;
		this.gapTimeout = gapTimeout;
	}

	MongoCollection<Document> streams() {
		return this.streams;
	}

	/** The commit a stream document points at, or null when it is not (yet) committed. */
	Document committed(Document stream) {
		return committed(stream, this.commits.at(EventDocuments.position(stream)));
	}

	/**
	 * As {@link #committed(Document)}, with the commit document already read (or null).
	 */
	Document committed(Document stream, Document commit) {
		return (state(stream, commit) == State.COMMITTED) ? commit : null;
	}

	/** Whether the claim's commit is there; a dead writer's claim is removed. */
	State state(Document stream, Document commit) {
		long position = EventDocuments.position(stream);
		if (commit != null && !EventDocuments.isNonEvent(commit)
				&& stream.getString("_id").equals(EventDocuments.streamIdOf(commit))) {
			return State.COMMITTED;
		}
		boolean dead = commit != null;
		if (!dead) {
			Instant claimedAt = stream.getDate("at").toInstant();
			if (this.clock.instant().isAfter(claimedAt.plus(this.gapTimeout))) {
				Document taken;
				dead = this.commits.tombstone(position)
						|| ((taken = this.commits.at(position)) != null && EventDocuments.isNonEvent(taken));
			}
		}
		if (dead) {
			this.streams
				.deleteOne(Filters.and(Filters.eq("_id", stream.getString("_id")), Filters.eq("pos", position)));
			return State.REMOVED;
		}
		return State.PENDING;
	}

	/**
	 * Removes the claims of dead writers among these stream documents.
	 * @return whether none of them is in the way any more (all were dead, or gone)
	 */
	boolean removeDead(List<String> streamIds) {
		Map<String, Document> claims = new HashMap<>();
		for (Document stream : this.streams.find(Filters.in("_id", streamIds))) {
			claims.put(stream.getString("_id"), stream);
		}
		if (claims.isEmpty()) {
			return true;
		}
		Map<Long, Document> found = this.commits.find(claims.values().stream().map(EventDocuments::position).toList());
		boolean clear = true;
		for (Document stream : claims.values()) {
			clear &= state(stream, found.get(EventDocuments.position(stream))) == State.REMOVED;
		}
		return clear;
	}

}
