package dev.ticketloop.deploy;

import java.util.Map;

import dev.ticketloop.notificationservice.NotificationServiceApplication;
import dev.ticketloop.routingservice.RoutingServiceApplication;
import dev.ticketloop.ticketservice.TicketServiceApplication;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The three services started side by side in this JVM, each with its own application
 * context, configuration file, database and consumer group: they share nothing but the
 * broker, exactly as when they run as separate processes.
 */
public final class RunningSystem implements AutoCloseable {

	private final ConfigurableApplicationContext ticketService;

	private final ConfigurableApplicationContext routingService;

	private final ConfigurableApplicationContext notificationService;

	private RunningSystem(ConfigurableApplicationContext ticketService, ConfigurableApplicationContext routingService,
			ConfigurableApplicationContext notificationService) {
		this.ticketService = ticketService;
		this.routingService = routingService;
		this.notificationService = notificationService;
	}

	public static RunningSystem start(SystemConfig config) {
		ConfigurableApplicationContext ticket = TicketServiceApplication.builder().run(args(config.ticketService()));
		ConfigurableApplicationContext routing = RoutingServiceApplication.builder().run(args(config.routingService()));
		ConfigurableApplicationContext notification = NotificationServiceApplication.builder()
			.run(args(config.notificationService()));
		return new RunningSystem(ticket, routing, notification);
	}

	/** As command-line arguments: they take precedence over each service's own file. */
	private static String[] args(Map<String, Object> properties) {
		return properties.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}

	public ConfigurableApplicationContext ticketService() {
		return this.ticketService;
	}

	public ConfigurableApplicationContext routingService() {
		return this.routingService;
	}

	public ConfigurableApplicationContext notificationService() {
		return this.notificationService;
	}

	public String ticketServiceUrl() {
		return url(this.ticketService);
	}

	public String routingServiceUrl() {
		return url(this.routingService);
	}

	public String notificationServiceUrl() {
		return url(this.notificationService);
	}

	private static String url(ConfigurableApplicationContext context) {
		return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Override
	public void close() {
		this.notificationService.close();
		this.routingService.close();
		this.ticketService.close();
	}

}
