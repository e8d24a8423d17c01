package dev.ticketloop.routingservice.classification;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import dev.ticketloop.routingservice.classification.KnowledgeIndex.Entry;
import dev.ticketloop.routingservice.classification.KnowledgeIndex.Match;
import dev.ticketloop.routingservice.template.AutoAnswerGuard;
import dev.ticketloop.routingservice.template.LiveTemplate;
import dev.ticketloop.routingservice.template.MatchCalibration;
import dev.ticketloop.routingservice.template.TemplateMatcher;
import dev.ticketloop.routingservice.template.TemplateMatcher.Candidate;

/**
 * Most questions are known questions: finds the known issues and answer templates most
 * like a ticket's text and decides what to do with each. An open known issue similar
 * enough links the ticket at once. The best template answers (resolves) the ticket at
 * once only when its score reaches the threshold its language's calibration gives for the
 * target precision, it answers in the customer's language, it was not suspended for its
 * measured precision, and the ticket is not a bug report, an upset customer or several
 * questions; otherwise agents get it as a suggestion, with its confidence and why it was
 * held back. One automatic action at most.
 */
public class Suggester {

	private final KnowledgeIndex index;

	private final SuggestionSettings settings;

	private final TemplateMatcher templates;

	private final AutoAnswerGuard guard;

	private final MatchCalibration calibration;

	private final double targetPrecision;

	private final double templateSuggestAt;

	public Suggester(KnowledgeIndex index, SuggestionSettings settings, TemplateMatcher templates,
			AutoAnswerGuard guard, MatchCalibration calibration, double targetPrecision, double templateSuggestAt) {
		this.index = index;
		this.settings = settings;
		this.templates = templates;
		this.guard = guard;
		this.calibration = calibration;
		this.targetPrecision = targetPrecision;
		this.templateSuggestAt = templateSuggestAt;
	}

	public List<Suggestion> suggest(String subject, String body, String language) {
		return suggest(subject, body, language, Map.of());
	}

	/**
	 * @param values what the templates' placeholders are filled with ({@code ticketId},
	 * {@code customerName})
	 */
	public List<Suggestion> suggest(String subject, String body, String language, Map<String, String> values) {
		String text = subject + "\n" + body;
		List<Suggestion> suggestions = new ArrayList<>();
		boolean acted = false;
		Set<String> seen = new HashSet<>();
		for (Match match : this.index.similarTo(text, this.settings.suggestAt(), 6)) {
			Entry entry = match.entry();
			if (!entry.kind().equals("known-issue") || !seen.add(entry.ref()) || seen.size() > 3) {
				continue;
			}
			String action = "suggest";
			if (!acted && entry.open() && match.score() >= this.settings.autoLinkAt()) {
				action = "link";
				acted = true;
			}
			suggestions.add(new Suggestion(entry.kind(), entry.ref(), entry.title(), match.score(), action, null));
		}
		boolean answers = this.templates.languages().contains(language);
		// no template answers in the customer's language: agents still see which would,
		// in
		// English, to translate
		List<Candidate> ranked = this.templates.rank(text, answers ? language : "en", 3);
		OptionalDouble threshold = answers ? this.calibration.threshold(language, this.targetPrecision)
				: OptionalDouble.empty();
		for (int i = 0; i < ranked.size(); i++) {
			Candidate c = ranked.get(i);
			if (c.score() < this.templateSuggestAt) {
				break;
			}
			LiveTemplate t = c.template();
			String action = "suggest";
			String heldBack = null;
			if (i == 0 && threshold.isPresent() && c.score() >= threshold.getAsDouble()) {
				Optional<AutoAnswerGuard.Reason> reason = this.guard.holdBack(subject, body, language, t);
				if (reason.isPresent()) {
					heldBack = reason.get().value();
				}
				else if (!t.autoAnswer()) {
					heldBack = "suspended";
				}
				else if (!acted) {
					action = "answer";
					acted = true;
				}
			}
			suggestions.add(new Suggestion("template", t.id(), t.content().title(), c.score(), action,
					t.content().render(language, values), t.version(),
					answers ? this.calibration.confidence(language, c.score()) : null, heldBack));
		}
		return suggestions;
	}

	/** A known issue engineering reported, or its progress. */
	public void knownIssue(String issueKey, String title, String description, boolean open) {
		this.index.put(new Entry("known-issue", issueKey, title, (description != null) ? description : "", open));
	}

	/** The title of a known issue engineering reported, if it did. */
	public Optional<String> knownIssueTitle(String issueKey) {
		return this.index.find("known-issue", issueKey).map(Entry::title);
	}

	public void issueSettled(String issueKey) {
		this.index.find("known-issue", issueKey)
			.ifPresent((e) -> this.index.put(new Entry(e.kind(), e.ref(), e.title(), e.text(), false)));
	}

}
