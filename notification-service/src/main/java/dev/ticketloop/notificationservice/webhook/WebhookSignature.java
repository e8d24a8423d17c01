package dev.ticketloop.notificationservice.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook, in the style of Stripe's: header
 * {@code Ticketloop-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]}, where each
 * {@code v1} is the HMAC-SHA256, keyed with one of the endpoint's valid secrets, of
 * {@code <t>.<raw body>}. During a secret rotation there are two {@code v1} values; a
 * receiver accepts the message if one of them matches a secret it knows, and should
 * refuse timestamps older than a few minutes (replays).
 */
public final class WebhookSignature {

	public static final String HEADER = "Ticketloop-Signature";

	private WebhookSignature() {
	}

	public static String header(Instant timestamp, byte[] body, List<String> secrets) {
		long t = timestamp.getEpochSecond();
		return "t=" + t + secrets.stream().map((s) -> ",v1=" + hmac(s, t, body)).collect(Collectors.joining());
	}

	static String hmac(String secret, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
