package dev.ticketloop.routingservice.classification;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.ticketloop.routingservice.classification.ClassificationSettings.CategoryRule;

/**
 * Classifies a ticket from what the customer wrote: its language (Lingua, among the
 * configured languages, in low-accuracy mode, which is enough for a few sentences and
 * keeps the models small; the customer's locale when the text says too little), its
 * category and tags (the configured keyword rules) and its team.
 */
public class Classifier {

	private final LanguageDetector detector;

	private final List<CompiledRule> rules;

	private final Map<String, String> teamOfCategory;

	private final String defaultTeam;

	public Classifier(ClassificationSettings settings) {
		List<Language> languages = settings.languages()
			.stream()
			.map((code) -> Language.getByIsoCode639_1(IsoCode639_1.valueOf(code.trim().toUpperCase(Locale.ROOT))))
			.toList();
		if (languages.size() < 2) {
			throw new IllegalArgumentException("ticketloop.classification.languages: at least two languages");
		}
		this.detector = LanguageDetectorBuilder.fromLanguages(languages.toArray(Language[]::new))
			.withLowAccuracyMode()
			.withMinimumRelativeDistance(0.1)
			.build();
		this.rules = settings.categories()
			.stream()
			.map((r) -> new CompiledRule(r.name(), r.keywords().stream().map(Classifier::normalize).toList(), r.tags()))
			.toList();
		Map<String, String> teams = new java.util.HashMap<>();
		settings.teams().forEach((team, categories) -> categories.forEach((c) -> teams.putIfAbsent(c, team)));
		this.teamOfCategory = Map.copyOf(teams);
		this.defaultTeam = settings.defaultTeam();
	}

	public Classification classify(String subject, String body, String locale) {
		String text = ((subject != null) ? subject : "") + "\n" + ((body != null) ? body : "");
		String fallback = (locale != null && !locale.isBlank()) ? Locale.forLanguageTag(locale).getLanguage() : null;
		String language = fallback;
		boolean detected = false;
		Language found = this.detector.detectLanguageOf(text);
		if (found != Language.UNKNOWN) {
			language = found.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
			detected = true;
		}
		String normalized = normalize(text);
		String category = null;
		Set<String> tags = new LinkedHashSet<>();
		for (CompiledRule rule : this.rules) {
			if (rule.keywords().stream().anyMatch(normalized::contains)) {
				if (category == null) {
					category = rule.name();
				}
				tags.add(rule.name());
				tags.addAll(rule.tags());
			}
		}
		String team = (category != null) ? this.teamOfCategory.getOrDefault(category, this.defaultTeam)
				: this.defaultTeam;
		return new Classification(language, detected, category, new ArrayList<>(tags), team);
	}

	/**
	 * Lower case, accents removed, spaces collapsed: "Contraseña" matches "contrasena".
	 */
	static String normalize(String text) {
		String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
		return decomposed.replaceAll("\\p{M}+", "").replaceAll("\\s+", " ");
	}

	private record CompiledRule(String name, List<String> keywords, List<String> tags) {
	}

}
