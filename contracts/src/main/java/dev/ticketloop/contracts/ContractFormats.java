package dev.ticketloop.contracts;

import java.util.List;
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

	/**
	 * The platforms a customer uses the product on, as {@code ticket.opened.v1} names
	 * them (its schema's enum): reports slice by them.
	 */
	public static final String PLATFORM = "ios|android|web|windows|macos|linux|other";

	/** The values of {@link #PLATFORM}, in its order. */
	public static final List<String> PLATFORMS = List.of(PLATFORM.split("\\|"));

	/**
	 * A product version: one to four dot-separated numbers, then a pre-release or build
	 * suffix if any ({@code 4.2.1}, {@code 4.3.0-beta.2}, {@code 2026.12+build.7}).
	 */
	public static final String PRODUCT_VERSION = "[0-9]{1,9}(\\.[0-9]{1,9}){0,3}([-+][0-9A-Za-z.-]{1,30})?";

	private ContractFormats() {
	}

	/** Whether the text is an e-mail address as {@link #EMAIL} defines it. */
	public static boolean isEmail(String text) {
		return text != null && text.length() <= 254 && text.indexOf('@') <= 64 && EMAIL_PATTERN.matcher(text).matches();
	}

}
