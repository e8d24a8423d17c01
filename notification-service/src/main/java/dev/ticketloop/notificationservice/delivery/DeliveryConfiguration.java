package dev.ticketloop.notificationservice.delivery;

import java.util.random.RandomGenerator;

import dev.ticketloop.platform.axon.BoundedCache;
import org.axonframework.common.caching.Cache;

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
	 * A notification is loaded again a moment after it was requested (to record its
	 * outcome): the recent ones are kept instead of read back from the store.
	 */
	@Bean
	Cache notificationCache() {
		return new BoundedCache(50_000);
	}

}
