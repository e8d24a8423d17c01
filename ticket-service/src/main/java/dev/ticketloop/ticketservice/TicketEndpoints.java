package dev.ticketloop.ticketservice;

import dev.ticketloop.platform.security.EndpointRules;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call what on ticket-service, and its OpenAPI description. */
@Configuration(proxyBeanMethods = false)
class TicketEndpoints {

	@Bean
	EndpointRules ticketEndpointRules() {
		return (authorize) -> authorize.requestMatchers(HttpMethod.POST, "/tickets")
			.hasAnyRole("ADAPTER", "AGENT")
			.requestMatchers(HttpMethod.GET, "/tickets/*/events", "/tickets/*/stream", "/issues/*/events")
			.hasAnyRole("AGENT", "OPERATOR")
			.requestMatchers(HttpMethod.GET, "/tickets", "/tickets/*")
			.hasAnyRole("ADAPTER", "AGENT", "OPERATOR")
			.requestMatchers(HttpMethod.POST, "/tickets/*/escalation", "/tickets/*/issue-link", "/tickets/*/merge")
			.hasRole("AGENT")
			.requestMatchers(HttpMethod.GET, "/issues/*", "/issues/*/tickets")
			.hasAnyRole("AGENT", "OPERATOR", "ENGINEERING")
			.requestMatchers(HttpMethod.POST, "/issues", "/issues/*/confirmation")
			.hasAnyRole("AGENT", "ENGINEERING")
			.requestMatchers(HttpMethod.POST, "/issues/*/fix-schedule", "/issues/*/decline", "/releases")
			.hasRole("ENGINEERING")
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
			.hasAnyRole("ADAPTER", "AGENT")
			.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
			.hasAnyRole("ADAPTER", "AGENT", "OPERATOR", "ENGINEERING");
	}

	/** The OpenAPI document ({@code /v3/api-docs}), generated from the controllers. */
	@Bean
	OpenAPI ticketServiceApi() {
		return new OpenAPI()
			.info(new Info().title("ticketloop ticket-service")
				.version("v1")
				.description(
						"Intake for channel adapters, the ticket lifecycle for agents, engineering issues and releases "
								+ "for engineering's tooling. Errors are RFC 9457 "
								+ "problem+json. Every call needs an API key in X-Api-Key."))
			.components(new Components().addSecuritySchemes("apiKey",
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name("X-Api-Key")))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"));
	}

}
