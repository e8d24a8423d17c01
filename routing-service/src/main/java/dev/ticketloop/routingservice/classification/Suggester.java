package dev.ticketloop.routingservice.classification;

import java.util.ArrayList;
import java.util.List;

import dev.ticketloop.routingservice.classification.KnowledgeIndex.Entry;
import dev.ticketloop.routingservice.classification.KnowledgeIndex.Match;
import dev.ticketloop.routingservice.classification.SuggestionSettings.Template;

/**
 * Most questions are known questions: finds the known issues and answer templates most
 * like a ticket's text and decides what to do with each: above the automatic thresholds
 * the ticket is linked to the open issue, or answered with the template in the customer's
 * language, at once (one automatic action at most, the better match); below them, agents
 * get the suggestion with its score.
 */
public class Suggester {

	private final KnowledgeIndex index;

	private final SuggestionSettings settings;

	public Suggester(KnowledgeIndex index, SuggestionSettings settings) {
		this.index = index;
		this.settings = settings;
		// a template is indexed once per language it answers in: a question is compared
		// with the answer in its own language, not with all of them at once
		for (Template t : settings.templates()) {
			t.answers()
				.forEach((language, answer) -> index.put(new Entry("template", t.id() + "@" + language, t.title(),
						String.join("\n", t.questions().getOrDefault(language, List.of())) + "\n" + answer, true)));
		}
	}

	public List<Suggestion> suggest(String subject, String body, String language) {
		List<Suggestion> suggestions = new ArrayList<>();
		boolean acted = false;
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (Match match : this.index.similarTo(subject + "\n" + body, this.settings.suggestAt(), 6)) {
			Entry entry = match.entry();
			String ref = entry.kind().equals("template") ? entry.ref().substring(0, entry.ref().indexOf('@'))
					: entry.ref();
			if (!seen.add(entry.kind() + ":" + ref) || suggestions.size() == 3) {
				continue; // the same template in another language, or enough
			}
			String action = "suggest";
			String answer = null;
			if (entry.kind().equals("template")) {
				answer = answerIn(ref, language);
				if (!acted && answer != null && match.score() >= this.settings.autoAnswerAt()) {
					action = "answer";
				}
			}
			else if (!acted && entry.open() && match.score() >= this.settings.autoLinkAt()) {
				action = "link";
			}
			acted |= !action.equals("suggest");
			suggestions.add(new Suggestion(entry.kind(), ref, entry.title(), match.score(), action, answer));
		}
		return suggestions;
	}

	private String answerIn(String templateId, String language) {
		return this.settings.templates()
			.stream()
			.filter((t) -> t.id().equals(templateId))
			.findFirst()
			.map((t) -> t.answers().get(language))
			.orElse(null);
	}

	/** A known issue engineering reported, or its progress. */
	public void knownIssue(String issueKey, String title, String description, boolean open) {
		this.index.put(new Entry("known-issue", issueKey, title, (description != null) ? description : "", open));
	}

	public void issueSettled(String issueKey) {
		this.index.find("known-issue", issueKey)
			.ifPresent((e) -> this.index.put(new Entry(e.kind(), e.ref(), e.title(), e.text(), false)));
	}

}
