package dev.ticketloop.routingservice.template;

import java.util.List;

import dev.ticketloop.testsupport.KnownQuestions;

/**
 * The known-questions corpus as routing's tests use it: the 22 templates of the seed
 * library ({@code templates/seed-library.json}) and the labelled tickets of
 * {@link KnownQuestions}.
 */
public final class KnownQuestionsCorpus {

	public static final List<String> LANGUAGES = KnownQuestions.LANGUAGES;

	private KnownQuestionsCorpus() {
	}

	/** The seed library, as live version 1 templates. */
	public static List<LiveTemplate> templates() {
		return SeedLibrary.shipped().stream().map((s) -> new LiveTemplate(s.id(), 1, s.content(), true)).toList();
	}

	public static List<KnownQuestions.Ticket> tickets() {
		return KnownQuestions.tickets();
	}

}
