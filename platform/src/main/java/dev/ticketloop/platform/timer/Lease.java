package dev.ticketloop.platform.timer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * Leadership by lease in one document ({@code _id} given): the instance that holds it
 * does the work (fires timers, dispatches tickets); the lease is renewed while it runs
 * and taken over by another instance when it lapses. The take-over is one atomic
 * find-and-modify (on MongoDB, and on the embedded stand-in since its writes were made
 * atomic, see infra-embedded's {@code AtomicWritesBackend}).
 */
public final class Lease {

	private final MongoCollection<Document> collection;

	private final String id;

	private final Clock clock;

	private final Duration length;

	private final String owner = UUID.randomUUID().toString();

	private Instant heldUntil = Instant.MIN;

	private Instant lastRenewal = Instant.MIN;

	public Lease(MongoCollection<Document> collection, String id, Clock clock, Duration length) {
		this.collection = collection;
		this.id = id;
		this.clock = clock;
		this.length = length;
	}

	/** The outcome of a check: whether this instance leads, and whether it just began. */
	public record Held(boolean leads, boolean justTaken) {
	}

	/** Takes or renews the lease when due; says whether this instance leads now. */
	public Held check() {
		Instant now = this.clock.instant();
		boolean holding = now.isBefore(this.heldUntil);
		if (holding && now.isBefore(this.lastRenewal.plus(this.length.dividedBy(3)))) {
			return new Held(true, false);
		}
		if (!holding) {
			// another instance may hold it: look before trying to take it
			Document current = this.collection.find(Filters.eq("_id", this.id)).first();
			if (current != null && !this.owner.equals(current.getString("owner"))
					&& current.getDate("until").toInstant().isAfter(now)) {
				return lost();
			}
		}
		Instant until = now.plus(this.length);
		try {
			Document lease = this.collection.findOneAndUpdate(
					Filters.and(Filters.eq("_id", this.id),
							Filters.or(Filters.eq("owner", this.owner), Filters.lt("until", Date.from(now)))),
					Updates.combine(Updates.set("owner", this.owner), Updates.set("until", Date.from(until))),
					new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
			if (lease == null || !this.owner.equals(lease.getString("owner"))) {
				return lost();
			}
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
				return lost();
			}
			throw ex;
		}
		catch (MongoCommandException ex) {
			if (ErrorCategory.fromErrorCode(ex.getErrorCode()) == ErrorCategory.DUPLICATE_KEY) {
				return lost();
			}
			throw ex;
		}
		// a margin before the lease really ends, for the work under way
		this.heldUntil = until.minus(this.length.dividedBy(6));
		this.lastRenewal = now;
		return new Held(true, !holding);
	}

	/** Gives the lease up (an instance that stops). */
	public void release() {
		if (this.heldUntil.isAfter(Instant.MIN)) {
			this.collection.updateOne(Filters.and(Filters.eq("_id", this.id), Filters.eq("owner", this.owner)),
					Updates.set("until", new Date(0)));
			this.heldUntil = Instant.MIN;
		}
	}

	private Held lost() {
		this.heldUntil = Instant.MIN;
		return new Held(false, false);
	}

}
