package dev.ticketloop.notificationservice.delivery;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A customer reads their messages in the order things happened to their ticket: the
 * delivery processor handles the notifications of one ticket one after the other (the
 * notifications of different tickets still go out in parallel). Without this, a
 * question's answer and the resolution, being different notifications, could overtake
 * each other. (A retry after a passing failure comes later, by its nature.)
 */
@Configuration(proxyBeanMethods = false)
class DeliveryOrdering {

	@Bean
	ConfigurerModule deliveryInTicketOrder() {
		return (configurer) -> configurer.eventProcessing((processing) -> processing
			.registerSequencingPolicy(DeliveryWorker.PROCESSING_GROUP, (config) -> (event) -> {
				if (event.getPayload() instanceof NotificationEvent notification) {
					return notification.ticketId();
				}
				return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
			}));
	}

}
