package dev.ticketloop.insightsservice;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * insights-service: the loop's numbers, computed from the published topics alone (ADR
 * 17). It reads what any other team may read, keeps a fact sheet per ticket, and adds the
 * tickets of each day up into totals that every report reads by {@code _id}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InsightsServiceApplication {

	public static final String NAME = "insights-service";

	/** The application with its own configuration file ({@code insights-service.yml}). */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(InsightsServiceApplication.class).properties("spring.config.name=" + NAME);
	}

	public static void main(String[] args) {
		builder().run(args);
	}

}
