package dev.ticketloop.routingservice.sla;

import dev.ticketloop.platform.axon.BoundedCache;
import org.axonframework.common.caching.Cache;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SLA policies, checked at start-up, and the clocks' cache. */
@Configuration(proxyBeanMethods = false)
class SlaConfiguration {

	@Bean
	SlaPolicies slaPolicies(SlaSettings settings) {
		return settings.toPolicies();
	}

	/**
	 * A clock is loaded at each fact and each deadline: the recent ones are kept, as many
	 * as {@code ticketloop.sla.clock-cache-size} (by default 100,000, about as many as
	 * are open on a busy desk; a deadline whose clock is not cached reads it from the
	 * event store, which makes it later).
	 */
	@Bean
	Cache slaClockCache(@Value("${ticketloop.sla.clock-cache-size:100000}") int size) {
		return new BoundedCache(size);
	}

}
