package dev.ticketloop.ticketservice.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.ticketloop.platform.axon.BatchEnd;
import dev.ticketloop.platform.history.ScratchViews;
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
import dev.ticketloop.ticketservice.ticket.TemplateUse;
import dev.ticketloop.ticketservice.ticket.TicketStatus;
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
 * The ticket read model: one document per ticket keyed by its id, with its history.
 * Idempotent: an event only applies when the document has not yet seen its sequence
 * number, so a redelivered or replayed event changes nothing. Every write and read
 * selects by {@code _id} alone (the one index the embedded stand-in uses). The status
 * follows the ticket's own rule ({@link TicketStatus#after}). The events of a processor's
 * batch are written together at its end ({@link BatchEnd}): one read and one bulk write
 * per batch instead of a read and a write per event, which is what a replay spends its
 * time on.
 */
@Component
@ProcessingGroup(TicketViewProjection.PROCESSING_GROUP)
public class TicketViewProjection {

	static final String PROCESSING_GROUP = "ticket-view";

	private static final String PENDING = TicketViewProjection.class.getName() + ".pending";

	public static final String COLLECTION = "ticket_views";

	private final MongoCollection<Document> views;

	private final ScratchViews scratch;

	TicketViewProjection(MongoDatabase database) {
		this.views = database.getCollection(COLLECTION);
		this.scratch = new ScratchViews(database.getCollection(COLLECTION + "_as_of"));
		TicketSearch.createIndexes(this.views);
	}

	@EventHandler
	void on(TicketEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
		Change change = change(event, sequence, at);
		BatchEnd.gather(PENDING, ArrayList::new, (batch) -> batch.add(change), this::write);
	}

	/**
	 * A ticket's view as these events of it (from its first, in order) made it, computed
	 * by the same updates as the live view, applied to a scratch document and not to the
	 * view (time travel: {@code GET /tickets/{id}?asOf=}); null before it was opened.
	 */
	Document viewOf(String ticketId, List<? extends DomainEventMessage<?>> events) {
		List<Bson> updates = new ArrayList<>();
		TicketStatus status = null;
		for (DomainEventMessage<?> message : events) {
			if (message.getPayload() instanceof TicketEvent event) {
				status = TicketStatus.after(status, event);
				updates.add(change(event, message.getSequenceNumber(), message.getTimestamp()).update(status));
			}
		}
		return this.scratch.apply(ticketId, updates);
	}

	private static Change change(TicketEvent event, long sequence, Instant at) {
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
						Updates.set("customerTier", e.customerTier()),
						Updates.set("platform", e.environment().platform()),
						Updates.set("productVersion", e.environment().productVersion()),
						Updates.set("locale", e.locale()), Updates.set("subject", e.subject()),
						Updates.set("body", e.body()), Updates.set("openedAt", e.openedAt()),
						Updates.set("reopenCount", 0));
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
				template(details, e.template());
				yield null;
			}
			case TicketResolved e -> {
				details.put("agent", e.agent());
				details.put("resolution", e.resolution());
				details.put("singleReply", e.singleReply());
				details.put("cause", e.cause().wireName());
				template(details, e.template());
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
				details.put("reason", e.reason().wireName());
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
		return new Change(event, sequence, at, details, changes);
	}

	/**
	 * Clears the view on any replay, which is why it is replayed from the beginning only:
	 * an ticket's document applies each of its events once, in order, so a replay from a
	 * later event would skip every event it has seen (and clearing would lose those
	 * before).
	 */
	@ResetHandler
	void reset() {
		this.views.deleteMany(new Document());
	}

	/**
	 * A batch's events in two round trips: one read of the status and version of every
	 * ticket they touch, one ordered bulk write of their updates (an update per event, in
	 * order). The read is the guard: an event whose sequence number the view has already
	 * seen is skipped, so a redelivered or replayed batch changes nothing. The writes
	 * select by {@code _id} alone, because the stand-in scans the whole collection for
	 * any other filter (a version condition in the filter made each update cost a scan:
	 * the replay's bottleneck). A ticket's events are handled by the one owner of its
	 * segment, so nothing writes the document between the read and the write but a former
	 * owner that stalled past its claim and wrote before it learnt it lost it: its
	 * history entries are added to a set (deterministic, so not twice) and the version
	 * only grows ({@code $max}), but the status it wrote may be one event behind until
	 * the ticket's next event (a replay repairs it at once). A failed write fails the
	 * batch, which is then handled again.
	 */
	private void write(List<Change> batch) {
		Set<String> ids = new LinkedHashSet<>();
		batch.forEach((c) -> ids.add(c.ticketId()));
		Map<String, Document> current = new HashMap<>();
		this.views.find((ids.size() == 1) ? Filters.eq("_id", ids.iterator().next()) : Filters.in("_id", ids))
			.projection(Projections.include("status", "version"))
			.forEach((d) -> current.put(d.getString("_id"), d));
		List<WriteModel<Document>> writes = new ArrayList<>();
		for (Change change : batch) {
			Document view = current.get(change.ticketId());
			// already applied (or the view was reset under us: a replay rebuilds it)
			if ((view == null) ? change.sequence() > 0 : version(view) >= change.sequence()) {
				continue;
			}
			TicketStatus after = TicketStatus
				.after((view != null) ? TicketStatus.valueOf(view.getString("status")) : null, change.event());
			writes.add(new UpdateOneModel<>(Filters.eq("_id", change.ticketId()), change.update(after),
					new UpdateOptions().upsert(change.sequence() == 0)));
			current.put(change.ticketId(), new Document("status", after.name()).append("version", change.sequence()));
		}
		if (!writes.isEmpty()) {
			this.views.bulkWrite(writes, new BulkWriteOptions().ordered(true));
		}
	}

	private static long version(Document view) {
		return view.get("version", Number.class).longValue();
	}

	/** One event's update of its ticket's view, but for the status it leads to. */
	private record Change(TicketEvent event, long sequence, Instant at, Map<String, Object> details, Bson changes) {

		String ticketId() {
			return this.event.ticketId().value();
		}

		Bson update(TicketStatus status) {
			Bson update = Updates.combine(Updates.set("status", status.name()), Updates.max("version", this.sequence),
					Updates.set("updatedAt", this.at),
					Updates.addToSet("history",
							new Document("sequence", this.sequence)
								.append("type", this.event.getClass().getSimpleName())
								.append("at", this.at)
								.append("details", new Document(this.details))));
			return (this.changes != null) ? Updates.combine(this.changes, update) : update;
		}

	}

	/** The answer template a reply or resolution was written with, when it was. */
	private static void template(Map<String, Object> details, TemplateUse template) {
		if (template != null) {
			details.put("templateId", template.id());
			if (template.version() != null) {
				details.put("templateVersion", template.version());
			}
			details.put("automatic", template.automatic());
		}
	}

}
