package dev.ticketloop.contracts.routing;

import java.time.Instant;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * The ticket looks like a known engineering issue or like a question an answer template
 * answers.
 *
 * @param kind {@code known-issue} or {@code template}
 * @param ref the issue key or the template id
 * @param score similarity, 0 to 1
 * @param action {@code suggest} (for agents), {@code link} (link the ticket to the open
 * issue now) or {@code answer} (answer and resolve the ticket with {@code answer} now)
 * @param answer the template's answer in the customer's language (templates only)
 * @param templateVersion the template's approved version (templates only; added in place,
 * optional, as the fields after it)
 * @param confidence the calibrated chance that the template is the right answer
 * @param heldBack why a template above its language's automatic threshold did not answer
 * by itself: {@code bug-report}, {@code upset-customer}, {@code several-questions},
 * {@code suspended}
 */
public record SuggestionMadeV1(String ticketId, String suggestionId, String kind, String ref, String title,
		double score, String action, String answer, Instant madeAt, Integer templateVersion, Double confidence,
		String heldBack) implements TicketIntegrationEvent {

	public SuggestionMadeV1(String ticketId, String suggestionId, String kind, String ref, String title, double score,
			String action, String answer, Instant madeAt) {
		this(ticketId, suggestionId, kind, ref, title, score, action, answer, madeAt, null, null, null);
	}

}
