package dev.ticketloop.platform.security;

import dev.ticketloop.platform.PlatformProperties;
import dev.ticketloop.platform.web.Problems;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Every endpoint is authenticated from the day it exists: API keys per client, stateless,
 * health open for orchestrators, every endpoint that no service rule allows denied (an
 * unknown path or method answers 404 or 405 to a valid key). Refusals are problem+json
 * (401 without or with a wrong key, 403 with a key of the wrong role).
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication
@EnableConfigurationProperties(PlatformProperties.class)
@Import(CallerController.class)
public class ApiKeySecurityAutoConfiguration {

	@Bean
	public SecurityFilterChain apiKeySecurityFilterChain(HttpSecurity http, PlatformProperties properties,
			ObjectProvider<EndpointRules> rules, ApplicationContext context) throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new ApiKeyAuthenticationFilter(properties.security().apiKeys()),
					AnonymousAuthenticationFilter.class)
			.exceptionHandling((e) -> e
				.authenticationEntryPoint((request, response, ex) -> Problems.write(request, response,
						HttpStatus.UNAUTHORIZED, "unauthorized", "Send a valid API key in the X-Api-Key header."))
				.accessDeniedHandler((request, response, ex) -> Problems.write(request, response, HttpStatus.FORBIDDEN,
						"forbidden", "This API key is not allowed to do that.")))
			.authorizeHttpRequests((authorize) -> {
				// an error or async dispatch continues a request that was authorized (a
				// stream a client cut: its key is not looked at again, and nothing is
				// written to a response that is committed already)
				authorize.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
				authorize.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
				authorize.requestMatchers(HttpMethod.GET, "/me").authenticated();
				rules.orderedStream().forEach((rule) -> rule.apply(authorize));
				authorize.anyRequest().access(new UnmappedRequests(context));
			});
		return http.build();
	}

	/**
	 * A request the firewall refuses (an encoded {@code /} or {@code ..}, a {@code ;}, a
	 * NUL) as problem+json, without echoing its path.
	 */
	@Bean
	public RequestRejectedHandler problemRequestRejectedHandler() {
		return (request, response, ex) -> Problems.write(response, HttpStatus.BAD_REQUEST.value(),
				HttpStatus.BAD_REQUEST.getReasonPhrase(), Problems.TYPE_BASE + "malformed-request",
				"The request's path is refused: it holds an encoded '/', '\\' or '%', a '..' segment, a ';' or a "
						+ "control character.",
				null);
	}

}
