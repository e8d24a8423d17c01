package dev.ticketloop.routingservice.sla;

import dev.ticketloop.platform.axon.BoundedCache;
import org.axonframework.common.caching.Cache;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SLA policies, checked at start-up, and the clocks' cache. */
@Configuration(proxyBeanMethods = false)
class SlaConfiguration {

	@Bean
	SlaPolicies slaPolicies(SlaSettings settings) {
		return settings.toPolicies();
	}

	/** A clock is loaded at each fact and each deadline: the recent ones are kept. */
	@Bean
	Cache slaClockCache() {
		return new BoundedCache(20_000);
	}

}
