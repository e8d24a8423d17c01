package dev.ticketloop.notificationservice.deadletter;

import java.util.Date;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeadLetterDiscarded;
import dev.ticketloop.platform.operations.ReplayStart;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeadLetterRetried;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryAbandoned;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationDelivered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The dead-letter store operators work from ({@code dead_letters}): one document per
 * notification given up on, gone when an operator retries or discards it (or a late
 * delivery receipt shows it arrived after all). Rebuilt from the events on a replay, from
 * the beginning or from a later event.
 */
@Component
@ProcessingGroup(DeadLetterProjection.PROCESSING_GROUP)
class DeadLetterProjection {

	static final String PROCESSING_GROUP = "dead-letters";

	static final String COLLECTION = "dead_letters";

	private final MongoCollection<Document> deadLetters;

	DeadLetterProjection(MongoDatabase database) {
		this.deadLetters = database.getCollection(COLLECTION);
	}

	@EventHandler
	void on(DeliveryAbandoned e) {
		this.deadLetters.replaceOne(Filters.eq("_id", e.notificationId()),
				new Document("_id", e.notificationId()).append("ticketId", e.ticketId())
					.append("reason", e.reason().wireName())
					.append("channel", e.channel())
					.append("attempts", e.attempt())
					.append("failure", e.permanent() ? "permanent" : "exhausted")
					.append("detail", e.detail())
					.append("abandonedAt", Date.from(e.abandonedAt())),
				new ReplaceOptions().upsert(true));
	}

	@EventHandler
	void on(DeadLetterRetried e) {
		remove(e.notificationId());
	}

	@EventHandler
	void on(DeadLetterDiscarded e) {
		remove(e.notificationId());
	}

	@EventHandler
	void on(NotificationDelivered e) {
		remove(e.notificationId());
	}

	/**
	 * Clears the store for a replay from the beginning. A replay from a later event
	 * leaves it as it is: a notification's latest event decides whether it is there, so
	 * handling the events from any event on again ends where the store is.
	 */
	@ResetHandler
	void reset(ReplayStart start) {
		if (start.fromBeginning()) {
			this.deadLetters.deleteMany(new Document());
		}
	}

	private void remove(String notificationId) {
		this.deadLetters.deleteOne(Filters.eq("_id", notificationId));
	}

}
