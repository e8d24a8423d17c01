package dev.ticketloop.routingservice.template;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The answer template library ({@code ticketloop.templates.*}).
 *
 * @param targetPrecision the share of automatic answers that must be right: the score
 * threshold of each language is the one its calibration gives for this precision, and a
 * template whose measured precision falls under it stops answering automatically
 * @param minOutcomes how many outcomes of a template's automatic answers are needed
 * before its precision is judged
 * @param outcomeWindow how many of its last outcomes its precision counts
 * @param suggestAt a template scoring at least this is suggested to agents (the matcher's
 * scores, not the known issues' similarity); by default the way of matching's (0.10 with
 * the meaning, 0.15 by words alone: each shows agents the right template for the same
 * share of the calibration half, about three in four)
 * @param seedLibrary a JSON file of templates (a Spring resource location, e.g.
 * {@code classpath:templates/seed-library.json}) loaded into an empty store; blank for
 * none
 * @param seed more templates to seed, in the settings (a seed template whose id the store
 * has already, even retired or changed, is left as it is)
 * @param matching how tickets are matched with templates: {@code words-and-meaning}
 * (words, then sentence embeddings, in process) or {@code words} (no model loaded); each
 * has its own shipped calibration
 */
@Validated
@ConfigurationProperties("ticketloop.templates")
public record TemplateSettings(@DefaultValue("0.95") double targetPrecision, @DefaultValue("10") int minOutcomes,
		@DefaultValue("50") int outcomeWindow, Double suggestAt, @DefaultValue("") String seedLibrary,
		List<@Valid Seed> seed, @DefaultValue("words-and-meaning") Matching matching) {

	/** How tickets are matched with templates. */
	public enum Matching {

		/** Words, then sentence embeddings ({@link SentenceEmbeddings}). */
		WORDS_AND_MEANING("matching/calibration.json", 0.10),

		/** Words alone. */
		WORDS("matching/calibration-words.json", 0.15);

		private final String calibration;

		private final double suggestAt;

		Matching(String calibration, double suggestAt) {
			this.calibration = calibration;
			this.suggestAt = suggestAt;
		}

		/** The score from which a template is suggested to agents, by default. */
		public double suggestAt() {
			return this.suggestAt;
		}

		/** The classpath resource of its calibration. */
		public String calibration() {
			return this.calibration;
		}

		/** A matcher matching this way. */
		public TemplateMatcher matcher() {
			return (this == WORDS) ? new TemplateMatcher() : new TemplateMatcher(SentenceEmbeddings.shared().load());
		}

	}

	public TemplateSettings {
		seed = (seed != null) ? List.copyOf(seed) : List.of();
		matching = (matching != null) ? matching : Matching.WORDS_AND_MEANING;
		suggestAt = (suggestAt != null) ? suggestAt : matching.suggestAt();
		if (!(targetPrecision > 0 && targetPrecision <= 1) || minOutcomes < 1 || outcomeWindow < minOutcomes) {
			throw new IllegalArgumentException("ticketloop.templates: 0 < target-precision <= 1 and "
					+ "1 <= min-outcomes <= outcome-window expected");
		}
	}

	/**
	 * A template of the seed library.
	 *
	 * @param id stable id, e.g. {@code reset-password}
	 * @param questions how customers ask it, per language (ISO 639-1)
	 * @param answers the answer per language
	 */
	public record Seed(@NotBlank @Pattern(regexp = TemplateIds.PATTERN) String id, @NotBlank String title,
			String category, Map<String, List<String>> questions, @NotEmpty Map<String, String> answers) {

		public TemplateContent content() {
			return new TemplateContent(this.title, this.category, null, this.questions, this.answers);
		}

	}

}
