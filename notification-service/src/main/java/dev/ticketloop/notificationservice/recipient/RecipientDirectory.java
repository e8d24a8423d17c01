package dev.ticketloop.notificationservice.recipient;

import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * Who to tell about a ticket, learnt from {@code TicketOpened}: one document per ticket,
 * replaced on redelivery (idempotent).
 */
@Component
public class RecipientDirectory {

	private final MongoCollection<Document> recipients;

	RecipientDirectory(MongoDatabase database) {
		this.recipients = database.getCollection("recipients");
	}

	public void remember(TicketOpenedV1 opened) {
		this.recipients.replaceOne(Filters.eq("_id", opened.ticketId()),
				new Document("_id", opened.ticketId()).append("channel", opened.channel())
					.append("email", opened.contactEmail())
					.append("name", opened.contactName())
					.append("locale", opened.locale())
					.append("subject", opened.subject())
					.append("customerRef", opened.customerRef())
					.append("timeZone", opened.contactTimeZone()),
				new ReplaceOptions().upsert(true));
	}

	public Optional<TicketRecipient> find(String ticketId) {
		return Optional.ofNullable(this.recipients.find(Filters.eq("_id", ticketId)).first())
			.map((d) -> new TicketRecipient(d.getString("_id"), d.getString("channel"), d.getString("email"),
					d.getString("name"), d.getString("locale"), d.getString("subject"), d.getString("customerRef"),
					d.getString("timeZone")));
	}

	/** What is known of a ticket's customer. */
	public record TicketRecipient(String ticketId, String channel, String email, String name, String locale,
			String subject, String customerRef, String timeZone) {
	}

}
