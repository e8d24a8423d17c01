package dev.ticketloop.insightsservice.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * Working times (seconds) counted in bins 1 % wide, so that the times of a period add up
 * by adding counters and its percentiles are read back within 1 %: bin 0 holds 0 s, bin
 * {@code b > 0} the times in [1.01^(b-1), 1.01^b). Why not HdrHistogram: a report adds up
 * hundreds of days times dozens of cells; sparse counters in the same totals as every
 * other figure add up for free, a serialized histogram per cell and day would be decoded
 * and merged each time (ADR 17).
 */
public final class WorkingTimeBins {

	private static final double GROWTH = 1.01;

	private static final double LOG_GROWTH = Math.log(GROWTH);

	private WorkingTimeBins() {
	}

	public static int bin(long seconds) {
		if (seconds <= 0) {
			return 0;
		}
		int bin = (int) Math.floor(Math.log(seconds) / LOG_GROWTH) + 1;
		// guard against rounding at the edges: 1.01^(bin-1) <= seconds < 1.01^bin
		while (Math.pow(GROWTH, bin) <= seconds) {
			bin++;
		}
		while (bin > 1 && Math.pow(GROWTH, bin - 1) > seconds) {
			bin--;
		}
		return bin;
	}

	/** The largest whole number of seconds the bin holds. */
	public static long upperBound(int bin) {
		if (bin == 0) {
			return 0;
		}
		double upper = Math.pow(GROWTH, bin);
		long whole = (long) Math.ceil(upper) - 1;
		return Math.max(whole, (long) Math.floor(Math.pow(GROWTH, bin - 1)));
	}

	/** As {@link #percentile(Map, double)}, of counts indexed by bin. */
	public static Long percentile(long[] bins, double q) {
		Map<Integer, Long> map = new TreeMap<>();
		for (int bin = 0; bin < bins.length; bin++) {
			if (bins[bin] != 0) {
				map.put(bin, bins[bin]);
			}
		}
		return percentile(map, q);
	}

	/**
	 * The nearest-rank percentile ({@code q} in (0, 1]) of the binned times, as the upper
	 * bound of its bin; null without times.
	 */
	public static Long percentile(Map<Integer, Long> bins, double q) {
		long total = bins.values().stream().mapToLong(Long::longValue).sum();
		if (total == 0) {
			return null;
		}
		long rank = Math.max(1, (long) Math.ceil(q * total));
		long seen = 0;
		for (Map.Entry<Integer, Long> bin : new TreeMap<>(bins).entrySet()) {
			seen += bin.getValue();
			if (seen >= rank) {
				return upperBound(bin.getKey());
			}
		}
		throw new IllegalStateException("unreachable");
	}

}
