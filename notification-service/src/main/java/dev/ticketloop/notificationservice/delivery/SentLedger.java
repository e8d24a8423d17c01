package dev.ticketloop.notificationservice.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The idempotency keys of sending: one document per notification that reached its
 * receiver ({@code sent_notifications}, {@code _id} = the notification id, stable per
 * ticket, reason and cause). Written right after the receiver accepted, read before every
 * attempt: a notification found here is never sent again, whatever redelivers or replays
 * it.
 */
@Component
class SentLedger {

	static final String COLLECTION = "sent_notifications";

	private final MongoCollection<Document> sent;

	SentLedger(MongoDatabase database) {
		this.sent = database.getCollection(COLLECTION);
	}

	record Sent(String messageId, Instant sentAt) {
	}

	Optional<Sent> find(String notificationId) {
		return Optional.ofNullable(this.sent.find(Filters.eq("_id", notificationId)).first())
			.map((d) -> new Sent(d.getString("messageId"), d.getDate("sentAt").toInstant()));
	}

	/** The notifications of these ids that were sent, in one query. */
	Map<String, Sent> findAll(Collection<String> notificationIds) {
		Map<String, Sent> found = new HashMap<>();
		if (!notificationIds.isEmpty()) {
			for (Document d : this.sent.find(Filters.in("_id", notificationIds))) {
				found.put(d.getString("_id"), new Sent(d.getString("messageId"), d.getDate("sentAt").toInstant()));
			}
		}
		return found;
	}

	void remember(String notificationId, String channel, Sent sent) {
		try {
			this.sent.insertOne(new Document("_id", notificationId).append("channel", channel)
				.append("messageId", sent.messageId())
				.append("sentAt", Date.from(sent.sentAt())));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
	}

}
