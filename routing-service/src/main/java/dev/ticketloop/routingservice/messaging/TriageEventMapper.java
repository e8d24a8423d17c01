package dev.ticketloop.routingservice.messaging;

import java.util.Optional;

import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.routing.AssignmentDecidedV1;
import dev.ticketloop.contracts.routing.SlaBreachedV1;
import dev.ticketloop.contracts.routing.SlaTargetMetV1;
import dev.ticketloop.contracts.routing.SlaWarningV1;
import dev.ticketloop.contracts.routing.SuggestionMadeV1;
import dev.ticketloop.contracts.routing.TemplateApprovedV1;
import dev.ticketloop.contracts.routing.TemplateRetiredV1;
import dev.ticketloop.contracts.routing.TriageDecidedV1;
import dev.ticketloop.platform.kafka.IntegrationEventMapper;
import dev.ticketloop.routingservice.sla.SlaClockEvent.PriorityEscalated;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaTargetBreached;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaTargetMet;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaWarningRaised;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateApproved;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateRestored;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateRetired;
import dev.ticketloop.routingservice.triage.TriageEvent.AssignmentDecided;
import dev.ticketloop.routingservice.triage.TriageEvent.SuggestionMade;
import dev.ticketloop.routingservice.triage.TriageEvent.TriageDecided;

import org.springframework.stereotype.Component;

/**
 * Routing's decisions in the published language
 * ({@code ticketloop.routing.decisions.v1}): triage, SLA warnings, breaches and targets
 * met, and a breach's raised priority (a new triage decision, which the ticket applies
 * like the first); and the template library's approved versions and retirements
 * ({@code ticketloop.routing.templates.v1}).
 */
@Component
class TriageEventMapper implements IntegrationEventMapper {

	@Override
	public Optional<IntegrationEvent> toIntegrationEvent(Object domainEvent) {
		return Optional.ofNullable(switch (domainEvent) {
			case TriageDecided e ->
				new TriageDecidedV1(e.ticketId(), e.decisionId(), e.priority(), e.firstResponseDueAt(), e.policy(),
						e.decidedAt(), "triage", e.customerTier(), e.language(), e.category(), e.tags(), e.team());
			case SlaWarningRaised e -> new SlaWarningV1(e.ticketId(), e.target().wireName(), e.policy(), e.dueAt(),
					e.breachAt(), e.raisedAt());
			case SlaTargetBreached e ->
				new SlaBreachedV1(e.ticketId(), e.target().wireName(), e.policy(), e.dueAt(), e.raisedAt());
			case SlaTargetMet e -> new SlaTargetMetV1(e.ticketId(), e.target().wireName(), e.policy(), e.withinTarget(),
					e.elapsed().toSeconds(), e.limit().toSeconds(), e.metAt());
			case AssignmentDecided e -> new AssignmentDecidedV1(e.ticketId(), e.decisionId(), e.agent(),
					e.previousAgent(), e.reason(), e.decidedAt());
			case SuggestionMade e -> new SuggestionMadeV1(e.ticketId(), e.suggestionId(), e.kind(), e.ref(), e.title(),
					e.score(), e.action(), e.answer(), e.madeAt(), e.templateVersion(), e.confidence(), e.heldBack());
			case PriorityEscalated e -> new TriageDecidedV1(e.ticketId(),
					// one id per escalation (a later breach escalates again), the same on
					// re-publication
					"escalation-" + e.ticketId() + "-" + e.breached().wireName() + "-" + e.to() + "-"
							+ e.escalatedAt().toEpochMilli(),
					e.to(), e.firstResponseDueAt(), e.policy(), e.escalatedAt(), "sla-breach", null, null, null, null,
					null);
			case TemplateApproved e -> (e.content() == null) ? null
					: new TemplateApprovedV1(e.templateId(), e.version(), e.content().title(), e.content().category(),
							e.content().issueKey(), e.content().answers(), e.approvedBy(), e.approvedAt());
			case TemplateRestored e -> (e.content() == null) ? null
					: new TemplateApprovedV1(e.templateId(), e.version(), e.content().title(), e.content().category(),
							e.content().issueKey(), e.content().answers(), e.restoredBy(), e.restoredAt());
			case TemplateRetired e -> new TemplateRetiredV1(e.templateId(), e.issueKey(), e.retiredBy(), e.retiredAt());
			default -> null;
		});
	}

}
