package dev.ticketloop.ticketservice.issue;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An engineering issue's key: a project prefix, a dash and an id, as issue trackers write
 * them ({@code ENG-1234}, {@code ISS-7K3QF2MA}). Escalations that report a new issue get
 * an {@code ISS-} key with eight random characters; engineering's own keys are welcome.
 */
public record IssueKey(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Z][A-Z0-9_]{1,15}-[A-Z0-9]{1,24}");

	private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ0123456789".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	public IssueKey {
		Objects.requireNonNull(value, "issue key");
		if (!FORMAT.matcher(value).matches()) {
			throw new IllegalArgumentException(
					"Not an issue key: " + value + " (expected e.g. ENG-1234: capitals, digits, one dash)");
		}
	}

	public static IssueKey newKey() {
		char[] id = new char[8];
		for (int i = 0; i < id.length; i++) {
			id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
		}
		return new IssueKey("ISS-" + new String(id));
	}

	@JsonCreator
	public static IssueKey of(String value) {
		return new IssueKey(value);
	}

	@JsonValue
	@Override
	public String value() {
		return this.value;
	}

	/** Axon uses an aggregate identifier's text form. */
	@Override
	public String toString() {
		return this.value;
	}

}
