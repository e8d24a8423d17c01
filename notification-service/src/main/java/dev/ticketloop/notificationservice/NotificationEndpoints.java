package dev.ticketloop.notificationservice;

import dev.ticketloop.platform.security.EndpointRules;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call what on notification-service, and its OpenAPI description. */
@Configuration(proxyBeanMethods = false)
class NotificationEndpoints {

	@Bean
	EndpointRules notificationEndpointRules() {
		return (authorize) -> authorize.requestMatchers("/webhooks/*", "/webhooks/*/secret-rotation")
			.hasAnyRole("ADAPTER", "OPERATOR")
			.requestMatchers(HttpMethod.GET, "/dead-letters", "/dead-letters/*")
			.hasRole("OPERATOR")
			.requestMatchers(HttpMethod.GET, "/notifications/*", "/notifications/*/events")
			.hasAnyRole("AGENT", "OPERATOR")
			.requestMatchers(HttpMethod.POST, "/dead-letters/*/retry", "/dead-letters/*/discard")
			.hasRole("OPERATOR")
			// the survey's signed token is the customer's credential
			.requestMatchers(HttpMethod.GET, "/surveys/*")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/surveys/*")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
			.hasAnyRole("ADAPTER", "AGENT", "OPERATOR", "ENGINEERING");
	}

	@Bean
	OpenAPI notificationServiceApi() {
		return new OpenAPI().info(new Info().title("ticketloop notification-service")
			.version("v1")
			.description("Channel adapters register their signed webhook callbacks; operators work the dead-letter "
					+ "store and read each notification, now or as it was, with its events; customers answer satisfaction surveys through signed links. Errors are RFC 9457 "
					+ "problem+json. Every call but the survey's needs an API key in X-Api-Key."))
			.components(new Components().addSecuritySchemes("apiKey",
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name("X-Api-Key")))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"));
	}

}
