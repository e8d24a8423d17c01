package dev.ticketloop.deploy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.ticketloop.testsupport.LoopFigures;
import tools.jackson.databind.JsonNode;

/**
 * The reports of insights-service and {@link LoopFigures}' figures in one comparable
 * shape (text, zeros left out), for the tests that hold one against the other through the
 * real services: {@link LoopNumbersExactnessTests} and the chaos suite.
 */
public final class LoopReports {

	private LoopReports() {
	}

	/** The sum over every value of a funnel step's reached and left-here counts. */
	public static long[] sum(Map<String, Map<String, long[]>> funnel, String step) {
		long[] sum = new long[2];
		funnel.values().forEach((steps) -> {
			long[] f = steps.getOrDefault(step, new long[2]);
			sum[0] += f[0];
			sum[1] += f[1];
		});
		return sum;
	}

	/** value → step → "reached/left", the steps with neither left out. */
	public static Map<String, Map<String, String>> shown(Map<String, Map<String, long[]>> funnel) {
		Map<String, Map<String, String>> rows = new TreeMap<>();
		funnel.forEach((value, steps) -> rows.put(value, shownCells(steps)));
		return rows;
	}

	public static Map<String, String> shownCells(Map<String, long[]> cells) {
		Map<String, String> shown = new TreeMap<>();
		cells.forEach((cell, figures) -> {
			if (java.util.Arrays.stream(figures).anyMatch((n) -> n != 0)) {
				shown.put(cell, java.util.Arrays.toString(figures));
			}
		});
		return shown;
	}

	public static Map<String, Map<String, String>> funnel(JsonNode report) {
		Map<String, Map<String, long[]>> rows = new TreeMap<>();
		for (JsonNode row : report.get("rows")) {
			Map<String, long[]> steps = new TreeMap<>();
			for (JsonNode step : row.get("steps")) {
				steps.put(step.get("step").asString(),
						new long[] { step.get("reached").asLong(), step.get("leftHere").asLong() });
			}
			steps.put("resolved", new long[] { row.get("resolved").asLong(), 0 });
			rows.put(row.get("value").asString(), steps);
		}
		return shown(rows);
	}

	public static Map<String, String> sla(JsonNode report) {
		Map<String, long[]> cells = new TreeMap<>();
		for (JsonNode row : report.get("rows")) {
			cells.put(
					row.get("target").asString() + "|" + row.get("policy").asString() + "|"
							+ row.get("team").asString(),
					new long[] { row.get("metWithin").asLong(), row.get("metLate").asLong(),
							row.get("breachedNotMet").asLong() });
		}
		return shownCells(cells);
	}

	/** The report lists count, mean and shares: compared as those, to four places. */
	public static Map<String, String> csat(JsonNode report) {
		Map<String, String> cells = new TreeMap<>();
		for (JsonNode cell : report.get("cells")) {
			cells.put(cell.get("category").asString() + "|" + cell.get("value").asString(),
					cell.get("count").asLong() + " mean " + Math.round(cell.get("mean").asDouble() * 10_000) + " 4-5 "
							+ Math.round(cell.get("satisfiedShare").asDouble() * 10_000) + " 1-2 "
							+ Math.round(cell.get("unsatisfiedShare").asDouble() * 10_000));
		}
		return cells;
	}

	public static Map<String, String> csatFigures(Map<String, long[]> scores) {
		Map<String, String> cells = new TreeMap<>();
		scores.forEach((cell, s) -> {
			long count = s[1] + s[2] + s[3] + s[4] + s[5];
			long sum = s[1] + 2 * s[2] + 3 * s[3] + 4 * s[4] + 5 * s[5];
			cells.put(cell,
					count + " mean " + Math.round(sum * 10_000.0 / count) + " 4-5 "
							+ Math.round((s[4] + s[5]) * 10_000.0 / count) + " 1-2 "
							+ Math.round((s[1] + s[2]) * 10_000.0 / count));
		});
		return cells;
	}

	public static Map<String, Long> topQuestions(JsonNode report) {
		Map<String, Long> found = new TreeMap<>();
		found.put("tickets", report.get("tickets").asLong());
		report.get("categories")
			.forEach((q) -> found.put("category|" + q.get("value").asString(), q.get("tickets").asLong()));
		report.get("templates")
			.forEach((q) -> found.put("template|" + q.get("value").asString(), q.get("tickets").asLong()));
		report.get("knownIssues")
			.forEach((q) -> found.put("issue|" + q.get("value").asString(), q.get("tickets").asLong()));
		return found;
	}

	public static Map<String, String> issues(JsonNode report) {
		Map<String, String> found = new TreeMap<>();
		for (JsonNode row : report.get("rows")) {
			found.put(row.get("key").asString(),
					row.get("state").asString() + " linked " + row.get("linkedTickets").asLong() + " customers "
							+ row.get("distinctCustomers").asLong() + " open " + row.get("openTickets").asLong()
							+ " ratings " + row.get("ratings").asLong());
		}
		return found;
	}

	public static Map<String, String> issues(Map<String, LoopFigures.ExpectedIssue> expected) {
		Map<String, String> found = new TreeMap<>();
		expected.forEach((key, issue) -> {
			long ratings = 0;
			for (int s = 1; s <= 5; s++) {
				ratings += issue.scores()[s];
			}
			found.put(key, issue.state() + " linked " + issue.linked() + " customers " + issue.customers() + " open "
					+ issue.open() + " ratings " + ratings);
		});
		return found;
	}

	/** How a test reads one report: the path and query, the JSON answer. */
	@FunctionalInterface
	public interface Reader {

		JsonNode read(String path) throws Exception;

	}

	/**
	 * Every report of the period as {@link LoopFigures} computes it from the events: the
	 * funnel by channel, SLA attainment, satisfaction by platform, top questions and the
	 * report to engineering.
	 */
	public static Map<String, Object> expected(LoopFigures figures, String from, String to) {
		Map<String, Object> expected = new TreeMap<>();
		expected.put("funnel by channel", shown(figures.funnelByChannel(from, to)));
		expected.put("SLA attainment", shownCells(figures.sla(from, to, new TreeMap<>())));
		expected.put("satisfaction by platform", csatFigures(figures.csatByPlatform(from, to)));
		expected.put("top questions", figures.questions(from, to));
		expected.put("report to engineering", issues(figures.engineering()));
		return expected;
	}

	/** The same reports as insights-service shows them, read over {@code period}. */
	public static Map<String, Object> shown(Reader reports, String period) throws Exception {
		Map<String, Object> shown = new TreeMap<>();
		shown.put("funnel by channel", funnel(reports.read("/reports/funnel?" + period + "&by=channel")));
		shown.put("SLA attainment", sla(reports.read("/reports/sla?" + period)));
		shown.put("satisfaction by platform", csat(reports.read("/reports/csat?" + period + "&by=platform")));
		shown.put("top questions", topQuestions(reports.read("/reports/top-questions?" + period + "&limit=100")));
		shown.put("report to engineering", issues(reports.read("/reports/engineering?state=all&limit=500")));
		return shown;
	}

}
