package dev.ticketloop.insightsservice.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

/** The reports, read from the totals of a period. */
@Component
public class Reports {

	private final TotalsStore totals;

	public Reports(TotalsStore totals) {
		this.totals = totals;
	}

	/** A step of the funnel for one value of the dimension. */
	public record Step(String step, long reached, double shareOfOpened, long leftHere, double shareLeftHere) {
	}

	/** The funnel of the tickets with one value of the dimension. */
	public record FunnelRow(String value, long opened, long resolved, long resolvedWithSingleReply,
			Double singleReplyRate, List<Step> steps) {
	}

	public record Funnel(LocalDate from, LocalDate to, String by, List<FunnelRow> rows) {
	}

	/** SLA attainment of one target, policy and team. */
	public record SlaRow(String target, String policy, String team, long metWithin, long metLate, long breachedNotMet,
			Double attainment, Long medianWorkingSeconds, Long p90WorkingSeconds) {
	}

	public record Sla(LocalDate from, LocalDate to, List<SlaRow> rows) {
	}

	/** The ratings of one cell: a category and a channel (or platform). */
	public record CsatCell(String category, String value, long count, double mean, double satisfiedShare,
			double unsatisfiedShare) {
	}

	public record Csat(LocalDate from, LocalDate to, String by, List<CsatCell> cells) {
	}

	public Funnel funnel(LocalDate from, LocalDate to, Dimension by) {
		Totals period = this.totals.period(from, to, "f|" + by.wireName());
		Map<String, Long> values = period.under("f", by.wireName());
		TreeSet<String> names = new TreeSet<>();
		values.keySet().forEach((name) -> names.add(name.substring(0, name.indexOf('|'))));
		List<FunnelRow> rows = new ArrayList<>();
		for (String value : names) {
			String d = by.wireName();
			long opened = period.get("f", d, value, FunnelStep.OPENED.wireName());
			long resolved = period.get("f", d, value, "resolved");
			long single = period.get("f", d, value, FunnelStep.RESOLVED_WITH_SINGLE_REPLY.wireName());
			List<Step> steps = new ArrayList<>();
			for (FunnelStep step : FunnelStep.values()) {
				long reached = period.get("f", d, value, step.wireName());
				long left = period.get("f", d, value, step.wireName(), "left");
				steps.add(new Step(step.wireName(), reached, share(reached, opened), left, share(left, reached)));
			}
			rows.add(new FunnelRow(value, opened, resolved, single, (resolved > 0) ? share(single, resolved) : null,
					steps));
		}
		rows.sort(Comparator.comparingLong(FunnelRow::opened).reversed().thenComparing(FunnelRow::value));
		return new Funnel(from, to, by.wireName(), rows);
	}

	public Sla sla(LocalDate from, LocalDate to) {
		Totals period = this.totals.period(from, to, "s");
		Map<String, Map<String, Long>> cells = new TreeMap<>();
		period.under("s").forEach((rest, n) -> {
			int end = rest.lastIndexOf('|');
			cells.computeIfAbsent(rest.substring(0, end), (c) -> new TreeMap<>()).put(rest.substring(end + 1), n);
		});
		Map<String, long[]> histograms = period.histogramsUnder("s");
		List<SlaRow> rows = new ArrayList<>();
		cells.forEach((cell, figures) -> {
			String[] parts = cell.split("\\|");
			long within = figures.getOrDefault("within", 0L);
			long late = figures.getOrDefault("late", 0L);
			long breached = figures.getOrDefault("breached-unmet", 0L);
			long[] bins = histograms.getOrDefault(cell, new long[0]);
			long all = within + late + breached;
			rows.add(new SlaRow(parts[0], parts[1], parts[2], within, late, breached,
					(all > 0) ? share(within, all) : null, WorkingTimeBins.percentile(bins, 0.5),
					WorkingTimeBins.percentile(bins, 0.9)));
		});
		return new Sla(from, to, rows);
	}

	/** {@code by}: {@code channel} or {@code platform}. */
	public Csat csat(LocalDate from, LocalDate to, Dimension by) {
		Totals period = this.totals.period(from, to, "c|category-" + by.wireName());
		Map<String, long[]> cells = new TreeMap<>();
		period.under("c", "category-" + by.wireName()).forEach((rest, n) -> {
			int last = rest.lastIndexOf('|');
			int score = Integer.parseInt(rest.substring(last + 1));
			cells.computeIfAbsent(rest.substring(0, last), (c) -> new long[6])[score] += n;
		});
		List<CsatCell> result = new ArrayList<>();
		cells.forEach((cell, scores) -> {
			long count = 0;
			long sum = 0;
			for (int score = 1; score <= 5; score++) {
				count += scores[score];
				sum += (long) score * scores[score];
			}
			int bar = cell.indexOf('|');
			result.add(new CsatCell(cell.substring(0, bar), cell.substring(bar + 1), count, share(sum, count),
					share(scores[4] + scores[5], count), share(scores[1] + scores[2], count)));
		});
		return new Csat(from, to, by.wireName(), result);
	}

	private static double share(long part, long whole) {
		return (whole == 0) ? 0.0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
	}

}
