package dev.ticketloop.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Labelled corpora of what customers write (CSAT comments, messages) in English, Spanish
 * and Chinese ({@code tagging/feedback-corpus*.tsv}): each text with the sentiment and
 * the topics a person reads in it; the first written with the tagger's lexicons, a
 * development corpus and a test corpus each by an author who saw neither the lexicons nor
 * the others. Used by insights-service's tagger tests and the benchmark.
 */
public final class FeedbackCorpus {

	/** A text and its labels; sentiment negative, neutral or positive. */
	public record Text(String language, String sentiment, Set<String> topics, String text) {
	}

	/** What a tagger says of a text: its sentiment and topics. */
	public record Tagged(String sentiment, Set<String> topics) {
	}

	/** A tagger: text and language in, tags out. */
	@FunctionalInterface
	public interface Tagger {

		Tagged tag(String text, String language);

	}

	/**
	 * How a tagger does on the corpus in one language: the share of texts whose sentiment
	 * is the label, and the precision and recall of the topics it finds.
	 */
	public record Accuracy(String language, int texts, double sentiment, double topicPrecision, double topicRecall,
			List<String> misses) {
	}

	/**
	 * The tagger's accuracy per language on the first corpus, in the order en, es, zh.
	 */
	public static List<Accuracy> measure(Tagger tagger) {
		return measure(tagger, texts());
	}

	/** The tagger's accuracy per language on these texts, in the order en, es, zh. */
	public static List<Accuracy> measure(Tagger tagger, List<Text> corpus) {
		java.util.Map<String, long[]> figures = new java.util.TreeMap<>();
		java.util.Map<String, List<String>> misses = new java.util.TreeMap<>();
		for (Text labelled : corpus) {
			Tagged tags = tagger.tag(labelled.text(), labelled.language());
			long[] f = figures.computeIfAbsent(labelled.language(), (l) -> new long[5]);
			f[0]++;
			if (tags.sentiment().equals(labelled.sentiment())) {
				f[1]++;
			}
			else {
				misses.computeIfAbsent(labelled.language(), (l) -> new ArrayList<>())
					.add(labelled.sentiment() + " as " + tags.sentiment() + ": " + labelled.text());
			}
			f[2] += tags.topics().size();
			f[3] += tags.topics().stream().filter(labelled.topics()::contains).count();
			f[4] += labelled.topics().size();
		}
		List<Accuracy> accuracy = new ArrayList<>();
		figures.forEach((language, f) -> accuracy
			.add(new Accuracy(language, (int) f[0], (double) f[1] / f[0], (f[2] > 0) ? (double) f[3] / f[2] : 0,
					(double) f[3] / f[4], List.copyOf(misses.getOrDefault(language, List.of())))));
		return accuracy;
	}

	private FeedbackCorpus() {
	}

	/**
	 * The first corpus (110 texts), written by the author of insights-service's lexicons
	 * alongside them: the figures measured on it are optimistic.
	 */
	public static List<Text> texts() {
		return read("/tagging/feedback-corpus.tsv");
	}

	/**
	 * The development corpus (180 texts, 60 a language), written by another author who
	 * saw neither the lexicons nor the first corpus. Measured untouched first (sentiment
	 * 63 / 63 / 52 % in en / es / zh), then used to improve the lexicons: its figures are
	 * optimistic since.
	 */
	public static List<Text> development() {
		return read("/tagging/feedback-corpus-dev.tsv");
	}

	/**
	 * The test corpus (60 texts a language), written by a third author who saw none of
	 * the above, and never used to change the tagger: the figures to trust.
	 */
	public static List<Text> test() {
		return read("/tagging/feedback-corpus-test.tsv");
	}

	private static List<Text> read(String resource) {
		List<Text> corpus = new ArrayList<>();
		try (InputStream in = FeedbackCorpus.class.getResourceAsStream(resource)) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] parts = line.split("\t");
				Set<String> topics = parts[2].equals("-") ? Set.of() : new TreeSet<>(List.of(parts[2].split(",")));
				corpus.add(new Text(parts[0], parts[1].toLowerCase(Locale.ROOT), topics, parts[3]));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return List.copyOf(corpus);
	}

}
