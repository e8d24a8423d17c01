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
	 * Reservations of this engine one at a time: the embedded stand-in does not apply
	 * concurrent {@code $inc}s atomically (measured: overlapping ranges under 10
	 * concurrent writers). Overlaps that stay possible between engines (processes, or
	 * instances in one JVM) are caught by the unique positions of the commits' inserts.
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
