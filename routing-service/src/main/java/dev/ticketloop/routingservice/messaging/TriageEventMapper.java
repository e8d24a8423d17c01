package dev.ticketloop.routingservice.messaging;

import java.util.Optional;

import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.routing.TriageDecidedV1;
import dev.ticketloop.platform.kafka.IntegrationEventMapper;
import dev.ticketloop.routingservice.triage.TriageEvent.TriageDecided;

import org.springframework.stereotype.Component;

/**
 * Triage decisions in the published language ({@code ticketloop.routing.decisions.v1}).
 */
@Component
class TriageEventMapper implements IntegrationEventMapper {

	@Override
	public Optional<IntegrationEvent> toIntegrationEvent(Object domainEvent) {
		if (domainEvent instanceof TriageDecided e) {
			return Optional.of(new TriageDecidedV1(e.ticketId(), e.decisionId(), e.priority(), e.firstResponseDueAt(),
					e.policy(), e.decidedAt()));
		}
		return Optional.empty();
	}

}
