package dev.ticketloop.deploy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures of one benchmark run: printed as a table (figure, value, baseline measured
 * in the same run, ratio, goal) and written as JSON so that runs can be compared.
 */
final class Report {

	private final List<Figure> figures = new ArrayList<>();

	private final Map<String, Object> run = new LinkedHashMap<>();

	Report(String scale) {
		this.run.put("startedAt", Instant.now().toString());
		this.run.put("scale", scale);
		this.run.put("machine",
				Map.of("cores", Runtime.getRuntime().availableProcessors(), "maxHeapMiB",
						Runtime.getRuntime().maxMemory() >> 20, "java", System.getProperty("java.version"), "os",
						System.getProperty("os.name") + " " + System.getProperty("os.arch")));
	}

	void add(Figure figure) {
		this.figures.add(figure);
		System.out.println(
				"  " + figure.scenario() + ": " + figure.name() + " = " + format(figure.value()) + " " + figure.unit());
	}

	void notRun(String scenario, String name, String goal, String why) {
		add(new Figure(scenario, name, Double.NaN, "", null, Double.NaN, null, goal, "not run: " + why));
	}

	List<Figure> figures() {
		return List.copyOf(this.figures);
	}

	/** A figure with a value, if this run measured it. */
	java.util.Optional<Figure> measured(String scenario, String name) {
		return this.figures.stream()
			.filter((f) -> f.scenario().equals(scenario) && f.name().equals(name) && !Double.isNaN(f.value()))
			.findFirst();
	}

	Figure figure(String scenario, String name) {
		return this.figures.stream()
			.filter((f) -> f.scenario().equals(scenario) && f.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No figure " + scenario + " / " + name));
	}

	String table() {
		StringBuilder table = new StringBuilder(
				"| scenario | figure | value | baseline (same run) | ratio | goal | note |\n|---|---|---:|---|---:|---|---|\n");
		for (Figure f : this.figures) {
			String baseline = (f.baselineName() != null)
					? f.baselineName() + ": " + format(f.baselineValue()) + " " + f.baselineUnit() : "";
			String ratio = (f.baselineName() != null && !Double.isNaN(f.value()) && f.baselineValue() > 0)
					? String.format(Locale.ROOT, "%.2f", f.value() / f.baselineValue()) : "";
			String value = Double.isNaN(f.value()) ? "-" : format(f.value()) + " " + f.unit();
			table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", f.scenario(), f.name(),
					value, baseline, ratio, (f.goal() != null) ? f.goal() : "", (f.note() != null) ? f.note() : ""));
		}
		return table.toString();
	}

	Path writeJson(Path directory) throws IOException {
		Files.createDirectories(directory);
		Map<String, Object> document = new LinkedHashMap<>(this.run);
		document.put("finishedAt", Instant.now().toString());
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Figure f : this.figures) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("scenario", f.scenario());
			row.put("figure", f.name());
			row.put("value", Double.isNaN(f.value()) ? null : f.value());
			row.put("unit", f.unit());
			row.put("baseline", f.baselineName());
			row.put("baselineValue", Double.isNaN(f.baselineValue()) ? null : f.baselineValue());
			row.put("baselineUnit", f.baselineUnit());
			row.put("goal", f.goal());
			row.put("note", f.note());
			rows.add(row);
		}
		document.put("figures", rows);
		Path file = directory.resolve("benchmark-" + this.run.get("startedAt").toString().replace(':', '-') + ".json");
		JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(file.toFile(), document);
		return file;
	}

	static String format(double value) {
		if (Double.isNaN(value)) {
			return "-";
		}
		if (Math.abs(value) >= 100 || value == Math.rint(value)) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

	/**
	 * One measured figure.
	 *
	 * @param baselineName what it is compared with, measured in the same run (or null)
	 * @param goal the goal as stated in the issue (or null)
	 * @param note met / missed / not run, and why
	 */
	record Figure(String scenario, String name, double value, String unit, String baselineName, double baselineValue,
			String baselineUnit, String goal, String note) {

		static Figure of(String scenario, String name, double value, String unit) {
			return new Figure(scenario, name, value, unit, null, Double.NaN, null, null, null);
		}

		/** Compared with a baseline measured in the same run, if it was. */
		Figure against(java.util.Optional<Figure> baseline) {
			return baseline.map(this::against).orElse(this);
		}

		/** Compared with a baseline measured in the same run. */
		Figure against(Figure baseline) {
			return new Figure(this.scenario, this.name, this.value, this.unit, baseline.name(), baseline.value(),
					baseline.unit(), this.goal, this.note);
		}

		/** Goal "at least" (rates) or "at most" (times). */
		Figure goal(String goal, double limit, boolean atLeast) {
			boolean met = atLeast ? this.value >= limit : this.value <= limit;
			return new Figure(this.scenario, this.name, this.value, this.unit, this.baselineName, this.baselineValue,
					this.baselineUnit, goal, met ? "met" : "MISSED");
		}

		Figure note(String note) {
			return new Figure(this.scenario, this.name, this.value, this.unit, this.baselineName, this.baselineValue,
					this.baselineUnit, this.goal, (this.note != null) ? this.note + "; " + note : note);
		}

	}

}
