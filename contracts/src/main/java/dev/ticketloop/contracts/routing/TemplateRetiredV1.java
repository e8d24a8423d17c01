package dev.ticketloop.contracts.routing;

import java.time.Instant;

import dev.ticketloop.contracts.IntegrationEvent;

/**
 * An answer template was taken out of use. Published by routing-service on
 * {@code ticketloop.routing.templates.v1}, keyed by template id.
 *
 * @param issueKey the known issue it told of, if any
 */
public record TemplateRetiredV1(String templateId, String issueKey, String retiredBy,
		Instant retiredAt) implements IntegrationEvent {

	@Override
	public String subjectId() {
		return this.templateId;
	}

}
