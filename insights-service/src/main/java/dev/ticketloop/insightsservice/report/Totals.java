package dev.ticketloop.insightsservice.report;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import org.bson.Document;
import org.bson.types.Binary;

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
	private final HashMap<String, Long> counts = new HashMap<>();

	// working-time histograms by cell: counts by bin, added up bin by bin and stored as
	// one packed binary each (a counter per bin made the SLA section the largest to read)
	private final HashMap<String, long[]> histograms = new HashMap<>();

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

	/** Counts one more time in bin {@code bin} of the cell's histogram. */
	public void addToHistogram(int bin, String... cell) {
		long[] bins = this.histograms.computeIfAbsent(name(cell), (name) -> new long[bin + 1]);
		if (bins.length <= bin) {
			bins = Arrays.copyOf(bins, bin + 1);
			this.histograms.put(name(cell), bins);
		}
		bins[bin]++;
	}

	private void addHistogram(String name, long[] bins) {
		this.histograms.merge(name, bins.clone(), (mine, theirs) -> {
			long[] sum = (mine.length >= theirs.length) ? mine : Arrays.copyOf(mine, theirs.length);
			for (int bin = 0; bin < theirs.length; bin++) {
				sum[bin] += theirs[bin];
			}
			return sum;
		});
	}

	/**
	 * The histograms whose cell name starts with these parts: the rest of the name, the
	 * counts by bin.
	 */
	public Map<String, long[]> histogramsUnder(String... parts) {
		String prefix = name(parts) + "|";
		Map<String, long[]> found = new TreeMap<>();
		this.histograms.forEach((name, bins) -> {
			if (name.startsWith(prefix)) {
				found.put(name.substring(prefix.length()), bins);
			}
		});
		return found;
	}

	public long get(String... parts) {
		return this.counts.getOrDefault(name(parts), 0L);
	}

	public void addAll(Totals other) {
		other.counts.forEach((name, n) -> this.counts.merge(name, n, Long::sum));
		other.histograms.forEach(this::addHistogram);
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
	public void forEach(BiConsumer<String, Long> action) {
		this.counts.forEach(action);
	}

	/** Every histogram: cell name, counts by bin. */
	void forEachHistogram(BiConsumer<String, long[]> action) {
		this.histograms.forEach(action);
	}

	/** Adds a histogram by its whole cell name, as {@link #forEachHistogram} gives it. */
	void addNamedHistogram(String name, long[] bins) {
		addHistogram(name, bins);
	}

	public boolean isEmpty() {
		return this.counts.isEmpty() && this.histograms.isEmpty();
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

	/**
	 * As stored: two lists of the same length (names may hold any character), and the
	 * histograms as two more, each histogram packed into one binary.
	 */
	public Document toDocument() {
		TreeMap<String, Long> sorted = new TreeMap<>(this.counts);
		TreeMap<String, long[]> histograms = new TreeMap<>(this.histograms);
		return new Document("names", new ArrayList<>(sorted.keySet()))
			.append("counts", new ArrayList<>(sorted.values()))
			.append("histogramNames", new ArrayList<>(histograms.keySet()))
			.append("histograms", histograms.values().stream().map((bins) -> new Binary(pack(bins))).toList());
	}

	/**
	 * The bins that are not empty as pairs of unsigned varints: the distance from the
	 * previous such bin (plus one), the count.
	 */
	static byte[] pack(long[] bins) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int previous = -1;
		for (int bin = 0; bin < bins.length; bin++) {
			if (bins[bin] != 0) {
				varint(out, bin - previous);
				varint(out, bins[bin]);
				previous = bin;
			}
		}
		return out.toByteArray();
	}

	static long[] unpack(byte[] packed) {
		long[] bins = new long[64];
		int[] at = { 0 };
		int bin = -1;
		while (at[0] < packed.length) {
			bin += (int) readVarint(packed, at);
			long n = readVarint(packed, at);
			if (bin >= bins.length) {
				bins = Arrays.copyOf(bins, Math.max(bin + 1, bins.length * 2));
			}
			bins[bin] = n;
		}
		return Arrays.copyOf(bins, bin + 1);
	}

	private static void varint(ByteArrayOutputStream out, long value) {
		long rest = value;
		while ((rest & ~0x7FL) != 0) {
			out.write((int) ((rest & 0x7F) | 0x80));
			rest >>>= 7;
		}
		out.write((int) rest);
	}

	private static long readVarint(byte[] packed, int[] at) {
		long value = 0;
		int shift = 0;
		while (true) {
			byte b = packed[at[0]++];
			value |= (long) (b & 0x7F) << shift;
			if ((b & 0x80) == 0) {
				return value;
			}
			shift += 7;
		}
	}

	public static Totals fromDocument(Document document) {
		Totals totals = new Totals();
		List<String> names = document.getList("names", String.class, List.of());
		List<Number> counts = document.getList("counts", Number.class, List.of());
		for (int i = 0; i < names.size(); i++) {
			totals.counts.merge(names.get(i), counts.get(i).longValue(), Long::sum);
		}
		List<String> histogramNames = document.getList("histogramNames", String.class, List.of());
		List<Binary> histograms = document.getList("histograms", Binary.class, List.of());
		for (int i = 0; i < histogramNames.size(); i++) {
			totals.addHistogram(histogramNames.get(i), unpack(histograms.get(i).getData()));
		}
		return totals;
	}

}
