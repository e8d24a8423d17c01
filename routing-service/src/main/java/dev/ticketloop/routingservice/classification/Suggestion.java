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
 * @param answer the template's answer in the customer's language, placeholders filled,
 * for templates
 * @param version the template's approved version (templates only)
 * @param confidence the calibrated chance that the template is the right answer
 * (templates only)
 * @param heldBack why a template that scored above the automatic threshold did not answer
 * by itself: {@code bug-report}, {@code upset-customer}, {@code several-questions} or
 * {@code suspended}; else {@code null}
 */
public record Suggestion(String kind, String ref, String title, double score, String action, String answer,
		Integer version, Double confidence, String heldBack) {

	public Suggestion(String kind, String ref, String title, double score, String action, String answer) {
		this(kind, ref, title, score, action, answer, null, null, null);
	}

}
