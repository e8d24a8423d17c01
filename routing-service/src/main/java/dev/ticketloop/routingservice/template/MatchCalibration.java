package dev.ticketloop.routingservice.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a matcher's score is worth, per language, measured on the calibration half of the
 * labelled corpus ({@code matching/calibration.json}, {@code calibration-words.json} for
 * words alone, made by {@code KnownQuestionsCalibrationTests}): for each score seen
 * there, the precision of the automatic answers at that score or above, and the isotonic
 * estimate of the chance that an answer at that score is right (the confidence shown with
 * a suggestion). The threshold for a target precision is the lowest score whose answers
 * at or above it were at least that precise. A language the corpus does not cover has no
 * threshold: its tickets get suggestions, never automatic answers.
 */
public final class MatchCalibration {

	/**
	 * One score seen in calibration.
	 *
	 * @param precisionAtOrAbove the share of right answers among those scoring at least
	 * this
	 * @param confidence the isotonic chance that an answer at this score is right
	 * @param answersAtOrAbove how many answers scored at least this
	 */
	public record Point(double score, double precisionAtOrAbove, double confidence, int answersAtOrAbove) {
	}

	private final Map<String, List<Point>> byLanguage;

	public MatchCalibration(Map<String, List<Point>> byLanguage) {
		Map<String, List<Point>> sorted = new LinkedHashMap<>();
		byLanguage.forEach((language, points) -> sorted.put(language,
				points.stream().sorted(Comparator.comparingDouble(Point::score)).toList()));
		this.byLanguage = Map.copyOf(sorted);
	}

	/** The calibration shipped with the service for the default matching. */
	public static MatchCalibration shipped() {
		return shipped(TemplateSettings.Matching.WORDS_AND_MEANING);
	}

	/** The calibration shipped with the service for a way of matching. */
	public static MatchCalibration shipped(TemplateSettings.Matching matching) {
		try (InputStream in = MatchCalibration.class.getResourceAsStream("/" + matching.calibration())) {
			if (in == null) {
				return new MatchCalibration(Map.of());
			}
			JsonNode root = JsonMapper.builder().build().readTree(in);
			Map<String, List<Point>> byLanguage = new LinkedHashMap<>();
			for (var entry : root.get("languages").properties()) {
				List<Point> points = new ArrayList<>();
				for (JsonNode p : entry.getValue().get("points")) {
					points.add(
							new Point(p.get(0).asDouble(), p.get(1).asDouble(), p.get(2).asDouble(), p.get(3).asInt()));
				}
				byLanguage.put(entry.getKey(), points);
			}
			return new MatchCalibration(byLanguage);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Calibrates from labelled answers: each a score and whether the template at that
	 * score was the right one.
	 */
	public static List<Point> calibrate(List<Map.Entry<Double, Boolean>> answers) {
		List<Map.Entry<Double, Boolean>> ascending = new ArrayList<>(answers);
		ascending.sort(Map.Entry.comparingByKey());
		// isotonic regression (pool adjacent violators) of rightness on score
		int n = ascending.size();
		double[] value = new double[n];
		int[] weight = new int[n];
		int[] end = new int[n];
		int blocks = 0;
		for (int i = 0; i < n; i++) {
			value[blocks] = ascending.get(i).getValue() ? 1 : 0;
			weight[blocks] = 1;
			end[blocks] = i;
			blocks++;
			while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
				double merged = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1])
						/ (weight[blocks - 2] + weight[blocks - 1]);
				weight[blocks - 2] += weight[blocks - 1];
				value[blocks - 2] = merged;
				end[blocks - 2] = end[blocks - 1];
				blocks--;
			}
		}
		double[] confidence = new double[n];
		int start = 0;
		for (int b = 0; b < blocks; b++) {
			for (int i = start; i <= end[b]; i++) {
				confidence[i] = value[b];
			}
			start = end[b] + 1;
		}
		List<Point> points = new ArrayList<>();
		int right = 0;
		for (int i = n - 1; i >= 0; i--) {
			right += ascending.get(i).getValue() ? 1 : 0;
			double score = ascending.get(i).getKey();
			if (i > 0 && ascending.get(i - 1).getKey() == score) {
				continue; // the lowest of equal scores counts them all
			}
			points.add(new Point(score, round((double) right / (n - i)), round(confidence[i]), n - i));
		}
		points.sort(Comparator.comparingDouble(Point::score));
		return points;
	}

	private static double round(double value) {
		return Math.round(value * 10000) / 10000.0;
	}

	/**
	 * The lowest score such that the answers at or above it, and at or above every higher
	 * score, were at least {@code target} precise; empty when none was, or the language
	 * was not calibrated.
	 */
	public OptionalDouble threshold(String language, double target) {
		List<Point> points = this.byLanguage.get(language);
		if (points == null) {
			return OptionalDouble.empty();
		}
		// from the top down, as long as every higher threshold kept the target too: one
		// wrong answer high up is not averaged away by many right ones below it
		OptionalDouble threshold = OptionalDouble.empty();
		for (int i = points.size() - 1; i >= 0 && points.get(i).precisionAtOrAbove() >= target; i--) {
			threshold = OptionalDouble.of(points.get(i).score());
		}
		return threshold;
	}

	/**
	 * The chance that an answer at this score is right; 0 for an uncalibrated language.
	 */
	public double confidence(String language, double score) {
		double confidence = 0;
		for (Point p : this.byLanguage.getOrDefault(language, List.of())) {
			if (p.score() > score) {
				break;
			}
			confidence = p.confidence();
		}
		return confidence;
	}

	public Map<String, List<Point>> points() {
		return this.byLanguage;
	}

}
