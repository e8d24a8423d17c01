package dev.ticketloop.contracts.routing;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import dev.ticketloop.contracts.IntegrationEvent;

/**
 * A version of an answer template was approved by a lead (or restored with it): from now
 * on it is what the template says. Published by routing-service on
 * {@code ticketloop.routing.templates.v1}, keyed by template id, compacted: the latest
 * record of each template is its state.
 *
 * @param templateId the template, e.g. {@code reset-password} or
 * {@code release-iss-7k3qf2ma}
 * @param version the approved version
 * @param category what it is about, e.g. {@code billing}, {@code release}; may be absent
 * @param issueKey the known issue whose release it tells of, if any: notification-service
 * tells that issue's customers of its fix with it
 * @param answers the answer per language (ISO 639-1), with placeholders
 * ({@code {{customerName}}}, {@code {{ticketId}}}, {@code {{version}}}) to fill
 * @param approvedBy the lead
 */
public record TemplateApprovedV1(String templateId, int version, String title, String category, String issueKey,
		Map<String, String> answers, String approvedBy, Instant approvedAt) implements IntegrationEvent {

	/** The answers in the order of their languages: the same JSON every time. */
	public TemplateApprovedV1 {
		answers = (answers != null) ? Collections.unmodifiableMap(new TreeMap<>(answers)) : Map.of();
	}

	@Override
	public String subjectId() {
		return this.templateId;
	}

}
