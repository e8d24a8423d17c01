package dev.ticketloop.contracts;

import java.util.regex.Pattern;

/**
 * What the schemas' formats mean here, where a validator's own reading would differ from
 * what producers accept: the one definition intake and the contract check share, so that
 * what a channel adapter may send is what the published record may carry.
 */
public final class ContractFormats {

	/**
	 * An e-mail address ({@code format: email}): a dot-atom local part, {@code @}, a
	 * domain of letter-or-digit labels joined by dots (Unicode letters allowed; any top
	 * level domain, reserved ones such as {@code .example} included). No quoted local
	 * parts, no address literals.
	 */
	public static final String EMAIL = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]{1,64}(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]{1,64})*"
			+ "@[\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?(\\.[\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?)*";

	private static final Pattern EMAIL_PATTERN = Pattern.compile(EMAIL);

	private ContractFormats() {
	}

	/** Whether the text is an e-mail address as {@link #EMAIL} defines it. */
	public static boolean isEmail(String text) {
		return text != null && text.length() <= 254 && text.indexOf('@') <= 64 && EMAIL_PATTERN.matcher(text).matches();
	}

}
