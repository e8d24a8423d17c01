package dev.ticketloop.notificationservice.messaging;

import java.util.Optional;

import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.notification.NotificationAbandonedV1;
import dev.ticketloop.contracts.notification.NotificationDeliveredV1;
import dev.ticketloop.contracts.notification.SurveyAnsweredV1;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryAbandoned;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationDelivered;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.SurveyAnswered;
import dev.ticketloop.platform.kafka.IntegrationEventMapper;

import org.springframework.stereotype.Component;

/**
 * Delivery receipts (delivered, or abandoned to the dead-letter store) and survey answers
 * in the published language ({@code ticketloop.notification.receipts.v1}).
 */
@Component
class NotificationEventMapper implements IntegrationEventMapper {

	@Override
	public Optional<IntegrationEvent> toIntegrationEvent(Object domainEvent) {
		return Optional.ofNullable(switch (domainEvent) {
			case NotificationDelivered e -> new NotificationDeliveredV1(e.ticketId(), e.notificationId(),
					e.reason().wireName(), e.channel(), e.deliveredAt());
			case DeliveryAbandoned e ->
				new NotificationAbandonedV1(e.ticketId(), e.notificationId(), e.reason().wireName(), e.channel(),
						e.attempt(), e.permanent() ? "permanent" : "exhausted", e.detail(), e.abandonedAt());
			case SurveyAnswered e ->
				new SurveyAnsweredV1(e.ticketId(), e.notificationId(), e.score(), e.comment(), e.answeredAt());
			default -> null;
		});
	}

}
