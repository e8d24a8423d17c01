package dev.ticketloop.contracts.routing;

import java.time.Instant;
import java.util.List;

import dev.ticketloop.contracts.TicketIntegrationEvent;

/**
 * routing-service decided a new ticket's priority and first-response due time.
 *
 * @param decisionId unique per decision; the ticket applies a decision once
 * @param priority {@code urgent}, {@code high}, {@code normal} or {@code low}
 * @param policy name of the SLA policy that produced the decision
 * @param reason {@code triage} (the ticket's first decision) or {@code sla-breach} (a
 * breach raised the priority); absent in decisions made before it existed, meaning
 * {@code triage} (this and the fields below were added in place: optional)
 * @param customerTier the tier the policy was chosen by, if known
 * @param language the language of the customer's text (ISO 639-1), as detected
 * @param category the category the classification rules chose, if any
 * @param tags tags the classification rules found
 * @param team the team whose queue the ticket is in
 */
public record TriageDecidedV1(String ticketId, String decisionId, String priority, Instant firstResponseDueAt,
		String policy, Instant decidedAt, String reason, String customerTier, String language, String category,
		List<String> tags, String team) implements TicketIntegrationEvent {

	public TriageDecidedV1 {
		tags = (tags != null) ? List.copyOf(tags) : List.of();
	}

}
