package dev.ticketloop.platform.eventstore;

import java.util.stream.Stream;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/** {@code event_snapshots}: the latest snapshot per aggregate, {@code _id} = its id. */
final class Snapshots {

	private final MongoCollection<Document> collection;

	Snapshots(MongoCollection<Document> collection) {
		this.collection = collection;
	}

	MongoCollection<Document> collection() {
		return this.collection;
	}

	/** Stores a snapshot unless one at the same or a later sequence is there. */
	void store(DomainEventMessage<?> snapshot, Serializer serializer) {
		Document event = EventDocuments.serialize(snapshot, serializer).append("seq", snapshot.getSequenceNumber());
		Document document = new Document("_id", snapshot.getAggregateIdentifier()).append("type", snapshot.getType())
			.append("agg", snapshot.getAggregateIdentifier())
			.append("event", event);
		try {
			this.collection.replaceOne(
					Filters.and(Filters.eq("_id", snapshot.getAggregateIdentifier()),
							Filters.lt("event.seq", snapshot.getSequenceNumber())),
					document, new ReplaceOptions().upsert(true));
		}
		catch (MongoWriteException ex) {
			if (!EventDocuments.isDuplicateKey(ex)) {
				throw ex;
			}
			// a snapshot at the same or a later sequence is stored already: keep it
		}
	}

	Stream<? extends DomainEventData<?>> read(String aggregateIdentifier) {
		if (AggregateReads.knownNew(aggregateIdentifier)) {
			return Stream.empty();
		}
		Document snapshot = this.collection.find(Filters.eq("_id", aggregateIdentifier)).first();
		if (snapshot == null) {
			return Stream.empty();
		}
		return Stream.of(EventDocuments.entry(snapshot, snapshot.get("event", Document.class)));
	}

}
