package dev.ticketloop.insightsservice.facts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.insightsservice.facts.FactUpdates.FactUpdate;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.stereotype.Component;

/**
 * The tickets' fact sheets ({@code insight_tickets}) and the index of the tickets opened
 * each day ({@code insight_days}: the tickets, and a version counted up whenever one of
 * them changes, which tells the {@code DayTotals} materializer what to add up again).
 */
@Component
public class FactStore {

	public static final String TICKETS = "insight_tickets";

	public static final String DAYS = "insight_days";

	/**
	 * Engineering issues: their title, states (by event id), linked tickets and a version
	 * counted up whenever the issue or one of its tickets changes.
	 */
	public static final String ISSUES = "insight_issues";

	private final MongoCollection<Document> tickets;

	private final MongoCollection<Document> days;

	private final MongoCollection<Document> issues;

	private final MongoCollection<Document> texts;

	/**
	 * What the tickets' customers wrote when they opened them (subject, the start of the
	 * body), for grouping similar tickets; {@code _id} the ticket id.
	 */
	public static final String TEXTS = "insight_texts";

	public FactStore(MongoDatabase database) {
		this.tickets = database.getCollection(TICKETS);
		this.days = database.getCollection(DAYS);
		this.issues = database.getCollection(ISSUES);
		this.texts = database.getCollection(TEXTS);
	}

	/**
	 * Applies the events to their sheets (one bulk write), then marks the days of the
	 * tickets they changed. A crash in between is harmless: the records are read again,
	 * their updates change nothing, and the days are marked then.
	 */
	public void apply(List<CloudEvent> events) {
		List<FactUpdate> updates = FactUpdates.of(events);
		if (updates.isEmpty()) {
			return;
		}
		List<WriteModel<Document>> ticketWrites = new ArrayList<>();
		List<WriteModel<Document>> issueWrites = new ArrayList<>();
		List<WriteModel<Document>> textWrites = new ArrayList<>();
		Set<String> ids = new LinkedHashSet<>();
		for (FactUpdate update : updates) {
			UpdateOneModel<Document> write = new UpdateOneModel<>(Filters.eq("_id", update.id()), update.update(),
					new UpdateOptions().upsert(true));
			if (update.subject() == FactUpdates.Subject.ISSUE) {
				issueWrites.add(write);
			}
			else if (update.subject() == FactUpdates.Subject.TEXT) {
				textWrites.add(write);
			}
			else {
				ticketWrites.add(write);
				ids.add(update.id());
			}
		}
		if (!issueWrites.isEmpty()) {
			this.issues.bulkWrite(issueWrites, new BulkWriteOptions().ordered(true));
		}
		if (!textWrites.isEmpty()) {
			this.texts.bulkWrite(textWrites, new BulkWriteOptions().ordered(true));
		}
		if (ticketWrites.isEmpty()) {
			return;
		}
		this.tickets.bulkWrite(ticketWrites, new BulkWriteOptions().ordered(true));
		Map<String, List<String>> byDay = new TreeMap<>();
		Map<String, List<String>> byIssue = new TreeMap<>();
		for (Document ticket : this.tickets.find(Filters.in("_id", ids))
			.projection(Projections.include("day", "issues"))) {
			String day = ticket.getString("day");
			if (day != null) {
				byDay.computeIfAbsent(day, (d) -> new ArrayList<>()).add(ticket.getString("_id"));
			}
			Document linked = ticket.get("issues", Document.class);
			if (linked != null) {
				for (Object link : linked.values()) {
					byIssue.computeIfAbsent(((Document) link).getString("key"), (k) -> new ArrayList<>())
						.add(ticket.getString("_id"));
				}
			}
		}
		byDay.forEach((day, changed) -> this.days.updateOne(Filters.eq("_id", day),
				Updates.combine(Updates.addEachToSet("tickets", changed), Updates.inc("v", 1L)),
				new UpdateOptions().upsert(true)));
		byIssue.forEach((issue, changed) -> this.issues.updateOne(Filters.eq("_id", issue),
				Updates.combine(Updates.addEachToSet("tickets", changed), Updates.inc("v", 1L)),
				new UpdateOptions().upsert(true)));
	}

	/** The sheets of these tickets. */
	public List<Document> tickets(List<String> ids) {
		List<Document> found = new ArrayList<>(ids.size());
		for (int from = 0; from < ids.size(); from += 1000) {
			this.tickets.find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + 1000)))).into(found);
		}
		return found;
	}

	MongoCollection<Document> days() {
		return this.days;
	}

	/** The days whose tickets changed since they were last added up: day, version. */
	public Map<String, Long> dirtyDays() {
		Map<String, Long> dirty = new TreeMap<>();
		for (Document day : this.days.find().projection(Projections.include("v", "done"))) {
			long v = day.get("v", Number.class).longValue();
			Number done = day.get("done", Number.class);
			if (done == null || done.longValue() < v) {
				dirty.put(day.getString("_id"), v);
			}
		}
		return dirty;
	}

	/** What the customers of these tickets wrote when they opened them. */
	public List<Document> texts(List<String> ids) {
		List<Document> found = new ArrayList<>(ids.size());
		for (int from = 0; from < ids.size(); from += 1000) {
			this.texts.find(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + 1000)))).into(found);
		}
		return found;
	}

	/**
	 * The opening days before {@code day} whose tickets may hold messages not yet
	 * forgotten (changed since their messages were last forgotten): day, version.
	 */
	public Map<String, Long> daysWithMessagesBefore(String day) {
		Map<String, Long> found = new TreeMap<>();
		for (Document d : this.days.find(Filters.lt("_id", day)).projection(Projections.include("v", "messagesAt"))) {
			long v = d.get("v", Number.class).longValue();
			Number forgotten = d.get("messagesAt", Number.class);
			if (forgotten == null || forgotten.longValue() < v) {
				found.put(d.getString("_id"), v);
			}
		}
		return found;
	}

	/**
	 * Replaces the text of each of the ticket's messages by its tags ({@code sentiment},
	 * {@code score}, {@code topics}): message id, tags.
	 */
	public void forgetMessages(String ticketId, Map<String, Document> tagsByMessage) {
		if (tagsByMessage.isEmpty()) {
			return;
		}
		List<Bson> updates = new ArrayList<>();
		tagsByMessage.forEach((message, tags) -> {
			updates.add(Updates.unset("messages." + message + ".text"));
			tags.forEach((field, value) -> updates.add(Updates.set("messages." + message + "." + field, value)));
		});
		this.tickets.updateOne(Filters.eq("_id", ticketId), Updates.combine(updates));
	}

	/** The day's messages were forgotten as of version {@code v}. */
	public void messagesForgotten(String day, long v) {
		this.days.updateOne(Filters.eq("_id", day), Updates.max("messagesAt", v));
	}

	/** Forgets the texts of tickets opened before {@code before}; how many. */
	public long forgetTextsBefore(java.time.Instant before) {
		return this.texts.deleteMany(Filters.lt("openedAt", java.util.Date.from(before))).getDeletedCount();
	}

	/** The issues that changed since their summary was last made: key, version. */
	public Map<String, Long> dirtyIssues() {
		Map<String, Long> dirty = new TreeMap<>();
		for (Document issue : this.issues.find().projection(Projections.include("v", "done"))) {
			long v = issue.get("v", Number.class).longValue();
			Number done = issue.get("done", Number.class);
			if (done == null || done.longValue() < v) {
				dirty.put(issue.getString("_id"), v);
			}
		}
		return dirty;
	}

	/** An issue's sheet: title, states, linked tickets; null when unknown. */
	public Document issue(String key) {
		return this.issues.find(Filters.eq("_id", key)).first();
	}

	/** The issue's summary was made as of version {@code v}. */
	public void markIssueDone(String key, long v) {
		this.issues.updateOne(Filters.eq("_id", key), Updates.max("done", v));
	}

	/** The tickets opened that day. */
	public List<String> ticketsOf(String day) {
		Document found = this.days.find(Filters.eq("_id", day)).first();
		return (found != null) ? found.getList("tickets", String.class, List.of()) : List.of();
	}

	/** The day was added up as of version {@code v}. */
	public void markDone(String day, long v) {
		this.days.updateOne(Filters.eq("_id", day), Updates.max("done", v));
	}

	/** Every day is to be added up again (after a change of how totals are made). */
	public long markAllChanged() {
		this.issues.updateMany(new Document(), Updates.inc("v", 1L));
		return this.days.updateMany(new Document(), Updates.inc("v", 1L)).getModifiedCount();
	}

	/**
	 * Forgets the sheets, the days' tickets and the issues' (before a replay of the
	 * topics). The versions go on counting up: every day is added up again (empty until
	 * its tickets are read again), and no total of an earlier version can overwrite a
	 * later one.
	 */
	public void clear() {
		this.tickets.deleteMany(new Document());
		this.texts.deleteMany(new Document());
		this.days.updateMany(new Document(), Updates.combine(Updates.set("tickets", List.of()), Updates.inc("v", 1L)));
		this.issues.updateMany(new Document(), Updates.combine(Updates.set("tickets", List.of()),
				Updates.unset("states"), Updates.unset("title"), Updates.inc("v", 1L)));
	}

}
