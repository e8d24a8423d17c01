package dev.ticketloop.routingservice.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiFunction;

import dev.ticketloop.routingservice.classification.KnowledgeIndex;
import dev.ticketloop.testsupport.KnownQuestions.Ticket;
import dev.ticketloop.routingservice.template.MatchCalibration.Point;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matcher's calibration: what {@code matching/calibration.json} holds is what the
 * calibration half of the labelled corpus gives (regenerate it with
 * {@code -Dticketloop.calibrate=write}); and on the held-out half, in process, the
 * matcher ranks the right template first more often than plain word overlap. The figures
 * through the real services are {@code bin/benchmark}'s.
 */
@Tag("slow")
class KnownQuestionsCalibrationTests {

	private static final double TARGET = 0.95;

	private static final List<Ticket> TICKETS = KnownQuestionsCorpus.tickets();

	private static TemplateMatcher matcher;

	private static TemplateMatcher wordsAlone;

	private static AutoAnswerGuard guard;

	private static KnowledgeIndex words;

	@BeforeAll
	static void index() {
		List<LiveTemplate> templates = KnownQuestionsCorpus.templates();
		matcher = TemplateSettings.Matching.WORDS_AND_MEANING.matcher();
		matcher.accept(templates);
		wordsAlone = TemplateSettings.Matching.WORDS.matcher();
		wordsAlone.accept(templates);
		guard = new AutoAnswerGuard(matcher);
		words = new KnowledgeIndex();
		for (LiveTemplate t : templates) {
			t.content()
				.answers()
				.forEach((language, answer) -> words.put(new KnowledgeIndex.Entry("template", t.id() + "@" + language,
						t.content().title(),
						String.join("\n", t.content().questions().getOrDefault(language, List.of())) + "\n" + answer,
						true)));
		}
	}

	/**
	 * The best template for a ticket, as the matcher ranks it, unless the guards hold it
	 * back.
	 */
	record Answer(String templateId, double score) {
	}

	static Optional<Answer> ours(Ticket t, boolean guarded) {
		return best(matcher, t, guarded);
	}

	static Optional<Answer> words(Ticket t, boolean guarded) {
		return best(wordsAlone, t, guarded);
	}

	private static Optional<Answer> best(TemplateMatcher matcher, Ticket t, boolean guarded) {
		var ranked = matcher.rank(t.text(), t.language(), 1);
		if (ranked.isEmpty()) {
			return Optional.empty();
		}
		var best = ranked.get(0);
		if (guarded && guard.holdBack(t.subject(), t.body(), t.language(), best.template()).isPresent()) {
			return Optional.empty();
		}
		return Optional.of(new Answer(best.template().id(), best.score()));
	}

	static Optional<Answer> wordOverlap(Ticket t, boolean guarded) {
		return words.similarTo(t.text(), 0.0001, 20)
			.stream()
			.filter((m) -> m.entry().ref().endsWith("@" + t.language()))
			.findFirst()
			.filter((
					m) -> !guarded
							|| guard
								.holdBack(t.subject(), t.body(), t.language(),
										KnownQuestionsCorpus.templates()
											.stream()
											.filter((l) -> l.id()
												.equals(m.entry().ref().substring(0, m.entry().ref().indexOf('@'))))
											.findFirst()
											.orElseThrow())
								.isEmpty())
			.map((m) -> new Answer(m.entry().ref().substring(0, m.entry().ref().indexOf('@')), m.score()));
	}

	static MatchCalibration calibrate(BiFunction<Ticket, Boolean, Optional<Answer>> matcher, boolean guarded) {
		Map<String, List<Point>> byLanguage = new LinkedHashMap<>();
		for (String language : KnownQuestionsCorpus.LANGUAGES) {
			List<Map.Entry<Double, Boolean>> answers = new ArrayList<>();
			for (Ticket t : TICKETS) {
				if (t.calibration() && t.language().equals(language)) {
					matcher.apply(t, guarded)
						.ifPresent((a) -> answers.add(Map.entry(a.score(), a.templateId().equals(t.expected()))));
				}
			}
			byLanguage.put(language, MatchCalibration.calibrate(answers));
		}
		return new MatchCalibration(byLanguage);
	}

	/** Precision and coverage on the held-out half of one language. */
	record Figures(String language, int answerable, int answered, int answerableAnswered, int right,
			OptionalDouble threshold) {

		double precision() {
			return (this.answered == 0) ? 1 : (double) this.right / this.answered;
		}

		/**
		 * Answerable tickets answered automatically, rightly or not, of all answerable.
		 */
		double coverage() {
			return (double) this.answerableAnswered / this.answerable;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%s: threshold %s, answered %d, right %d, precision %.1f %%, "
							+ "coverage %.1f %% of %d answerable",
					this.language, this.threshold.isPresent()
							? String.format(Locale.ROOT, "%.3f", this.threshold.getAsDouble()) : "none",
					this.answered, this.right, 100 * precision(), 100 * coverage(), this.answerable);
		}

	}

	static Figures heldOut(String language, BiFunction<Ticket, Boolean, Optional<Answer>> matcher, boolean guarded,
			MatchCalibration calibration) {
		OptionalDouble threshold = calibration.threshold(language, TARGET);
		int answerable = 0;
		int answered = 0;
		int answerableAnswered = 0;
		int right = 0;
		for (Ticket t : TICKETS) {
			if (t.calibration() || !t.language().equals(language)) {
				continue;
			}
			answerable += (t.expected() != null) ? 1 : 0;
			Optional<Answer> a = matcher.apply(t, guarded);
			if (threshold.isPresent() && a.isPresent() && a.get().score() >= threshold.getAsDouble()) {
				answered++;
				answerableAnswered += (t.expected() != null) ? 1 : 0;
				right += a.get().templateId().equals(t.expected()) ? 1 : 0;
			}
		}
		return new Figures(language, answerable, answered, answerableAnswered, right, threshold);
	}

	@Test
	void theShippedCalibrationsAreWhatTheCalibrationHalfGives() throws IOException {
		shipped(KnownQuestionsCalibrationTests::ours, TemplateSettings.Matching.WORDS_AND_MEANING);
		shipped(KnownQuestionsCalibrationTests::words, TemplateSettings.Matching.WORDS);
	}

	private static void shipped(BiFunction<Ticket, Boolean, Optional<Answer>> matcher,
			TemplateSettings.Matching matching) throws IOException {
		String json = json(calibrate(matcher, true), matching);
		Path shipped = Path.of("src/main/resources/" + matching.calibration());
		if ("write".equals(System.getProperty("ticketloop.calibrate"))) {
			Files.writeString(shipped, json, StandardCharsets.UTF_8);
		}
		assertThat(shipped).as(matching.calibration() + " is missing: run this test with -Dticketloop.calibrate=write")
			.exists();
		assertThat(Files.readString(shipped, StandardCharsets.UTF_8))
			.as(matching.calibration() + " is stale: run this test with -Dticketloop.calibrate=write")
			.isEqualTo(json);
	}

	/**
	 * Ranking, whatever the threshold: on the held-out half, the matcher's best template
	 * is the right one for more answerable tickets than word overlap's, in every
	 * language. The figures at the target precision are printed (they are the benchmark's
	 * business).
	 */
	@Test
	void onTheHeldOutHalfTheMatcherRanksTheRightTemplateFirstMoreOftenThanWordOverlap() {
		MatchCalibration ours = calibrate(KnownQuestionsCalibrationTests::ours, true);
		MatchCalibration unguarded = calibrate(KnownQuestionsCalibrationTests::ours, false);
		MatchCalibration byWords = calibrate(KnownQuestionsCalibrationTests::words, true);
		MatchCalibration baseline = calibrate(KnownQuestionsCalibrationTests::wordOverlap, true);
		for (String language : KnownQuestionsCorpus.LANGUAGES) {
			System.out.println("matcher       " + heldOut(language, KnownQuestionsCalibrationTests::ours, true, ours));
			System.out
				.println("  no guards   " + heldOut(language, KnownQuestionsCalibrationTests::ours, false, unguarded));
			System.out
				.println("words alone   " + heldOut(language, KnownQuestionsCalibrationTests::words, true, byWords));
			System.out.println(
					"word overlap  " + heldOut(language, KnownQuestionsCalibrationTests::wordOverlap, true, baseline));
			int oursFirst = 0;
			int wordsFirst = 0;
			int baselineFirst = 0;
			for (Ticket t : TICKETS) {
				if (!t.calibration() && t.language().equals(language) && t.expected() != null) {
					oursFirst += ours(t, false).filter((a) -> a.templateId().equals(t.expected())).isPresent() ? 1 : 0;
					wordsFirst += words(t, false).filter((a) -> a.templateId().equals(t.expected())).isPresent() ? 1
							: 0;
					baselineFirst += wordOverlap(t, false).filter((a) -> a.templateId().equals(t.expected()))
						.isPresent() ? 1 : 0;
				}
			}
			System.out.println(language + ": right template first " + oursFirst + " (words alone " + wordsFirst
					+ ", word overlap " + baselineFirst + ")");
			assertThat(oursFirst).as(language).isGreaterThan(baselineFirst);
		}
	}

	private static String json(MatchCalibration calibration, TemplateSettings.Matching matching) {
		StringBuilder out = new StringBuilder();
		out.append("{\n  \"about\": \"Made by KnownQuestionsCalibrationTests for the matching ")
			.append(matching.name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.append(" from the calibration half of ")
			.append("test-support/src/main/resources/known-questions (odd ticket numbers) against the seed library. Per language, ")
			.append("each score seen: [score, precision of the answers at or above it, isotonic confidence, ")
			.append("answers at or above it].\",\n  \"languages\": {\n");
		List<String> languages = new ArrayList<>(calibration.points().keySet());
		languages.sort(String::compareTo);
		for (int l = 0; l < languages.size(); l++) {
			out.append("    \"").append(languages.get(l)).append("\": {\n      \"points\": [");
			List<Point> points = calibration.points().get(languages.get(l));
			for (int i = 0; i < points.size(); i++) {
				Point p = points.get(i);
				out.append((i == 0) ? "\n        " : ",\n        ")
					.append(String.format(Locale.ROOT, "[%s, %s, %s, %d]", p.score(), p.precisionAtOrAbove(),
							p.confidence(), p.answersAtOrAbove()));
			}
			out.append("\n      ]\n    }").append((l < languages.size() - 1) ? ",\n" : "\n");
		}
		return out.append("  }\n}\n").toString();
	}

}
