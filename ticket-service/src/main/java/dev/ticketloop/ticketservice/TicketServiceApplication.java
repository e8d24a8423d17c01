package dev.ticketloop.ticketservice;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * ticket-service: the source of truth for tickets. Runs alone against external Kafka and
 * MongoDB ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code MONGODB_URI}), or inside the local
 * system started by {@code deploy}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TicketServiceApplication {

	public static final String NAME = "ticket-service";

	/**
	 * The application with its own configuration file ({@code ticket-service.yml}), so
	 * that the three services can share one JVM in the local system and in end-to-end
	 * tests.
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(TicketServiceApplication.class).properties("spring.config.name=" + NAME);
	}

	public static void main(String[] args) {
		builder().run(args);
	}

}
