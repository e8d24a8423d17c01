package dev.ticketloop.insightsservice.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;

/**
 * Counters by name, as a day's tickets add up and as days add up into a period: the
 * pre-aggregated read model every report reads. A name is made of parts joined by
 * {@code |} (a value's own {@code |} becomes {@code /}), e.g.
 * {@code f|channel|email|escalated}. Adding is the only operation, so the totals of a
 * period are the sum of its days' totals.
 */
public final class Totals {

	// a hash map: adding up a year of documents merges hundreds of thousands of names,
	// whose long common prefixes made a sorted map's comparisons the cost of a report
	private final java.util.HashMap<String, Long> counts = new java.util.HashMap<>();

	public void add(long n, String... parts) {
		if (n != 0) {
			this.counts.merge(name(parts), n, Long::sum);
		}
	}

	/** Adds to a counter by its whole name, as {@link #forEach} gives it. */
	void addNamed(String name, long n) {
		if (n != 0) {
			this.counts.merge(name, n, Long::sum);
		}
	}

	public long get(String... parts) {
		return this.counts.getOrDefault(name(parts), 0L);
	}

	public void addAll(Totals other) {
		other.counts.forEach((name, n) -> this.counts.merge(name, n, Long::sum));
	}

	/** The counters whose name starts with these parts: the rest of the name, count. */
	public Map<String, Long> under(String... parts) {
		String prefix = name(parts) + "|";
		Map<String, Long> found = new TreeMap<>();
		this.counts.forEach((name, n) -> {
			if (name.startsWith(prefix)) {
				found.put(name.substring(prefix.length()), n);
			}
		});
		return found;
	}

	/** Every counter: name, count. */
	public void forEach(java.util.function.BiConsumer<String, Long> action) {
		this.counts.forEach(action);
	}

	public boolean isEmpty() {
		return this.counts.isEmpty();
	}

	public static String name(String... parts) {
		StringBuilder name = new StringBuilder();
		for (String part : parts) {
			if (!name.isEmpty()) {
				name.append('|');
			}
			name.append(part.replace('|', '/'));
		}
		return name.toString();
	}

	/** As stored: two lists of the same length (names may hold any character). */
	public Document toDocument() {
		TreeMap<String, Long> sorted = new TreeMap<>(this.counts);
		return new Document("names", new ArrayList<>(sorted.keySet())).append("counts",
				new ArrayList<>(sorted.values()));
	}

	public static Totals fromDocument(Document document) {
		Totals totals = new Totals();
		List<String> names = document.getList("names", String.class, List.of());
		List<Number> counts = document.getList("counts", Number.class, List.of());
		for (int i = 0; i < names.size(); i++) {
			totals.counts.merge(names.get(i), counts.get(i).longValue(), Long::sum);
		}
		return totals;
	}

}
