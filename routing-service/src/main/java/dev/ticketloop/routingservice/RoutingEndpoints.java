package dev.ticketloop.routingservice;

import dev.ticketloop.platform.security.EndpointRules;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call what on routing-service, and its OpenAPI description. */
@Configuration(proxyBeanMethods = false)
class RoutingEndpoints {

	@Bean
	EndpointRules routingEndpointRules() {
		return (authorize) -> authorize.requestMatchers(HttpMethod.GET, "/queues", "/queues/*", "/queues/*/stream")
			.hasAnyRole("AGENT", "OPERATOR")
			.requestMatchers(HttpMethod.GET, "/agents", "/tickets/*/suggestions")
			.hasAnyRole("AGENT", "OPERATOR")
			.requestMatchers(HttpMethod.GET, "/tickets/*/sla-clock", "/tickets/*/sla-clock/events")
			.hasAnyRole("AGENT", "OPERATOR")
			.requestMatchers(HttpMethod.PUT, "/agents/*/availability")
			.hasAnyRole("AGENT", "OPERATOR")
			.requestMatchers(HttpMethod.PUT, "/agents/*")
			.hasRole("OPERATOR")
			.requestMatchers(HttpMethod.POST, "/sla/what-if")
			.hasRole("OPERATOR")
			// the template library: agents read and propose, leads (also agents) review
			.requestMatchers(HttpMethod.GET, "/templates", "/templates/*", "/tickets/*/templates/*")
			.hasAnyRole("AGENT", "OPERATOR")
			.requestMatchers(HttpMethod.GET, "/templates/*/events")
			.hasAnyRole("LEAD", "OPERATOR")
			.requestMatchers(HttpMethod.POST, "/templates", "/templates/*/versions")
			.hasRole("AGENT")
			.requestMatchers(HttpMethod.POST, "/templates/*/approval", "/templates/*/rejection",
					"/templates/*/retirement", "/templates/*/restoration", "/templates/*/auto-answer-resumption")
			.hasRole("LEAD")
			.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
			.hasAnyRole("ADAPTER", "AGENT", "LEAD", "OPERATOR", "ENGINEERING");
	}

	@Bean
	OpenAPI routingServiceApi() {
		return new OpenAPI().info(new Info().title("ticketloop routing-service")
			.version("v1")
			.description("Live queues ordered by SLA urgency (REST and server-sent events), agents and their "
					+ "availability for the dispatcher, suggestions of known issues and answer templates, the "
					+ "answer template library (agents propose, leads approve), "
					+ "tickets' SLA clocks now or as they were, and what-if replays of SLA policies. Errors are RFC 9457 problem+json. Every call needs an "
					+ "API key in X-Api-Key."))
			.components(new Components().addSecuritySchemes("apiKey",
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name("X-Api-Key")))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"));
	}

}
