package dev.ticketloop.ticketservice;

import dev.ticketloop.platform.security.EndpointRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call what on ticket-service. */
@Configuration(proxyBeanMethods = false)
class TicketEndpoints {

	@Bean
	EndpointRules ticketEndpointRules() {
		return (authorize) -> authorize.requestMatchers(HttpMethod.POST, "/tickets")
			.hasAnyRole("ADAPTER", "AGENT")
			.requestMatchers(HttpMethod.GET, "/tickets/*")
			.hasAnyRole("ADAPTER", "AGENT", "OPERATOR")
			.requestMatchers(HttpMethod.POST, "/tickets/*/assignment")
			.hasAnyRole("AGENT", "OPERATOR")
			.requestMatchers(HttpMethod.POST, "/tickets/*/closure")
			.hasAnyRole("AGENT", "OPERATOR", "ADAPTER")
			.requestMatchers(HttpMethod.POST, "/tickets/*/clarification-requests", "/tickets/*/replies",
					"/tickets/*/resolution")
			.hasRole("AGENT")
			.requestMatchers(HttpMethod.POST, "/tickets/*/messages", "/tickets/*/rating")
			.hasRole("ADAPTER")
			.requestMatchers(HttpMethod.POST, "/tickets/*/reopening")
			.hasAnyRole("ADAPTER", "AGENT");
	}

}
