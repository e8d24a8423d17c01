package dev.ticketloop.routingservice.classification;

/**
 * A known issue or an answer template that looks like what the customer asks.
 *
 * @param kind {@code known-issue} or {@code template}
 * @param ref the issue key or the template id
 * @param score similarity, 0 (nothing in common) to 1 (the same words)
 * @param action {@code suggest} (for agents), {@code link} (the ticket is linked to the
 * open issue at once) or {@code answer} (the ticket is answered with the template at
 * once)
 * @param answer the template's answer in the customer's language, for templates
 */
public record Suggestion(String kind, String ref, String title, double score, String action, String answer) {
}
