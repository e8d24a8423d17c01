package dev.ticketloop.notificationservice.delivery;

import java.util.random.RandomGenerator;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The notification's collaborators: its retry policy and its cache. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	@Bean
	RetryPolicy retryPolicy(DeliverySettings settings) {
		DeliverySettings.Retry retry = settings.retry();
		return new RetryPolicy(retry.initialDelay(), retry.multiplier(), retry.maxDelay(), retry.maxAttempts(),
				retry.jitter(), RandomGenerator.getDefault());
	}

	/**
	 * A notification is loaded again right after it was requested (its outcome): kept
	 * while in use instead of read back from the store.
	 */
	@Bean
	Cache notificationCache() {
		return new WeakReferenceCache();
	}

}
