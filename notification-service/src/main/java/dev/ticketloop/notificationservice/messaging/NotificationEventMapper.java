package dev.ticketloop.notificationservice.messaging;

import java.util.Optional;

import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.notification.NotificationDeliveredV1;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationDelivered;
import dev.ticketloop.platform.kafka.IntegrationEventMapper;

import org.springframework.stereotype.Component;

/**
 * Delivery receipts in the published language
 * ({@code ticketloop.notification.receipts.v1}).
 */
@Component
class NotificationEventMapper implements IntegrationEventMapper {

	@Override
	public Optional<IntegrationEvent> toIntegrationEvent(Object domainEvent) {
		if (domainEvent instanceof NotificationDelivered e) {
			return Optional.of(new NotificationDeliveredV1(e.ticketId(), e.notificationId(), e.reason().wireName(),
					e.channel(), e.deliveredAt()));
		}
		return Optional.empty();
	}

}
