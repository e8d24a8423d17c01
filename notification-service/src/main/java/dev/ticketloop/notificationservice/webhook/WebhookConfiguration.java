package dev.ticketloop.notificationservice.webhook;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SSRF guard of the webhook client and of registrations. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	@Bean
	CallbackAddressGuard callbackAddressGuard(WebhookSettings settings) {
		return new CallbackAddressGuard(settings.allowedHosts());
	}

}
