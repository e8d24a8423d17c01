package dev.ticketloop.notificationservice.content;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * The templates: built in, or an operator's own
 * ({@code ticketloop.notifications.location}).
 */
@Configuration(proxyBeanMethods = false)
class ContentConfiguration {

	@Bean
	NotificationRenderer notificationRenderer(ResourceLoader resources,
			@Value("${ticketloop.notifications.location:}") String location) {
		return new NotificationRenderer(resources, location);
	}

}
