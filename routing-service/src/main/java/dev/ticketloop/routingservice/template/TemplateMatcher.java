package dev.ticketloop.routingservice.template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.ticketloop.platform.text.TextAnalysis;

/**
 * Ranks the live templates by how well each answers a customer's text, in the text's
 * language. A template is compared in that language only (its questions, title and
 * answer, analysed by {@link TextAnalysis}); the score, 0 to 1, weighs two measures: how
 * much of the template's closest question the text covers (the weight of the question's
 * words found in the text, by their rarity across the library), and the cosine of the
 * text with the template's whole profile (its questions and its answer); and multiplies
 * them by the share of the text's library words (weighted by rarity) that the template's
 * profile has. The first rewards asking the template's question in other words around it;
 * the cosine punishes a text about much else; the share punishes a text that asks about
 * something the template does not speak of (an employee's password, a pause of the
 * subscription). The weights were chosen on the calibration half of the corpus. Scores
 * are not probabilities: {@link MatchCalibration} turns them into a confidence and a
 * threshold per language.
 *
 * <p>
 * With {@link SentenceEmbeddings} (the default of the service), the words rank the
 * templates and what the text means scores the best of them again: each of the first
 * {@value #RESCORED} is scored by its words' score times the cosine of the text's
 * embedding with its closest question's, and they are ranked again by that. Words alone
 * confuse a question with another on the same topic; the meaning tells "how do I change
 * my password" from "my employee cannot change hers". ADR 15 has the figures.
 */
public final class TemplateMatcher implements Consumer<List<LiveTemplate>> {

	/** A template and how well it answers the text. */
	public record Candidate(LiveTemplate template, double score) {
	}

	private record Profile(LiveTemplate template, List<Map<String, Integer>> questions, Map<String, Double> weights,
			double norm, List<float[]> meanings) {
	}

	private record LanguageIndex(List<Profile> profiles, Map<String, Double> idf, double unknownIdf) {

		double idf(String term) {
			return this.idf.getOrDefault(term, this.unknownIdf);
		}

	}

	/**
	 * The weight of the closest question's coverage in the score, the rest the profile's
	 * cosine (chosen on the calibration half of the corpus).
	 */
	private static final double COVERAGE_WEIGHT = 0.3;

	/**
	 * The weight of the answer's words in a template's profile, its questions' being 1.
	 */
	private static final double ANSWER_WEIGHT = 1.0;

	/** How many of the words' best are scored again by their meaning. */
	static final int RESCORED = 5;

	private final SentenceEmbeddings embeddings;

	private volatile Map<String, LanguageIndex> indexes = Map.of();

	/** A matcher of words alone. */
	public TemplateMatcher() {
		this(null);
	}

	/**
	 * @param embeddings what texts mean, or {@code null} for words alone
	 */
	public TemplateMatcher(SentenceEmbeddings embeddings) {
		this.embeddings = embeddings;
	}

	/** The live templates changed: index them again (built aside, swapped whole). */
	@Override
	public synchronized void accept(List<LiveTemplate> live) {
		Map<String, List<LiveTemplate>> byLanguage = new HashMap<>();
		for (LiveTemplate t : live) {
			if (t.content().issueKey() != null) {
				continue; // a known issue's release text: told by the fan-out, never
							// matched
			}
			t.content()
				.answers()
				.keySet()
				.forEach((l) -> byLanguage.computeIfAbsent(l, (k) -> new ArrayList<>()).add(t));
		}
		Map<String, LanguageIndex> built = new HashMap<>();
		byLanguage.forEach((language, templates) -> built.put(language, index(language, templates)));
		this.indexes = Map.copyOf(built);
	}

	private LanguageIndex index(String language, List<LiveTemplate> templates) {
		List<List<Map<String, Integer>>> questionsOf = new ArrayList<>();
		List<Map<String, Double>> tfOf = new ArrayList<>();
		Map<String, Integer> df = new HashMap<>();
		for (LiveTemplate t : templates) {
			List<Map<String, Integer>> questions = new ArrayList<>();
			for (String q : t.content().questions().getOrDefault(language, List.of())) {
				questions.add(TextAnalysis.terms(q, language));
			}
			if (language.equals("en") || t.content().questions().getOrDefault(language, List.of()).isEmpty()) {
				questions.add(TextAnalysis.terms(t.content().title(), language));
			}
			questions.removeIf(Map::isEmpty);
			Map<String, Double> tf = new HashMap<>();
			questions.forEach((q) -> q.forEach((term, n) -> tf.merge(term, (double) n, Double::sum)));
			TextAnalysis.terms(t.content().answers().get(language), language)
				.forEach((term, n) -> tf.merge(term, ANSWER_WEIGHT * n, Double::sum));
			tf.keySet().forEach((term) -> df.merge(term, 1, Integer::sum));
			questionsOf.add(questions);
			tfOf.add(tf);
		}
		int n = templates.size();
		Map<String, Double> idf = new HashMap<>();
		df.forEach((term, d) -> idf.put(term, Math.log(1.0 + (double) n / d)));
		List<Profile> profiles = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			Map<String, Double> weights = new HashMap<>();
			tfOf.get(i).forEach((term, tf) -> weights.put(term, Math.log(1 + tf) * idf.get(term)));
			double norm = Math.sqrt(weights.values().stream().mapToDouble((w) -> w * w).sum());
			profiles.add(new Profile(templates.get(i), questionsOf.get(i), weights, norm,
					meanings(templates.get(i), language)));
		}
		return new LanguageIndex(profiles, idf, Math.log(1.0 + n));
	}

	/**
	 * The embeddings of a template's questions in a language (its title when it has none
	 * there), none without a model for the language.
	 */
	private List<float[]> meanings(LiveTemplate template, String language) {
		if (this.embeddings == null || !this.embeddings.reads(language)) {
			return List.of();
		}
		List<String> questions = new ArrayList<>(template.content().questions().getOrDefault(language, List.of()));
		if (questions.isEmpty()) {
			questions.add(template.content().title());
		}
		return questions.stream()
			.filter((q) -> !q.isBlank())
			.map((q) -> this.embeddings.embed(q, language, true))
			.toList();
	}

	/**
	 * The templates that answer in {@code language}, best first, at most {@code limit}:
	 * by their words, then, with embeddings, the first {@value #RESCORED} by their
	 * meaning too.
	 */
	public List<Candidate> rank(String text, String language, int limit) {
		LanguageIndex index = this.indexes.get(language);
		List<Scored> byWords = byWords(index, text, language, Math.max(limit, RESCORED));
		if (this.embeddings == null || byWords.isEmpty() || !this.embeddings.reads(language)) {
			return candidates(byWords, limit);
		}
		float[] meaning = this.embeddings.embed(text, language, false);
		List<Scored> ranked = new ArrayList<>();
		for (Scored s : byWords) {
			double closest = 0;
			for (float[] q : s.profile().meanings()) {
				closest = Math.max(closest, SentenceEmbeddings.cosine(meaning, q));
			}
			double score = Math.round(s.score() * closest * 1000) / 1000.0;
			if (score > 0) {
				ranked.add(new Scored(s.profile(), score));
			}
		}
		ranked.sort(Comparator.comparingDouble(Scored::score).reversed());
		return candidates(ranked, limit);
	}

	/**
	 * The templates that answer in {@code language} by their words alone, best first, at
	 * most {@code limit}.
	 */
	public List<Candidate> rankByWords(String text, String language, int limit) {
		return candidates(byWords(this.indexes.get(language), text, language, limit), limit);
	}

	private record Scored(Profile profile, double score) {
	}

	private static List<Candidate> candidates(List<Scored> ranked, int limit) {
		return ranked.stream().limit(limit).map((s) -> new Candidate(s.profile().template(), s.score())).toList();
	}

	private static List<Scored> byWords(LanguageIndex index, String text, String language, int limit) {
		if (index == null) {
			return List.of();
		}
		Map<String, Integer> terms = TextAnalysis.terms(text, language);
		if (terms.isEmpty()) {
			return List.of();
		}
		Map<String, Double> weights = new HashMap<>();
		terms.forEach((term, tf) -> weights.put(term, Math.log(1 + tf) * index.idf(term)));
		double norm = Math.sqrt(weights.values().stream().mapToDouble((w) -> w * w).sum());
		List<Scored> ranked = new ArrayList<>();
		for (Profile p : index.profiles()) {
			double best = 0;
			for (Map<String, Integer> q : p.questions()) {
				double all = 0;
				double found = 0;
				for (String term : q.keySet()) {
					double idf = index.idf(term);
					all += idf;
					if (terms.containsKey(term)) {
						found += idf;
					}
				}
				best = Math.max(best, (all > 0) ? found / all : 0);
			}
			double dot = 0;
			for (Map.Entry<String, Double> w : weights.entrySet()) {
				Double pw = p.weights().get(w.getKey());
				if (pw != null) {
					dot += w.getValue() * pw;
				}
			}
			double cosine = (norm > 0 && p.norm() > 0) ? dot / (norm * p.norm()) : 0;
			double known = 0;
			double explained = 0;
			for (String term : terms.keySet()) {
				if (index.idf().containsKey(term)) {
					known += index.idf(term);
					if (p.weights().containsKey(term)) {
						explained += index.idf(term);
					}
				}
			}
			double share = (known > 0) ? explained / known : 0;
			double score = (COVERAGE_WEIGHT * best + (1 - COVERAGE_WEIGHT) * cosine) * share;
			if (score > 0) {
				ranked.add(new Scored(p, Math.round(score * 1000) / 1000.0));
			}
		}
		ranked.sort(Comparator.comparingDouble(Scored::score).reversed());
		return (ranked.size() > limit) ? List.copyOf(ranked.subList(0, limit)) : ranked;
	}

	/** The languages templates answer in now. */
	public java.util.Set<String> languages() {
		return this.indexes.keySet();
	}

}
