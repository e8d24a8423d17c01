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
 */
public record SuggestionMadeV1(String ticketId, String suggestionId, String kind, String ref, String title,
		double score, String action, String answer, Instant madeAt) implements TicketIntegrationEvent {
}
