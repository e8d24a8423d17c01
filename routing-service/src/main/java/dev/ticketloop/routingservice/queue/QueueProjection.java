package dev.ticketloop.routingservice.queue;

import dev.ticketloop.platform.tracing.TraceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.ticketloop.platform.operations.ReplayStart;
import dev.ticketloop.routingservice.sla.ClockFact;
import dev.ticketloop.routingservice.sla.SlaClockEvent.PriorityEscalated;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaClockStarted;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaFactRecorded;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaTargetBreached;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaTargetMet;
import dev.ticketloop.routingservice.sla.SlaTarget;
import dev.ticketloop.routingservice.sla.SlaClockState.Deadline;
import dev.ticketloop.routingservice.triage.TriageEvent.AssignmentDecided;
import dev.ticketloop.routingservice.triage.TriageEvent.AssignmentRecorded;
import dev.ticketloop.routingservice.triage.TriageEvent.ReturnedToQueue;
import dev.ticketloop.routingservice.triage.TriageEvent.SuggestionMade;
import dev.ticketloop.routingservice.triage.TriageEvent.TriageDecided;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.stereotype.Component;

/**
 * The queues' read model ({@code queue_items}): one document per ticket routing knows,
 * with its team, priority, language and category, who has it, and when its nearest
 * running target breaches (the urgency the queue is ordered by). Upserts keyed by ticket,
 * field by field, so events of the ticket's two aggregates (triage and clock) may arrive
 * in any order. Rebuilt from the events on a replay, from the beginning or from a later
 * event.
 */
@Component
@ProcessingGroup(QueueProjection.PROCESSING_GROUP)
public class QueueProjection {

	public static final String PROCESSING_GROUP = "queue";

	static final String COLLECTION = "queue_items";

	private final MongoCollection<Document> items;

	QueueProjection(MongoDatabase database) {
		this.items = database.getCollection(COLLECTION);
		// used by real MongoDB; the stand-in scans
		this.items.createIndex(Indexes.ascending("team", "open", "breachAt"), new IndexOptions().name("by_team"));
		this.items.createIndex(Indexes.ascending("assignee", "open"), new IndexOptions().name("by_assignee"));
	}

	@EventHandler
	void on(TriageDecided e) {
		upsert(e.ticketId(), Updates.set("team", e.team()), Updates.set("priority", e.priority()),
				Updates.set("policy", e.policy()), Updates.set("tier", e.customerTier()),
				Updates.set("language", e.language()), Updates.set("category", e.category()),
				Updates.set("tags", e.tags()), Updates.setOnInsert("status", "waiting"),
				Updates.setOnInsert("open", true),
				// what assigns the ticket later does it in the trace of the ticket's
				// triage
				Updates.set("traceparent", TraceContext.current().orElse(null)));
	}

	@EventHandler
	void on(SlaClockStarted e) {
		List<Bson> updates = new ArrayList<>(urgency(e.deadlines()));
		updates.add(Updates.set("openedAt", Date.from(e.openedAt())));
		updates.add(Updates.set("calendar", e.calendar()));
		updates.add(Updates.setOnInsert("status", "waiting"));
		updates.add(Updates.setOnInsert("open", true));
		upsert(e.ticketId(), updates.toArray(Bson[]::new));
	}

	@EventHandler
	void on(SlaFactRecorded e) {
		List<Bson> updates = new ArrayList<>(urgency(e.deadlines()));
		if (e.fact() == ClockFact.RESOLVED || e.fact() == ClockFact.ENDED) {
			updates.add(Updates.set("open", false));
		}
		else if (e.fact() == ClockFact.REOPENED) {
			updates.add(Updates.set("open", true));
		}
		boolean paused = e.deadlines().isEmpty() && e.fact() != ClockFact.RESOLVED && e.fact() != ClockFact.ENDED;
		updates.add(Updates.set("paused", paused));
		// what a paused clock waits for, as the leads' status page counts it
		if (!paused) {
			updates.add(Updates.unset("waitingFor"));
		}
		else if (e.fact() == ClockFact.QUESTION_ASKED) {
			updates.add(Updates.set("waitingFor", "customer"));
		}
		else if (e.fact() == ClockFact.FIX_SCHEDULED) {
			updates.add(Updates.set("waitingFor", "release"));
		}
		upsert(e.ticketId(), updates.toArray(Bson[]::new));
		if (e.fact() == ClockFact.REOPENED) {
			// the resolution clock runs on where it was: breached before, breached still
			// (read, then written by _id alone: the stand-in scans for any other filter)
			Document item = this.items.find(Filters.eq("_id", e.ticketId())).first();
			List<?> breachedEver = (item != null) ? item.getList("breachedEver", Object.class) : null;
			if (breachedEver != null && breachedEver.contains(SlaTarget.RESOLUTION.name())) {
				upsert(e.ticketId(), Updates.addToSet("breachedTargets", SlaTarget.RESOLUTION.name()));
			}
		}
	}

	/**
	 * A ticket is in the red while a target it breached is still running (met, even late,
	 * it leaves the red).
	 */
	@EventHandler
	void on(SlaTargetBreached e) {
		upsert(e.ticketId(), Updates.addToSet("breachedTargets", e.target().name()),
				Updates.addToSet("breachedEver", e.target().name()));
	}

	@EventHandler
	void on(SlaTargetMet e) {
		upsert(e.ticketId(), Updates.pull("breachedTargets", e.target().name()));
	}

	@EventHandler
	void on(SuggestionMade e) {
		upsert(e.ticketId(),
				Updates.addToSet("suggestions",
						new Document("id", e.suggestionId()).append("kind", e.kind())
							.append("ref", e.ref())
							.append("title", e.title())
							.append("score", e.score())
							.append("action", e.action())
							.append("answer", e.answer())
							.append("templateVersion", e.templateVersion())
							.append("confidence", e.confidence())
							.append("heldBack", e.heldBack())));
	}

	@EventHandler
	void on(PriorityEscalated e) {
		upsert(e.ticketId(), Updates.set("priority", e.to()));
	}

	@EventHandler
	void on(AssignmentDecided e) {
		upsert(e.ticketId(), Updates.set("assignee", e.agent()), Updates.set("status", "assigned"),
				Updates.set("assignedAt", Date.from(e.decidedAt())));
	}

	@EventHandler
	void on(AssignmentRecorded e) {
		if (e.agent() == null) {
			upsert(e.ticketId(), Updates.unset("assignee"), Updates.unset("assignedAt"),
					Updates.set("status", "waiting"));
			return;
		}
		upsert(e.ticketId(), Updates.set("assignee", e.agent()), Updates.set("status", "assigned"),
				Updates.set("assignedAt", Date.from(e.assignedAt())));
	}

	@EventHandler
	void on(ReturnedToQueue e) {
		upsert(e.ticketId(), Updates.unset("assignee"), Updates.set("status", "waiting"));
	}

	/**
	 * Clears the queue for a replay from the beginning. A replay from a later event
	 * leaves it as it is: every update sets the latest fact of a field (or adds to or
	 * takes from a set), so handling the events from any event on again ends where the
	 * queue is.
	 */
	@ResetHandler
	void reset(ReplayStart start) {
		if (start.fromBeginning()) {
			this.items.deleteMany(new Document());
		}
	}

	/** The nearest breach among the running targets: what orders the queue. */
	private static List<Bson> urgency(List<Deadline> deadlines) {
		Optional<Deadline> nearest = deadlines.stream()
			.filter((d) -> d.kind() == Deadline.Kind.BREACH)
			.min(Comparator.comparing(Deadline::at));
		if (nearest.isEmpty()) {
			return List.of(Updates.unset("breachAt"), Updates.unset("urgentTarget"));
		}
		return List.of(Updates.set("breachAt", Date.from(nearest.get().at())),
				Updates.set("urgentTarget", nearest.get().target().name()));
	}

	private void upsert(String ticketId, Bson... updates) {
		this.items.updateOne(Filters.eq("_id", ticketId), Updates.combine(updates), new UpdateOptions().upsert(true));
	}

}
