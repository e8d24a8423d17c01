package dev.ticketloop.notificationservice;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** notification-service: tells customers, once, and reports the delivery back. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationServiceApplication {

	public static final String NAME = "notification-service";

	/**
	 * The application with its own configuration file ({@code notification-service.yml}).
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(NotificationServiceApplication.class)
			.properties("spring.config.name=" + NAME);
	}

	public static void main(String[] args) {
		builder().run(args);
	}

}
