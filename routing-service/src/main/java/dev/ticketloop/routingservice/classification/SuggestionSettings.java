package dev.ticketloop.routingservice.classification;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Suggestions for repetitive questions ({@code ticketloop.suggestions.*}): answer
 * templates, and the similarity thresholds (0 to 1) above which the system acts by
 * itself.
 *
 * @param suggestAt a match at least this similar is suggested to agents
 * @param autoLinkAt a match with an open known issue at least this similar links the
 * ticket to it (escalates it) at once
 * @param autoAnswerAt a match with a template at least this similar answers (resolves)
 * the ticket with it at once, if the template speaks the customer's language
 * @param templates the answer templates
 */
@Validated
@ConfigurationProperties("ticketloop.suggestions")
public record SuggestionSettings(@DefaultValue("0.25") double suggestAt, @DefaultValue("0.6") double autoLinkAt,
		@DefaultValue("0.55") double autoAnswerAt, List<@Valid Template> templates) {

	public SuggestionSettings {
		templates = (templates != null) ? List.copyOf(templates) : List.of();
		if (!(suggestAt > 0 && suggestAt <= autoLinkAt && suggestAt <= autoAnswerAt && autoLinkAt <= 1
				&& autoAnswerAt <= 1)) {
			throw new IllegalArgumentException(
					"ticketloop.suggestions: 0 < suggest-at <= auto-link-at, auto-answer-at <= 1 expected");
		}
	}

	/**
	 * @param id stable id, e.g. {@code reset-password}
	 * @param title what it answers
	 * @param questions how customers ask it, per language (ISO 639-1)
	 * @param answers the answer per language
	 */
	public record Template(@NotBlank String id, @NotBlank String title, Map<String, List<String>> questions,
			@NotEmpty Map<String, String> answers) {

		public Template {
			questions = (questions != null) ? Map.copyOf(questions) : Map.of();
			answers = Map.copyOf(answers);
		}

	}

}
