package dev.ticketloop.insightsservice;

import dev.ticketloop.platform.security.EndpointRules;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
class InsightsEndpoints {

	@Bean
	EndpointRules insightsEndpointRules() {
		return (authorize) -> authorize.requestMatchers(HttpMethod.GET, "/reports/engineering", "/reports/emerging")
			.hasAnyRole("AGENT", "LEAD", "OPERATOR", "ENGINEERING")
			.requestMatchers(HttpMethod.GET, "/reports/**")
			.hasAnyRole("AGENT", "LEAD", "OPERATOR")
			.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
			.hasAnyRole("ADAPTER", "AGENT", "LEAD", "OPERATOR", "ENGINEERING");
	}

	@Bean
	OpenAPI insightsServiceApi() {
		return new OpenAPI().info(new Info().title("ticketloop insights-service")
			.version("v1")
			.description("The loop's numbers, computed from the published topics alone: the funnel, SLA attainment, "
					+ "satisfaction, top questions and the report to engineering, over any period of days, sliced by channel, tier, category, team, language, "
					+ "platform and agent, as JSON or CSV (Accept: text/csv). Errors are RFC 9457 problem+json. "
					+ "Every call needs an API key in X-Api-Key."))
			.components(new Components().addSecuritySchemes("apiKey",
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name("X-Api-Key")))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"));
	}

}
