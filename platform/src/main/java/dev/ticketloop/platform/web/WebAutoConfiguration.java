package dev.ticketloop.platform.web;

import dev.ticketloop.platform.PlatformProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Every answer of every service is JSON, every error RFC 9457 problem+json: the
 * controller advice for the application's errors, the error page for the servlet
 * container's forwarded errors (in place of Spring Boot's), Tomcat's own error report for
 * requests refused before they reach the application.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication
@EnableConfigurationProperties(PlatformProperties.class)
public class WebAutoConfiguration {

	@Bean
	public ProblemDetailsAdvice problemDetailsAdvice() {
		return new ProblemDetailsAdvice();
	}

	@Bean
	public ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	@Bean
	public FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(PlatformProperties properties) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(properties.web().maxRequestSize().toBytes()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
	static class TomcatErrors {

		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReports() {
			return (factory) -> factory.addEngineValves(new ProblemErrorReportValve.Installer());
		}

	}

}
