package dev.ticketloop.platform.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * The global position counter ({@code event_positions}, one document {@code {_id:
 * "global", next}}): positions below {@code next} are reserved.
 */
final class Positions {

	private final MongoCollection<Document> collection;

	/**
	 * Reservations of this engine one at a time. Ranges do not overlap: MongoDB applies
	 * {@code $inc} atomically, and so does the embedded stand-in since infra-embedded's
	 * atomic writes (before them it did not: overlapping ranges under 10 concurrent
	 * writers, which is why this lock was once shared by every engine of a JVM). What the
	 * commits' unique positions catch is a reader's tombstone on a position a slow writer
	 * reserved (ADR 6).
	 */
	private final Object lock = new Object();

	Positions(MongoCollection<Document> collection) {
		this.collection = collection;
	}

	/** Reserves {@code count} consecutive positions and returns the first. */
	long reserve(int count) {
		synchronized (this.lock) {
			Document counter = this.collection.findOneAndUpdate(Filters.eq("_id", "global"), Updates.inc("next", count),
					new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
			return counter.get("next", Number.class).longValue() - count;
		}
	}

	/** The position after the newest reserved one. */
	long bound() {
		Document counter = this.collection.find(Filters.eq("_id", "global")).first();
		return (counter != null) ? counter.get("next", Number.class).longValue() : 0;
	}

}
