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
 * How tickets are classified ({@code ticketloop.classification.*}), validated at
 * start-up.
 *
 * @param languages the languages detection chooses among (ISO 639-1); the fewer, the
 * surer and the smaller in memory
 * @param categories rules tried in order: the first whose keyword appears in the subject
 * or text gives the category; every matching rule adds its tags
 * @param teams the categories each team handles
 * @param defaultTeam the team of tickets no team claims
 */
@Validated
@ConfigurationProperties("ticketloop.classification")
public record ClassificationSettings(@DefaultValue( {
		"en", "es", "zh", "de", "fr", "pt" }) List<String> languages, List<@Valid CategoryRule> categories,
		Map<String, List<String>> teams, @DefaultValue("support") String defaultTeam){

	public ClassificationSettings {
		categories = (categories != null) ? List.copyOf(categories) : List.of();
		teams = (teams != null) ? Map.copyOf(teams) : Map.of();
	}

	/**
	 * @param keywords words or phrases, in any of the customers' languages (case and
	 * accents do not matter)
	 */
	public record CategoryRule(@NotBlank String name, @NotEmpty List<String> keywords, List<String> tags) {

		public CategoryRule {
			tags = (tags != null) ? List.copyOf(tags) : List.of();
		}

	}

}
