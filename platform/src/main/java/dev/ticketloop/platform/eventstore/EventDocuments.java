package dev.ticketloop.platform.eventstore;

import java.util.Date;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/**
 * The shapes of the store's documents: an event inside a commit, a commit, its markers, a
 * tombstone, a stream document's id.
 */
final class EventDocuments {

	private EventDocuments() {
	}

	/** An event as stored inside its commit (and a snapshot's event). */
	static Document serialize(EventMessage<?> event, Serializer serializer) {
		SerializedObject<String> payload = event.serializePayload(serializer, String.class);
		SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
		Document document = new Document("id", event.getIdentifier()).append("ts", Date.from(event.getTimestamp()))
			.append("pt", payload.getType().getName())
			.append("pr", payload.getType().getRevision())
			.append("p", payload.getData())
			.append("m", metaData.getData());
		if (event instanceof DomainEventMessage<?> domain && domain.getType() != null) {
			document.append("seq", domain.getSequenceNumber());
		}
		return document;
	}

	/** An event of a commit (or a snapshot) as Axon reads it. */
	static GenericDomainEventEntry<String> entry(Document commit, Document e) {
		String aggregate = commit.getString("agg");
		boolean domain = aggregate != null;
		return new GenericDomainEventEntry<>(domain ? commit.getString("type") : null,
				domain ? aggregate : e.getString("id"), domain ? e.get("seq", Number.class).longValue() : 0L,
				e.getString("id"), e.getDate("ts").toInstant(), e.getString("pt"), e.getString("pr"), e.getString("p"),
				e.getString("m"));
	}

	/** A tombstone (released position) or a marker (a later position of a commit). */
	static boolean isNonEvent(Document doc) {
		return doc.containsKey("tombstone") || doc.containsKey("of");
	}

	/** Whether the document is a commit one of whose events is at the position. */
	static boolean isCommitCovering(Document commit, long position) {
		if (isNonEvent(commit)) {
			return false;
		}
		long start = commit.get("_id", Number.class).longValue();
		return position >= start && position < start + commit.getInteger("n");
	}

	/** The id of the stream document that claimed this commit. */
	static String streamIdOf(Document commit) {
		Document first = commit.getList("events", Document.class).get(0);
		return streamId(commit.getString("agg"), first.get("seq", Number.class).longValue());
	}

	/** The id of the stream document of an aggregate's commit starting at a sequence. */
	static String streamId(String aggregateIdentifier, long sequenceNumber) {
		return aggregateIdentifier + "/" + sequenceNumber;
	}

	static long position(Document document) {
		return document.get("pos", Number.class).longValue();
	}

	static boolean isDuplicateKey(MongoWriteException ex) {
		return ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
	}

}
