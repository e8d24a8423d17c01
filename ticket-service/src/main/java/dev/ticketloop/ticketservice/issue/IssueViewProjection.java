package dev.ticketloop.ticketservice.issue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.ticketloop.platform.history.ScratchViews;
import dev.ticketloop.ticketservice.issue.IssueEvent.FixDeclined;
import dev.ticketloop.ticketservice.issue.IssueEvent.FixScheduled;
import dev.ticketloop.ticketservice.issue.IssueEvent.IssueConfirmed;
import dev.ticketloop.ticketservice.issue.IssueEvent.IssueReleased;
import dev.ticketloop.ticketservice.issue.IssueEvent.IssueReported;
import dev.ticketloop.ticketservice.issue.IssueEvent.TicketLinked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.stereotype.Component;

/**
 * The issue read model ({@code issue_views}, keyed by issue key): status, versions and
 * the number of linked tickets (the tickets themselves are listed from the ticket read
 * model). Idempotent like the ticket view: an update applies only to a document that has
 * not seen the event's sequence number.
 */
@Component
@ProcessingGroup("issue-view")
class IssueViewProjection {

	static final String COLLECTION = "issue_views";

	private final MongoCollection<Document> views;

	private final ScratchViews scratch;

	IssueViewProjection(MongoDatabase database) {
		this.views = database.getCollection(COLLECTION);
		this.scratch = new ScratchViews(database.getCollection(COLLECTION + "_as_of"));
	}

	@EventHandler
	void on(IssueEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
		Bson filter = Filters.and(Filters.eq("_id", event.issueKey().value()), Filters.lt("version", sequence));
		try {
			this.views.updateOne(filter, update(event, sequence, at), new UpdateOptions().upsert(sequence == 0));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// the document already holds this event: a redelivery
		}
	}

	/**
	 * An issue's view as these events of it (from its first, in order) made it, by the
	 * same updates as the live view, on a scratch document (time travel: {@code GET
	 * /issues/{key}?asOf=}); null before it was reported.
	 */
	Document viewOf(IssueKey key, List<? extends DomainEventMessage<?>> events) {
		List<Bson> updates = new ArrayList<>();
		for (DomainEventMessage<?> message : events) {
			if (message.getPayload() instanceof IssueEvent event) {
				updates.add(update(event, message.getSequenceNumber(), message.getTimestamp()));
			}
		}
		return this.scratch.apply(key.value(), updates);
	}

	private static Bson update(IssueEvent event, long sequence, Instant at) {
		Bson changes = switch (event) {
			case IssueReported e ->
				Updates.combine(Updates.set("title", e.title()), Updates.set("description", e.description()),
						Updates.set("status", IssueStatus.REPORTED.name()), Updates.set("reportedBy", e.reportedBy()),
						Updates.set("reportedAt", e.reportedAt()), Updates.set("linkedTickets", 0));
			case TicketLinked e -> Updates.inc("linkedTickets", 1);
			case IssueConfirmed e -> Updates.set("status", IssueStatus.CONFIRMED.name());
			case FixScheduled e -> Updates.combine(Updates.set("status", IssueStatus.FIX_SCHEDULED.name()),
					Updates.set("targetVersion", e.targetVersion()));
			case IssueReleased e -> Updates.combine(Updates.set("status", IssueStatus.RELEASED.name()),
					Updates.set("releasedVersion", e.version()), Updates.set("releaseId", e.releaseId()));
			case FixDeclined e -> Updates.combine(Updates.set("status", IssueStatus.WONT_FIX.name()),
					Updates.set("explanation", e.explanation()));
		};
		return Updates.combine(changes, Updates.set("version", sequence), Updates.set("updatedAt", at));
	}

	/**
	 * Clears the view on any replay, which is why it is replayed from the beginning only:
	 * an issue's document applies each of its events once, in order, so a replay from a
	 * later event would skip every event it has seen (and clearing would lose those
	 * before).
	 */
	@ResetHandler
	void reset() {
		this.views.deleteMany(new Document());
	}

}
