package dev.ticketloop.routingservice.classification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Suggestions of known issues ({@code ticketloop.suggestions.*}). When a template answers
 * by itself is the calibration's business
 * ({@code ticketloop.templates.target-precision}).
 *
 * @param suggestAt a match at least this similar is suggested to agents
 * @param autoLinkAt a match with an open known issue at least this similar links the
 * ticket to it (escalates it) at once
 */
@Validated
@ConfigurationProperties("ticketloop.suggestions")
public record SuggestionSettings(@DefaultValue("0.25") double suggestAt, @DefaultValue("0.6") double autoLinkAt) {

	public SuggestionSettings {
		if (!(suggestAt > 0 && suggestAt <= autoLinkAt && autoLinkAt <= 1)) {
			throw new IllegalArgumentException("ticketloop.suggestions: 0 < suggest-at <= auto-link-at <= 1 expected");
		}
	}

}
