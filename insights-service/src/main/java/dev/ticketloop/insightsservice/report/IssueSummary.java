package dev.ticketloop.insightsservice.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.ticketloop.contracts.ticket.CsatScore;
import org.bson.Document;

/**
 * What support knows about one engineering issue, from its sheet and its linked tickets'
 * sheets: where it stands and whom it hurts.
 *
 * @param state its latest state: reported, confirmed, fix-scheduled, released or declined
 * @param version the version the fix is scheduled for or shipped in, if any
 * @param linkedTickets tickets linked to it
 * @param distinctCustomers distinct customers among them (as their channels know them)
 * @param openTickets linked tickets neither resolved nor closed
 * @param linkedByDay linked tickets by the UTC day they were linked
 * @param ratingsByScore the latest rating of each rated linked ticket, counted by score
 * (index 1 to 5)
 * @param categories linked tickets by category
 * @param platforms linked tickets by platform
 */
public record IssueSummary(String key, String title, String state, Instant stateSince, String version,
		Instant reportedAt, long linkedTickets, long distinctCustomers, long openTickets, Map<String, Long> linkedByDay,
		long[] ratingsByScore, Map<String, Long> categories, Map<String, Long> platforms) {

	/** An issue's states, in the order they can follow one another. */
	public static final List<String> STATES = List.of("reported", "confirmed", "fix-scheduled", "released", "declined");

	/** Of the issue's sheet and the sheets of the tickets it lists. */
	public static IssueSummary of(Document issue, List<TicketFact> tickets) {
		String key = issue.getString("_id");
		List<Document> states = new ArrayList<>();
		Document stateMap = issue.get("states", Document.class);
		if (stateMap != null) {
			stateMap.values().forEach((state) -> states.add((Document) state));
		}
		// by time; at the same time, the state further along counts as the later
		states.sort(Comparator.comparing((Document state) -> state.getDate("at"))
			.thenComparingInt((state) -> STATES.indexOf(state.getString("state"))));
		Document latest = states.isEmpty() ? null : states.get(states.size() - 1);
		String version = null;
		for (Document state : states) {
			if (state.getString("version") != null) {
				version = state.getString("version");
			}
		}
		Set<String> customers = new HashSet<>();
		long linked = 0;
		long open = 0;
		Map<String, Long> byDay = new TreeMap<>();
		long[] ratings = new long[CsatScore.MAX + 1];
		Map<String, Long> categories = new TreeMap<>();
		Map<String, Long> platforms = new TreeMap<>();
		for (TicketFact ticket : tickets) {
			Instant linkedAt = ticket.issues().get(key);
			if (linkedAt == null) {
				continue; // listed before a replay emptied the sheets, not linked again
							// yet
			}
			linked++;
			if (ticket.customerRef() != null) {
				customers.add(ticket.customerRef());
			}
			if (!ticket.resolved() && !ticket.closed()) {
				open++;
			}
			byDay.merge(linkedAt.toString().substring(0, 10), 1L, Long::sum);
			ticket.rating().ifPresent((rating) -> ratings[rating.score()]++);
			categories.merge(ticket.dimension(Dimension.CATEGORY), 1L, Long::sum);
			platforms.merge(ticket.dimension(Dimension.PLATFORM), 1L, Long::sum);
		}
		Date reportedAt = issue.getDate("reportedAt");
		return new IssueSummary(key, issue.getString("title"),
				(latest != null) ? latest.getString("state") : "reported",
				(latest != null) ? latest.getDate("at").toInstant() : null, version,
				(reportedAt != null) ? reportedAt.toInstant() : null, linked, customers.size(), open, byDay, ratings,
				categories, platforms);
	}

	/** Whether engineering still owes the customers something. */
	public boolean open() {
		return !"released".equals(this.state) && !"declined".equals(this.state);
	}

	public long ratings() {
		long count = 0;
		for (int score = CsatScore.MIN; score <= CsatScore.MAX; score++) {
			count += this.ratingsByScore[score];
		}
		return count;
	}

	public Document toDocument() {
		List<Long> scores = new ArrayList<>();
		for (long n : this.ratingsByScore) {
			scores.add(n);
		}
		return new Document("title", this.title).append("state", this.state)
			.append("stateSince", date(this.stateSince))
			.append("version", this.version)
			.append("reportedAt", date(this.reportedAt))
			.append("linkedTickets", this.linkedTickets)
			.append("distinctCustomers", this.distinctCustomers)
			.append("openTickets", this.openTickets)
			.append("linkedByDay", counts(this.linkedByDay))
			.append("ratingsByScore", scores)
			.append("categories", counts(this.categories))
			.append("platforms", counts(this.platforms));
	}

	public static IssueSummary fromDocument(Document document) {
		List<Number> scores = document.getList("ratingsByScore", Number.class, List.of());
		long[] ratings = new long[CsatScore.MAX + 1];
		for (int score = 0; score < Math.min(6, scores.size()); score++) {
			ratings[score] = scores.get(score).longValue();
		}
		return new IssueSummary(document.getString("_id"), document.getString("title"), document.getString("state"),
				instant(document.getDate("stateSince")), document.getString("version"),
				instant(document.getDate("reportedAt")), document.get("linkedTickets", Number.class).longValue(),
				document.get("distinctCustomers", Number.class).longValue(),
				document.get("openTickets", Number.class).longValue(), counts(document, "linkedByDay"), ratings,
				counts(document, "categories"), counts(document, "platforms"));
	}

	/** Counts by value as two lists (values may hold any character). */
	private static Document counts(Map<String, Long> counts) {
		return new Document("values", new ArrayList<>(counts.keySet())).append("counts",
				new ArrayList<>(counts.values()));
	}

	private static Map<String, Long> counts(Document document, String field) {
		Document counts = document.get(field, Document.class);
		Map<String, Long> found = new TreeMap<>();
		if (counts != null) {
			List<String> values = counts.getList("values", String.class, List.of());
			List<Number> ns = counts.getList("counts", Number.class, List.of());
			for (int i = 0; i < values.size(); i++) {
				found.put(values.get(i), ns.get(i).longValue());
			}
		}
		return found;
	}

	private static Date date(Instant instant) {
		return (instant != null) ? Date.from(instant) : null;
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
