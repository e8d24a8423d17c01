package dev.ticketloop.notificationservice.survey;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import dev.ticketloop.notificationservice.delivery.Reason;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.stereotype.Component;

/**
 * Signed survey links. The token names the survey notification and when it expires, and
 * carries an HMAC-SHA256 of both: it is the customer's only credential, so it is never
 * stored (nor in events) but derived again when needed, the same on every attempt.
 */
@Component
public class SurveyLinks {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SurveySettings settings;

	private final SecretKeySpec key;

	private final Clock clock;

	private final Environment environment;

	@Autowired
	SurveyLinks(SurveySettings settings, Clock clock, Environment environment) {
		this.settings = settings;
		this.key = new SecretKeySpec(settings.signingSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		this.clock = clock;
		this.environment = environment;
	}

	SurveyLinks(SurveySettings settings, Clock clock) {
		this(settings, clock, new StandardEnvironment());
	}

	/** What templates need for this notification: the survey link, for a survey. */
	public Map<String, Object> argumentsFor(NotificationRequested request) {
		if (request.reason() != Reason.CSAT_SURVEY) {
			return Map.of();
		}
		return Map.of("surveyUrl", linkFor(request.notificationId(), request.requestedAt()));
	}

	/**
	 * The link: the configured one with the token, and {@code {port}} standing for this
	 * service's own HTTP port (the default link points here).
	 */
	public String linkFor(String surveyId, Instant requestedAt) {
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8083"));
		return this.settings.link()
			.replace("{port}", port)
			.replace("{token}", tokenFor(surveyId, requestedAt.plus(this.settings.validity())));
	}

	String tokenFor(String surveyId, Instant expiresAt) {
		String payload = surveyId + "|" + expiresAt.getEpochSecond();
		byte[] payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
		return ENCODER.encodeToString(payloadBytes) + "." + ENCODER.encodeToString(sign(payloadBytes));
	}

	/**
	 * The survey a token stands for.
	 * @throws InvalidSurveyTokenException when it is not one of ours, or tampered with
	 * @throws ExpiredSurveyTokenException when it is too old to be answered
	 */
	public String verify(String token) {
		int dot = (token != null) ? token.indexOf('.') : -1;
		if (dot <= 0 || dot == token.length() - 1) {
			throw new InvalidSurveyTokenException();
		}
		byte[] payload;
		byte[] signature;
		try {
			payload = DECODER.decode(token.substring(0, dot));
			signature = DECODER.decode(token.substring(dot + 1));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSurveyTokenException();
		}
		if (!MessageDigest.isEqual(sign(payload), signature)) {
			throw new InvalidSurveyTokenException();
		}
		String text = new String(payload, StandardCharsets.UTF_8);
		int bar = text.lastIndexOf('|');
		if (bar <= 0) {
			throw new InvalidSurveyTokenException();
		}
		Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(text.substring(bar + 1)));
		if (!this.clock.instant().isBefore(expiresAt)) {
			throw new ExpiredSurveyTokenException();
		}
		return text.substring(0, bar);
	}

	private byte[] sign(byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac.doFinal(payload);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Not a survey token of ours. */
	public static class InvalidSurveyTokenException extends RuntimeException {

		InvalidSurveyTokenException() {
			super("This survey link is not valid.");
		}

	}

	/** A survey link past its validity. */
	public static class ExpiredSurveyTokenException extends RuntimeException {

		ExpiredSurveyTokenException() {
			super("This survey link has expired.");
		}

	}

}
