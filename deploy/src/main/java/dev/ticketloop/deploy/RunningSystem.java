package dev.ticketloop.deploy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.ticketloop.console.ConsoleApplication;
import dev.ticketloop.insightsservice.InsightsServiceApplication;
import dev.ticketloop.notificationservice.NotificationServiceApplication;
import dev.ticketloop.routingservice.RoutingServiceApplication;
import dev.ticketloop.ticketservice.TicketServiceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four services started side by side in this JVM, and the console in front of them,
 * each with its own application context, configuration file, database and consumer group:
 * they share nothing but the broker, exactly as when they run as separate processes.
 * Several instances of each share its database and consumer group, as replicas do. The
 * contexts register no shutdown hook of their own: whoever starts the system closes it
 * ({@link #close}), before the infrastructure under it.
 */
public final class RunningSystem implements AutoCloseable {

	/** The ports of a service's further instances follow its first by this step. */
	public static final int INSTANCE_PORT_STEP = 10;

	private final List<ConfigurableApplicationContext> ticketServices;

	private final List<ConfigurableApplicationContext> routingServices;

	private final List<ConfigurableApplicationContext> notificationServices;

	private final List<ConfigurableApplicationContext> insightsServices;

	private final ConfigurableApplicationContext console;

	private RunningSystem(List<ConfigurableApplicationContext> ticketServices,
			List<ConfigurableApplicationContext> routingServices,
			List<ConfigurableApplicationContext> notificationServices,
			List<ConfigurableApplicationContext> insightsServices, ConfigurableApplicationContext console) {
		this.console = console;
		this.ticketServices = ticketServices;
		this.routingServices = routingServices;
		this.notificationServices = notificationServices;
		this.insightsServices = insightsServices;
	}

	public static RunningSystem start(SystemConfig config) {
		return start(config, 1);
	}

	/** Starts {@code instances} instances of each service (1 or more). */
	public static RunningSystem start(SystemConfig config, int instances) {
		return start(config, instances, Map.of());
	}

	/**
	 * Starts {@code instances} instances of each service, the services named in
	 * {@code clocks} ({@code routing-service}, …) on the given time source instead of the
	 * system's: a test moves the time a service sees (its SLA clocks, timers, bands).
	 */
	public static RunningSystem start(SystemConfig config, int instances, Map<String, Clock> clocks) {
		List<ConfigurableApplicationContext> ticket = new ArrayList<>();
		List<ConfigurableApplicationContext> routing = new ArrayList<>();
		List<ConfigurableApplicationContext> notification = new ArrayList<>();
		List<ConfigurableApplicationContext> insights = new ArrayList<>();
		for (int i = 0; i < instances; i++) {
			ticket.add(run(TicketServiceApplication::builder, config.ticketService(), i, clocks.get("ticket-service")));
			routing.add(
					run(RoutingServiceApplication::builder, config.routingService(), i, clocks.get("routing-service")));
			notification.add(run(NotificationServiceApplication::builder, config.notificationService(), i,
					clocks.get("notification-service")));
			insights.add(run(InsightsServiceApplication::builder, config.insightsService(), i,
					clocks.get("insights-service")));
		}
		ConfigurableApplicationContext console = run(ConsoleApplication::builder,
				config.console(url(ticket.get(0)), url(routing.get(0)), url(notification.get(0)), url(insights.get(0))),
				0, null);
		return new RunningSystem(ticket, routing, notification, insights, console);
	}

	private static ConfigurableApplicationContext run(Supplier<SpringApplicationBuilder> service,
			Map<String, Object> properties, int instance, Clock clock) {
		SpringApplicationBuilder builder = service.get().registerShutdownHook(false);
		if (clock != null) {
			// before the auto-configuration, whose own clock backs off for it
			builder.initializers((context) -> context.getBeanFactory().registerSingleton("clock", clock));
		}
		return builder.run(args(properties, instance));
	}

	/**
	 * As command-line arguments: they take precedence over each service's own file. A
	 * further instance listens on its own port.
	 */
	private static String[] args(Map<String, Object> properties, int instance) {
		return properties.entrySet().stream().map((e) -> {
			Object value = e.getValue();
			if (instance > 0 && e.getKey().equals("server.port") && !"0".equals(String.valueOf(value))) {
				value = Integer.parseInt(String.valueOf(value)) + instance * INSTANCE_PORT_STEP;
			}
			return "--" + e.getKey() + "=" + value;
		}).toArray(String[]::new);
	}

	public ConfigurableApplicationContext ticketService() {
		return this.ticketServices.get(0);
	}

	public ConfigurableApplicationContext routingService() {
		return this.routingServices.get(0);
	}

	public ConfigurableApplicationContext notificationService() {
		return this.notificationServices.get(0);
	}

	public ConfigurableApplicationContext insightsService() {
		return this.insightsServices.get(0);
	}

	/** The console: sign in, the queue, a ticket's page (issue 19). */
	public String consoleUrl() {
		return url(this.console);
	}

	public String insightsServiceUrl() {
		return url(this.insightsServices.get(0));
	}

	public String ticketServiceUrl() {
		return url(this.ticketServices.get(0));
	}

	public String routingServiceUrl() {
		return url(this.routingServices.get(0));
	}

	public String notificationServiceUrl() {
		return url(this.notificationServices.get(0));
	}

	/** The URLs of every instance of each service, first instances first. */
	public List<String> urls() {
		List<String> urls = new ArrayList<>();
		for (List<ConfigurableApplicationContext> service : List.of(this.ticketServices, this.routingServices,
				this.notificationServices, this.insightsServices)) {
			service.forEach((context) -> urls.add(url(context)));
		}
		return urls;
	}

	private static String url(ConfigurableApplicationContext context) {
		return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * Stops every instance, all at once (each stops its web server, processors and
	 * consumers while the broker and the store are still there), each on a thread of its
	 * own: the common pool has one thread on two cores, which closed them one after the
	 * other.
	 */
	@Override
	public void close() {
		List<Thread> closing = new ArrayList<>();
		closing.add(Thread.ofPlatform().name("close-console").start(this.console::close));
		for (List<ConfigurableApplicationContext> service : List.of(this.insightsServices, this.notificationServices,
				this.routingServices, this.ticketServices)) {
			for (ConfigurableApplicationContext context : service) {
				closing.add(Thread.ofPlatform().name("close-" + context.getId()).start(context::close));
			}
		}
		for (Thread thread : closing) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
