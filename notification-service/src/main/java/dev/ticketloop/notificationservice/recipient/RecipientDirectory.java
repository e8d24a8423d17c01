package dev.ticketloop.notificationservice.recipient;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * Who to tell about a ticket, learnt from {@code TicketOpened}: one document per ticket,
 * replaced on redelivery (idempotent).
 */
@Component
public class RecipientDirectory {

	private static final String RECENT = RecipientDirectory.class.getName() + ".recent";

	private final MongoCollection<Document> recipients;

	RecipientDirectory(MongoDatabase database) {
		this.recipients = database.getCollection("recipients");
	}

	/**
	 * Keeps the ticket's customer. Within a unit of work (a batch of records) the writes
	 * of the batch go to the store together when it commits; the batch's own lookups see
	 * them at once.
	 */
	public void remember(TicketOpenedV1 opened) {
		TicketRecipient recipient = new TicketRecipient(opened.ticketId(), opened.channel(), opened.contactEmail(),
				opened.contactName(), opened.locale(), opened.subject(), opened.customerRef(),
				opened.contactTimeZone());
		if (CurrentUnitOfWork.isStarted()) {
			rememberedInThisBatch().put(opened.ticketId(), recipient);
		}
		else {
			write(List.of(recipient));
		}
	}

	private void write(Collection<TicketRecipient> batch) {
		if (batch.isEmpty()) {
			return;
		}
		this.recipients.bulkWrite(batch.stream()
			.map((r) -> new ReplaceOneModel<>(Filters.eq("_id", r.ticketId()),
					new Document("_id", r.ticketId()).append("channel", r.channel())
						.append("email", r.email())
						.append("name", r.name())
						.append("locale", r.locale())
						.append("subject", r.subject())
						.append("customerRef", r.customerRef())
						.append("timeZone", r.timeZone()),
					new ReplaceOptions().upsert(true)))
			.toList());
	}

	public Optional<TicketRecipient> find(String ticketId) {
		if (CurrentUnitOfWork.isStarted()) {
			TicketRecipient recent = rememberedInThisBatch().get(ticketId);
			if (recent != null) {
				return Optional.of(recent);
			}
		}
		return Optional.ofNullable(this.recipients.find(Filters.eq("_id", ticketId)).first())
			.map((d) -> new TicketRecipient(d.getString("_id"), d.getString("channel"), d.getString("email"),
					d.getString("name"), d.getString("locale"), d.getString("subject"), d.getString("customerRef"),
					d.getString("timeZone")));
	}

	/**
	 * The customers learnt in this batch of records (a ticket opens just before it is
	 * triaged).
	 */
	private Map<String, TicketRecipient> rememberedInThisBatch() {
		UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
		return batch.getOrComputeResource(RECENT, (key) -> {
			Map<String, TicketRecipient> remembered = new LinkedHashMap<>();
			batch.onPrepareCommit((u) -> write(remembered.values()));
			return remembered;
		});
	}

	/** What is known of a ticket's customer. */
	public record TicketRecipient(String ticketId, String channel, String email, String name, String locale,
			String subject, String customerRef, String timeZone) {
	}

}
