package dev.ticketloop.deploy.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.ticketloop.insightsservice.tagging.FeedbackTagger;
import dev.ticketloop.testsupport.FeedbackCorpus;

/**
 * Scenario 11: tagging the customers' texts (insights-service's {@link FeedbackTagger}),
 * in process, one thread: its accuracy per language on the labelled test corpus (by an
 * author who saw neither the lexicons nor the other corpora; the first and the
 * development corpora's figures beside it, both optimistic), and its rate next to
 * intake's in the same run (every ticket brings at least one text to tag when it is added
 * up).
 */
final class TaggingScenario {

	static final String SCENARIO = "11 tagging";

	private TaggingScenario() {
	}

	static void run(Report report) {
		FeedbackTagger tagger = new FeedbackTagger();
		FeedbackCorpus.Tagger tagging = (text, language) -> {
			FeedbackTagger.Tags tags = tagger.tag(text, language);
			return new FeedbackCorpus.Tagged(tags.sentiment().wireName(), Set.copyOf(tags.topics()));
		};
		List<FeedbackCorpus.Accuracy> first = FeedbackCorpus.measure(tagging);
		List<FeedbackCorpus.Accuracy> development = FeedbackCorpus.measure(tagging, FeedbackCorpus.development());
		List<FeedbackCorpus.Accuracy> test = FeedbackCorpus.measure(tagging, FeedbackCorpus.test());
		for (int i = 0; i < test.size(); i++) {
			FeedbackCorpus.Accuracy a = test.get(i);
			report.add(Report.Figure
				.of(SCENARIO, a.language() + ": sentiment as labelled (test corpus)", a.sentiment() * 100, "%")
				.note(String.format(Locale.ROOT, "%d texts; development corpus %.1f %%, first corpus %.1f %%",
						a.texts(), development.get(i).sentiment() * 100, first.get(i).sentiment() * 100)));
			report.add(Report.Figure
				.of(SCENARIO, a.language() + ": topic precision / recall (test corpus)", a.topicPrecision() * 100, "%")
				.note(String.format(Locale.ROOT, "recall %.1f %%", a.topicRecall() * 100)));
		}
		List<FeedbackCorpus.Text> texts = FeedbackCorpus.texts();
		for (int i = 0; i < 20; i++) { // warm-up
			texts.forEach((t) -> tagger.tag(t.text(), t.language()));
		}
		int rounds = 300;
		long start = System.nanoTime();
		for (int i = 0; i < rounds; i++) {
			texts.forEach((t) -> tagger.tag(t.text(), t.language()));
		}
		double seconds = Baselines.seconds(start);
		Optional<Report.Figure> intake = IntakeScenario.rate(report);
		report.add(Report.Figure
			.of(SCENARIO, "tagging, one thread, in process", rounds * texts.size() / seconds, "texts/s")
			.against(intake)
			.note(String.format(Locale.ROOT, "%d texts x %d rounds in %.1f s", texts.size(), rounds, seconds)));
	}

}
