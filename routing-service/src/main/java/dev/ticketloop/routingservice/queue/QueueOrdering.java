package dev.ticketloop.routingservice.queue;

import dev.ticketloop.routingservice.sla.SlaClockEvent;
import dev.ticketloop.routingservice.triage.TriageEvent;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queue's events of one ticket, from its triage and from its clock, are handled one
 * after the other (they are two aggregates with two ids).
 */
@Configuration(proxyBeanMethods = false)
class QueueOrdering {

	@Bean
	ConfigurerModule queueInTicketOrder() {
		return (configurer) -> configurer
			.eventProcessing((processing) -> processing.registerSequencingPolicy(QueueProjection.PROCESSING_GROUP,
					(config) -> (event) -> switch (event.getPayload()) {
						case TriageEvent e -> e.ticketId();
						case SlaClockEvent e -> e.ticketId();
						default -> SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
					}));
	}

}
