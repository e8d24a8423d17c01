package dev.ticketloop.notificationservice.delivery;

import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A customer reads their mails in the order things happened to their ticket: the delivery
 * processor handles the notifications of one ticket one after the other (the
 * notifications of different tickets still go out in parallel). Without this, a
 * question's answer and the resolution, being different notifications, could overtake
 * each other.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryOrdering {

	@Bean
	ConfigurerModule deliveryInTicketOrder() {
		return (configurer) -> configurer.eventProcessing((processing) -> processing
			.registerSequencingPolicy(MailDelivery.PROCESSING_GROUP, (config) -> (event) -> {
				if (event.getPayload() instanceof NotificationRequested requested) {
					return requested.ticketId();
				}
				return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
			}));
	}

}
