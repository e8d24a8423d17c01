package dev.ticketloop.contracts.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of a template's answer ({@link TemplateApprovedV1#answers()}):
 * {@code {{customerName}}}, {@code {{ticketId}}} and {@code {{version}}} (a released
 * fix's version), spaces inside the braces allowed; how they are filled, the same for
 * every service that says a template's answer.
 */
public final class TemplatePlaceholders {

	/** The placeholders an answer may hold. */
	public static final Set<String> NAMES = Set.of("customerName", "ticketId", "version");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

	private TemplatePlaceholders() {
	}

	/** The names of the placeholders a text holds, in order, as often as they occur. */
	public static List<String> namesIn(String text) {
		List<String> names = new ArrayList<>();
		Matcher m = PLACEHOLDER.matcher(text);
		while (m.find()) {
			names.add(m.group(1));
		}
		return names;
	}

	/**
	 * The text with its placeholders filled ({@code values} by name); a placeholder
	 * without a value is left out with the space before it ("Hello {{customerName}},"
	 * without a name: "Hello,").
	 */
	public static String fill(String text, Map<String, String> values) {
		Matcher m = PLACEHOLDER.matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String value = values.get(m.group(1));
			if (value == null || value.isBlank()) {
				m.appendReplacement(out, "");
				if (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
					out.setLength(out.length() - 1);
				}
			}
			else {
				m.appendReplacement(out, Matcher.quoteReplacement(value));
			}
		}
		m.appendTail(out);
		return out.toString();
	}

}
