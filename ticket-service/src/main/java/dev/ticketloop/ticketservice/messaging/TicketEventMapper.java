package dev.ticketloop.ticketservice.messaging;

import java.util.Optional;

import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.ticket.CustomerNotifiedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketTriagedV1;
import dev.ticketloop.platform.kafka.IntegrationEventMapper;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketOpened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketTriaged;

import org.springframework.stereotype.Component;

/**
 * The ticket's internal events in the published language
 * ({@code ticketloop.ticket.events.v1}).
 */
@Component
class TicketEventMapper implements IntegrationEventMapper {

	@Override
	public Optional<IntegrationEvent> toIntegrationEvent(Object domainEvent) {
		return Optional.ofNullable(switch (domainEvent) {
			case TicketOpened e -> new TicketOpenedV1(e.ticketId().value(), e.channel().wireName(), e.customerRef(),
					e.contact().email(), e.contact().name(), e.locale(), e.subject(), e.body(), e.openedAt());
			case TicketTriaged e -> new TicketTriagedV1(e.ticketId().value(), e.decisionId(), e.priority().wireName(),
					e.firstResponseDueAt(), e.triagedAt());
			case CustomerNotified e -> new CustomerNotifiedV1(e.ticketId().value(), e.notificationId(), e.reason(),
					e.channel(), e.deliveredAt());
			default -> null;
		});
	}

}
