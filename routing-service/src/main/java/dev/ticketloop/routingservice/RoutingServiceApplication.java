package dev.ticketloop.routingservice;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** routing-service: triage of new tickets by configured policy. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RoutingServiceApplication {

	public static final String NAME = "routing-service";

	/** The application with its own configuration file ({@code routing-service.yml}). */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(RoutingServiceApplication.class).properties("spring.config.name=" + NAME);
	}

	public static void main(String[] args) {
		builder().run(args);
	}

}
