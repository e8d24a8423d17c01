package dev.ticketloop.routingservice.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.ticketloop.routingservice.calendar.BusinessCalendar;
import dev.ticketloop.routingservice.sla.Priorities;
import dev.ticketloop.routingservice.sla.SlaPolicies;
import dev.ticketloop.routingservice.sla.SlaPolicy;
import dev.ticketloop.routingservice.sla.SlaTarget;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.stereotype.Component;

/**
 * Reads the queues: a team's open tickets ordered by urgency (breached first, then by the
 * time left until the nearest breach, then by priority and age), each in its colour band
 * by the share of working time left; and each agent's load.
 */
@Component
public class Queues {

	private final MongoCollection<Document> items;

	private final SlaPolicies policies;

	private final Clock clock;

	Queues(MongoDatabase database, SlaPolicies policies, Clock clock) {
		this.items = database.getCollection(QueueProjection.COLLECTION);
		this.policies = policies;
		this.clock = clock;
	}

	/** Which tickets: those waiting for an agent, those with one, or both. */
	public enum Status {

		WAITING, ASSIGNED, ALL

	}

	public List<QueueItem> queue(String team, Status status, int limit) {
		List<Bson> filters = new ArrayList<>(List.of(Filters.eq("team", team), Filters.eq("open", true)));
		if (status != Status.ALL) {
			filters.add(Filters.eq("status", status.name().toLowerCase(java.util.Locale.ROOT)));
		}
		Instant now = this.clock.instant();
		List<QueueItem> items = new ArrayList<>();
		for (Document d : this.items.find(Filters.and(filters))) {
			items.add(toItem(d, now));
		}
		items.sort(URGENCY);
		return (items.size() > limit) ? List.copyOf(items.subList(0, limit)) : items;
	}

	/** One ticket's queue entry, if routing knows it and it is open. */
	public java.util.Optional<QueueItem> item(String ticketId) {
		// by _id alone: the stand-in scans the collection for any other filter
		Document d = this.items.find(Filters.eq("_id", ticketId)).first();
		return java.util.Optional.ofNullable(d)
			.filter((doc) -> Boolean.TRUE.equals(doc.getBoolean("open")))
			.map((doc) -> toItem(doc, this.clock.instant()));
	}

	/** The trace the ticket was queued in (of its triage), if known. */
	public String traceparentOf(String ticketId) {
		Document d = this.items.find(Filters.eq("_id", ticketId)).projection(new Document("traceparent", 1)).first();
		return (d != null) ? d.getString("traceparent") : null;
	}

	/** Open tickets per team and band. */
	public Map<String, Map<String, Integer>> summary() {
		Instant now = this.clock.instant();
		Map<String, Map<String, Integer>> teams = new LinkedHashMap<>();
		for (Document d : this.items.find(Filters.eq("open", true))) {
			QueueItem item = toItem(d, now);
			teams.computeIfAbsent(String.valueOf(item.team()), (t) -> new LinkedHashMap<>())
				.merge(item.band(), 1, Integer::sum);
		}
		return teams;
	}

	/** Open tickets per agent: their load. */
	public Map<String, Integer> loadByAgent() {
		Map<String, Integer> load = new HashMap<>();
		for (Document d : this.items.find(Filters.and(Filters.eq("open", true), Filters.eq("status", "assigned")))
			.projection(Projections.include("assignee"))) {
			if (d.getString("assignee") != null) {
				load.merge(d.getString("assignee"), 1, Integer::sum);
			}
		}
		return load;
	}

	/** The open tickets an agent has. */
	public List<String> ticketsOf(String agent) {
		List<String> tickets = new ArrayList<>();
		for (Document d : this.items.find(Filters.and(Filters.eq("assignee", agent), Filters.eq("open", true)))
			.projection(Projections.include("_id"))) {
			tickets.add(d.getString("_id"));
		}
		return tickets;
	}

	/**
	 * Breached first, then the least time left, then the highest priority, then the
	 * oldest.
	 */
	static final Comparator<QueueItem> URGENCY = Comparator.comparing((QueueItem i) -> !i.band().equals("breached"))
		.thenComparing((QueueItem i) -> (i.breachAt() != null) ? i.breachAt() : Instant.MAX)
		.thenComparing((QueueItem i) -> -Priorities.ORDER.indexOf(i.priority()))
		.thenComparing((QueueItem i) -> (i.openedAt() != null) ? i.openedAt() : Instant.MAX)
		.thenComparing(QueueItem::ticketId);

	QueueItem toItem(Document d, Instant now) {
		List<Document> suggestions = d.getList("suggestions", Document.class, List.of());
		Instant breachAt = instant(d.getDate("breachAt"));
		String target = d.getString("urgentTarget");
		SlaPolicy policy = (d.getString("policy") != null) ? this.policies.named(d.getString("policy")).orElse(null)
				: null;
		boolean breached = !d.getList("breachedTargets", String.class, List.of()).isEmpty();
		long left = 0;
		double share = 1.0;
		String band;
		if (breachAt == null) {
			band = Boolean.TRUE.equals(d.getBoolean("paused")) ? "paused" : "no-target";
		}
		else {
			BusinessCalendar calendar = (policy != null) ? policy.calendar() : BusinessCalendar.always("always");
			Duration limit = (policy != null && target != null) ? policy.limit(SlaTarget.valueOf(target)) : null;
			left = breachAt.isAfter(now) ? calendar.between(now, breachAt).toSeconds()
					: -calendar.between(breachAt, now).toSeconds();
			share = (limit != null && limit.isPositive()) ? Math.max(0.0, (double) left / limit.toSeconds()) : 1.0;
			band = (left <= 0 || breached) ? "breached"
					: (share < 0.25) ? "critical" : (share < 0.5) ? "at-risk" : "on-track";
		}
		if (breached && breachAt == null) {
			band = "breached";
		}
		return new QueueItem(d.getString("_id"), d.getString("team"), d.getString("status"), d.getString("assignee"),
				d.getString("priority"), d.getString("policy"), d.getString("language"), d.getString("category"),
				d.getList("tags", String.class, List.of()), instant(d.getDate("openedAt")), breachAt, target, left,
				share, band, COLOURS.get(band),
				Boolean.TRUE.equals(d.getBoolean("paused")) ? d.getString("waitingFor") : null,
				bestSuggestion(suggestions), suggestions.size());
	}

	/**
	 * Known issues before templates, each best first (their scores are not on one scale).
	 */
	static final Comparator<Document> SUGGESTION_RANK = Comparator
		.comparing((Document s) -> !"known-issue".equals(s.getString("kind")))
		.thenComparing((a, b) -> Double.compare(score(b), score(a)));

	private static QueueItem.Suggestion bestSuggestion(List<Document> suggestions) {
		return suggestions.stream()
			.min(SUGGESTION_RANK)
			.map((s) -> new QueueItem.Suggestion(s.getString("kind"), s.getString("ref"), s.getString("title"),
					score(s)))
			.orElse(null);
	}

	private static double score(Document suggestion) {
		Number score = suggestion.get("score", Number.class);
		return (score != null) ? score.doubleValue() : 0.0;
	}

	private static final Map<String, String> COLOURS = Map.of("breached", "red", "critical", "orange", "at-risk",
			"yellow", "on-track", "green", "paused", "grey", "no-target", "grey");

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
