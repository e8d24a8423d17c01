package dev.ticketloop.ticketservice.view;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.ticketloop.ticketservice.ticket.TicketEvent;
import dev.ticketloop.ticketservice.ticket.TicketEvent.AgentReplied;
import dev.ticketloop.ticketservice.ticket.TicketEvent.ClarificationRequested;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerMessageReceived;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerNotificationFailed;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerReminded;
import dev.ticketloop.ticketservice.ticket.TicketEvent.DuplicateAttached;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketEscalated;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketFixDeclined;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketFixReleased;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketFixScheduled;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketMerged;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketAssigned;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketClosed;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketOpened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketRated;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketReopened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketResolved;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketTriaged;
import dev.ticketloop.ticketservice.ticket.TicketStatus;
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
 * read goes through {@code _id} (the one index the embedded stand-in uses). The status
 * follows the ticket's own rule ({@link TicketStatus#after}).
 */
@Component
@ProcessingGroup(TicketViewProjection.PROCESSING_GROUP)
public class TicketViewProjection {

	static final String PROCESSING_GROUP = "ticket-view";

	public static final String COLLECTION = "ticket_views";

	private final MongoCollection<Document> views;

	TicketViewProjection(MongoDatabase database) {
		this.views = database.getCollection(COLLECTION);
		TicketSearch.createIndexes(this.views);
	}

	@EventHandler
	void on(TicketEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
		Map<String, Object> details = new LinkedHashMap<>();
		Bson changes = switch (event) {
			case TicketOpened e -> {
				details.put("channel", e.channel().wireName());
				details.put("subject", e.subject());
				yield Updates.combine(Updates.set("channel", e.channel().wireName()),
						Updates.set("customerRef", e.customerRef()),
						Updates.set("contact",
								new Document("email", e.contact().email()).append("name", e.contact().name())
									.append("timeZone", e.contact().timeZone())),
						Updates.set("customerTier", e.customerTier()), Updates.set("locale", e.locale()),
						Updates.set("subject", e.subject()), Updates.set("body", e.body()),
						Updates.set("openedAt", e.openedAt()), Updates.set("reopenCount", 0));
			}
			case TicketTriaged e -> {
				details.put("priority", e.priority().wireName());
				details.put("firstResponseDueAt", e.firstResponseDueAt().toString());
				yield Updates.combine(Updates.set("priority", e.priority().wireName()),
						Updates.set("firstResponseDueAt", e.firstResponseDueAt()));
			}
			case CustomerNotificationFailed e -> {
				details.put("reason", e.reason());
				details.put("channel", e.channel());
				details.put("notificationId", e.notificationId());
				details.put("failure", e.failure());
				details.put("detail", e.detail());
				yield null;
			}
			case CustomerNotified e -> {
				details.put("reason", e.reason());
				details.put("channel", e.channel());
				details.put("notificationId", e.notificationId());
				yield null;
			}
			case TicketAssigned e -> {
				details.put("agent", e.agent());
				if (e.previousAgent() != null) {
					details.put("previousAgent", e.previousAgent());
				}
				yield Updates.set("assignee", e.agent());
			}
			case ClarificationRequested e -> {
				details.put("agent", e.agent());
				details.put("question", e.question());
				yield null;
			}
			case CustomerMessageReceived e -> {
				details.put("body", e.body());
				details.put("answersClarification", e.answersClarification());
				yield null;
			}
			case AgentReplied e -> {
				details.put("agent", e.agent());
				details.put("body", e.body());
				yield null;
			}
			case TicketResolved e -> {
				details.put("agent", e.agent());
				details.put("resolution", e.resolution());
				details.put("singleReply", e.singleReply());
				details.put("cause", e.cause().wireName());
				yield Updates.combine(Updates.set("resolvedAt", e.resolvedAt()),
						Updates.set("singleReplyResolution", e.singleReply()));
			}
			case TicketReopened e -> {
				details.put("reason", e.reason());
				details.put("reopenCount", e.reopenCount());
				yield Updates.set("reopenCount", e.reopenCount());
			}
			case TicketRated e -> {
				details.put("score", e.score());
				if (e.comment() != null) {
					details.put("comment", e.comment());
				}
				yield Updates.combine(Updates.set("rating", e.score()));
			}
			case TicketClosed e -> {
				details.put("reason", e.reason().name());
				yield Updates.set("closedAt", e.closedAt());
			}
			case TicketEscalated e -> {
				details.put("issueKey", e.issueKey());
				details.put("knownIssue", e.knownIssue());
				if (e.agent() != null) {
					details.put("agent", e.agent());
				}
				if (e.viaSurvivor() != null) {
					details.put("viaSurvivor", e.viaSurvivor().value());
				}
				yield Updates.combine(Updates.set("issueKey", e.issueKey()), Updates.unset("fixVersion"));
			}
			case TicketFixScheduled e -> {
				details.put("issueKey", e.issueKey());
				details.put("targetVersion", e.targetVersion());
				yield Updates.set("targetVersion", e.targetVersion());
			}
			case TicketFixReleased e -> {
				details.put("issueKey", e.issueKey());
				details.put("version", e.version());
				yield Updates.set("fixVersion", e.version());
			}
			case TicketFixDeclined e -> {
				details.put("issueKey", e.issueKey());
				details.put("explanation", e.explanation());
				yield null;
			}
			case TicketMerged e -> {
				details.put("survivingTicketId", e.survivingTicketId().value());
				details.put("agent", e.agent());
				yield Updates.set("mergedInto", e.survivingTicketId().value());
			}
			case DuplicateAttached e -> {
				details.put("duplicateTicketId", e.duplicateTicketId().value());
				yield Updates.addToSet("duplicates", e.duplicateTicketId().value());
			}
			case CustomerReminded e -> {
				details.put("closesAt", e.closesAt().toString());
				yield null;
			}
		};
		apply(event, sequence, at, details, changes);
	}

	@ResetHandler
	void reset() {
		this.views.deleteMany(new Document());
	}

	private void apply(TicketEvent event, long sequence, Instant at, Map<String, Object> details, Bson changes) {
		String id = event.ticketId().value();
		TicketStatus before = null;
		if (sequence > 0) {
			// only what the update depends on, not the whole history
			Document current = this.views.find(Filters.eq("_id", id))
				.projection(Projections.include("status", "version"))
				.first();
			if (current == null || current.get("version", Number.class).longValue() >= sequence) {
				return; // already applied (or the view was reset under us: a replay
						// rebuilds it)
			}
			before = TicketStatus.valueOf(current.getString("status"));
		}
		Bson filter = Filters.and(Filters.eq("_id", id), Filters.lt("version", sequence));
		Bson update = Updates.combine(Updates.set("status", TicketStatus.after(before, event).name()),
				Updates.set("version", sequence), Updates.set("updatedAt", at),
				Updates.push("history",
						new Document("sequence", sequence).append("type", event.getClass().getSimpleName())
							.append("at", at)
							.append("details", new Document(details))));
		if (changes != null) {
			update = Updates.combine(changes, update);
		}
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
