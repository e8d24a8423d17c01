package dev.ticketloop.routingservice.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.ticketloop.contracts.routing.TemplatePlaceholders;

/**
 * What one version of an answer template says: its title and category, the questions it
 * answers and its answer, each per language (ISO 639-1), and the known issue it belongs
 * to, if any. Answers may hold placeholders filled when the answer goes to a customer:
 * {@code {{customerName}}}, {@code {{ticketId}}} and, for a release, {@code {{version}}}.
 *
 * @param issueKey the known issue this template answers (a release's "fixed in" text), or
 * {@code null}
 */
public record TemplateContent(String title, String category, String issueKey, Map<String, List<String>> questions,
		Map<String, String> answers) {

	/** The placeholders an answer may hold. */
	public static final Set<String> PLACEHOLDERS = TemplatePlaceholders.NAMES;

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

	private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9-]{0,39}");

	public TemplateContent {
		questions = (questions != null) ? Collections.unmodifiableMap(sortedCopy(questions)) : Map.of();
		// in language order; a missing answer stays to be named by faults()
		answers = (answers != null) ? Collections.unmodifiableMap(new TreeMap<>(answers)) : Map.of();
	}

	private static Map<String, List<String>> sortedCopy(Map<String, List<String>> questions) {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		new TreeMap<>(questions).forEach((language, list) -> copy.put(language, (list != null)
				? List.copyOf(list.stream().filter((q) -> q != null && !q.isBlank()).toList()) : List.of()));
		return copy;
	}

	/**
	 * What is wrong with this content, one line per fault, for a problem detail (never
	 * the text itself); empty when it is valid.
	 */
	public List<String> faults() {
		List<String> faults = new ArrayList<>();
		if (this.title == null || this.title.isBlank() || this.title.length() > 200) {
			faults.add("title: 1 to 200 characters");
		}
		if (this.category != null && !CATEGORY.matcher(this.category).matches()) {
			faults.add("category: lower-case letters, digits and '-', at most 40");
		}
		if (this.answers.isEmpty()) {
			faults.add("answers: at least one language");
		}
		this.answers.forEach((language, answer) -> {
			if (!LANGUAGE.matcher(language).matches()) {
				faults.add("answers: '" + clip(language) + "' is not an ISO 639-1 language code (e.g. en, es, zh)");
			}
			else if (answer == null || answer.isBlank() || answer.length() > 5000) {
				faults.add("answers." + language + ": 1 to 5000 characters");
			}
			else {
				for (String name : placeholdersIn(answer)) {
					if (!PLACEHOLDERS.contains(name)) {
						faults.add("answers." + language + ": unknown placeholder {{" + clip(name) + "}} (known: "
								+ String.join(", ", PLACEHOLDERS.stream().sorted().toList()) + ")");
					}
				}
			}
		});
		this.questions.forEach((language, list) -> {
			if (!LANGUAGE.matcher(language).matches()) {
				faults.add("questions: '" + clip(language) + "' is not an ISO 639-1 language code");
			}
			else if (!this.answers.containsKey(language)) {
				faults.add("questions." + language + ": no answer in that language");
			}
			else if (list.size() > 50 || list.stream().anyMatch((q) -> q.length() > 500)) {
				faults.add("questions." + language + ": at most 50 questions of at most 500 characters");
			}
		});
		return faults;
	}

	private static String clip(String text) {
		return (text.length() > 20) ? text.substring(0, 20) + "…" : text;
	}

	static List<String> placeholdersIn(String answer) {
		return TemplatePlaceholders.namesIn(answer);
	}

	/**
	 * The answer in {@code language} with its placeholders filled ({@code values} by
	 * placeholder name); a placeholder without a value is left out, with the space before
	 * it. {@code null} when the template has no answer in that language.
	 */
	public String render(String language, Map<String, String> values) {
		String answer = (language != null) ? this.answers.get(language.toLowerCase(Locale.ROOT)) : null;
		return (answer != null) ? TemplatePlaceholders.fill(answer, values) : null;
	}

}
