package dev.ticketloop.platform.eventstore;

import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

/**
 * {@code event_commits} by position: commits, their markers and tombstones, read through
 * {@code _id} only.
 */
final class Commits {

	private final MongoCollection<Document> collection;

	private final Clock clock;

	Commits(MongoCollection<Document> collection, Clock clock) {
		this.collection = collection;
		this.clock = clock;
	}

	MongoCollection<Document> collection() {
		return this.collection;
	}

	/** The documents at these positions, by position. */
	Map<Long, Document> find(Collection<Long> positions) {
		Map<Long, Document> found = new HashMap<>();
		for (Document doc : this.collection.find(Filters.in("_id", positions))) {
			found.put(doc.get("_id", Number.class).longValue(), doc);
		}
		return found;
	}

	/** The document at a position, or null. */
	Document at(long position) {
		return this.collection.find(Filters.eq("_id", position)).first();
	}

	/**
	 * Releases a position for good.
	 * @return true when this call wrote the tombstone, false when the position is taken
	 */
	boolean tombstone(long position) {
		try {
			this.collection.insertOne(new Document("_id", position).append("tombstone", true)
				.append("at", Date.from(this.clock.instant())));
			return true;
		}
		catch (MongoWriteException ex) {
			if (EventDocuments.isDuplicateKey(ex)) {
				return false;
			}
			throw ex;
		}
	}

}
