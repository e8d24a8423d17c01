package dev.ticketloop.platform.security;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's authorization rules for its own endpoints. Whatever no rule allows is
 * denied.
 */
@FunctionalInterface
public interface EndpointRules {

	void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry);

}
