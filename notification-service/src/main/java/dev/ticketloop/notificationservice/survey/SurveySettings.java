package dev.ticketloop.notificationservice.survey;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Satisfaction surveys ({@code ticketloop.surveys.*}), validated at start-up.
 *
 * @param signingSecret the key survey links are signed with (HMAC-SHA256), at least 32
 * characters; keep it stable: changing it voids every link sent
 * @param link the survey link in mails, {@code {token}} standing for the signed token;
 * usually the help center's survey page, which posts the answer to {@code POST
 * /surveys/{token}}
 * @param validity how long a link can be answered
 */
@Validated
@ConfigurationProperties("ticketloop.surveys")
public record SurveySettings(
		@NotBlank(message = "set ticketloop.surveys.signing-secret (TICKETLOOP_SURVEYS_SIGNINGSECRET)") @Size(min = 32,
				message = "must have at least 32 characters") String signingSecret,
		@NotBlank @Pattern(regexp = ".*\\{token}.*", message = "must contain {token}") String link,
		@DefaultValue("30d") Duration validity) {
}
