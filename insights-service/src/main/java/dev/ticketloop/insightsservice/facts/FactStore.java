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

	private final MongoCollection<Document> tickets;

	private final MongoCollection<Document> days;

	public FactStore(MongoDatabase database) {
		this.tickets = database.getCollection(TICKETS);
		this.days = database.getCollection(DAYS);
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
		List<WriteModel<Document>> writes = new ArrayList<>();
		Set<String> ids = new LinkedHashSet<>();
		for (FactUpdate update : updates) {
			writes.add(new UpdateOneModel<>(Filters.eq("_id", update.ticketId()), update.update(),
					new UpdateOptions().upsert(true)));
			ids.add(update.ticketId());
		}
		this.tickets.bulkWrite(writes, new BulkWriteOptions().ordered(true));
		Map<String, List<String>> byDay = new TreeMap<>();
		for (Document ticket : this.tickets.find(Filters.in("_id", ids)).projection(Projections.include("day"))) {
			String day = ticket.getString("day");
			if (day != null) {
				byDay.computeIfAbsent(day, (d) -> new ArrayList<>()).add(ticket.getString("_id"));
			}
		}
		byDay.forEach((day, changed) -> this.days.updateOne(Filters.eq("_id", day),
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
		return this.days.updateMany(new Document(), Updates.inc("v", 1L)).getModifiedCount();
	}

	/**
	 * Forgets the sheets and the days' tickets (before a replay of the topics). The days'
	 * versions go on counting up: every day is added up again (empty until its tickets
	 * are read again), and no total of an earlier version can overwrite a later one.
	 */
	public void clear() {
		this.tickets.deleteMany(new Document());
		this.days.updateMany(new Document(),
				Updates.combine(Updates.set("tickets", java.util.List.of()), Updates.inc("v", 1L)));
	}

}
