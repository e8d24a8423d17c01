package dev.ticketloop.ticketservice.view;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketOpened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketTriaged;
import dev.ticketloop.ticketservice.ticket.TicketId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.stereotype.Component;

/**
 * The ticket read model: one document per ticket keyed by its id, with its history.
 * Idempotent: each update only applies when the document has not yet seen the event's
 * sequence number, so a redelivered or replayed event changes nothing. Every write and
 * read goes through {@code _id} (the one index the embedded stand-in uses).
 */
@Component
@ProcessingGroup(TicketViewProjection.PROCESSING_GROUP)
class TicketViewProjection {

	static final String PROCESSING_GROUP = "ticket-view";

	static final String COLLECTION = "ticket_views";

	private final MongoCollection<Document> views;

	TicketViewProjection(MongoDatabase database) {
		this.views = database.getCollection(COLLECTION);
	}

	@EventHandler
	void on(TicketOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("channel", event.channel().wireName());
		details.put("subject", event.subject());
		apply(event.ticketId(), sequence, at, "TicketOpened", details,
				Updates.combine(Updates.set("channel", event.channel().wireName()),
						Updates.set("customerRef", event.customerRef()),
						Updates.set("contact",
								new Document("email", event.contact().email()).append("name", event.contact().name())),
						Updates.set("locale", event.locale()), Updates.set("subject", event.subject()),
						Updates.set("body", event.body()), Updates.set("status", "NEW"),
						Updates.set("openedAt", event.openedAt())));
	}

	@EventHandler
	void on(TicketTriaged event, @SequenceNumber long sequence, @Timestamp Instant at) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("priority", event.priority().wireName());
		details.put("firstResponseDueAt", event.firstResponseDueAt().toString());
		apply(event.ticketId(), sequence, at, "TicketTriaged", details,
				Updates.combine(Updates.set("status", "TRIAGED"), Updates.set("priority", event.priority().wireName()),
						Updates.set("firstResponseDueAt", event.firstResponseDueAt())));
	}

	@EventHandler
	void on(CustomerNotified event, @SequenceNumber long sequence, @Timestamp Instant at) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("reason", event.reason());
		details.put("channel", event.channel());
		details.put("notificationId", event.notificationId());
		apply(event.ticketId(), sequence, at, "CustomerNotified", details, Updates.combine());
	}

	@ResetHandler
	void reset() {
		this.views.deleteMany(new Document());
	}

	private void apply(TicketId id, long sequence, Instant at, String type, Map<String, Object> details, Bson changes) {
		Bson filter = Filters.and(Filters.eq("_id", id.value()), Filters.lt("version", sequence));
		Bson update = Updates.combine(changes, Updates.set("version", sequence), Updates.set("updatedAt", at),
				Updates.push("history",
						new Document("sequence", sequence).append("type", type)
							.append("at", at)
							.append("details", new Document(details))));
		try {
			this.views.updateOne(filter, update, new UpdateOptions().upsert(sequence == 0));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// the document already holds this event: a redelivery, nothing to do
		}
	}

}
