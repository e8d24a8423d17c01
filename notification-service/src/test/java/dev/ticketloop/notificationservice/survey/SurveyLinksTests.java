package dev.ticketloop.notificationservice.survey;

import java.time.Duration;
import java.time.Instant;

import dev.ticketloop.notificationservice.survey.SurveyLinks.ExpiredSurveyTokenException;
import dev.ticketloop.notificationservice.survey.SurveyLinks.InvalidSurveyTokenException;
import dev.ticketloop.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurveyLinksTests {

	private static final Instant SENT = Instant.parse("2026-11-23T09:00:00Z");

	private final MutableClock clock = MutableClock.at(SENT);

	private final SurveyLinks links = new SurveyLinks(new SurveySettings("a-signing-secret-of-at-least-32-chars!",
			"https://help.example.com/survey?t={token}", Duration.ofDays(30)), this.clock);

	@Test
	void a_link_names_its_survey_and_is_the_same_on_every_attempt() {
		String link = this.links.linkFor("T-1:csat_survey:e-9", SENT);

		assertThat(link).startsWith("https://help.example.com/survey?t=")
			.isEqualTo(this.links.linkFor("T-1:csat_survey:e-9", SENT));
		assertThat(this.links.verify(link.substring(link.indexOf("t=") + 2))).isEqualTo("T-1:csat_survey:e-9");
	}

	@Test
	void a_tampered_or_foreign_token_is_refused() {
		String token = this.links.tokenFor("T-1:csat_survey:e-9", SENT.plus(Duration.ofDays(30)));
		String otherSurvey = this.links.tokenFor("T-2:csat_survey:e-1", SENT.plus(Duration.ofDays(30)));
		String forged = otherSurvey.substring(0, otherSurvey.indexOf('.')) + token.substring(token.indexOf('.'));
		SurveyLinks otherKey = new SurveyLinks(
				new SurveySettings("another-signing-secret-of-32-chars!!", "https://x/{token}", Duration.ofDays(30)),
				this.clock);

		assertThatThrownBy(() -> this.links.verify(forged)).isInstanceOf(InvalidSurveyTokenException.class);
		assertThatThrownBy(() -> otherKey.verify(token)).isInstanceOf(InvalidSurveyTokenException.class);
		assertThatThrownBy(() -> this.links.verify("not-a-token")).isInstanceOf(InvalidSurveyTokenException.class);
		assertThatThrownBy(() -> this.links.verify("%%%.$$$")).isInstanceOf(InvalidSurveyTokenException.class);
	}

	@Test
	void a_link_expires_after_its_validity() {
		String token = this.links.tokenFor("T-1:csat_survey:e-9", SENT.plus(Duration.ofDays(30)));

		this.clock.set(SENT.plus(Duration.ofDays(30)).minusSeconds(1));
		assertThat(this.links.verify(token)).isEqualTo("T-1:csat_survey:e-9");
		this.clock.set(SENT.plus(Duration.ofDays(30)));
		assertThatThrownBy(() -> this.links.verify(token)).isInstanceOf(ExpiredSurveyTokenException.class);
	}

}
