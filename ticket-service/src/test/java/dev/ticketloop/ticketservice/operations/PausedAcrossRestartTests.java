package dev.ticketloop.ticketservice.operations;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ticketloop.platform.operations.ProcessorOperations;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.ticketservice.TicketServiceApplication;
import dev.ticketloop.ticketservice.ticket.Channel;
import dev.ticketloop.ticketservice.ticket.Contact;
import dev.ticketloop.ticketservice.ticket.TicketCommand.OpenTicket;
import dev.ticketloop.ticketservice.ticket.TicketId;
import dev.ticketloop.ticketservice.view.TicketViewProjection;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15: a processor paused before a restart handles nothing while the service starts,
 * not even in the moment before the operations watcher stops it again.
 */
@IntegrationTest
class PausedAcrossRestartTests {

	@Test
	void a_processor_paused_before_a_restart_handles_nothing_while_the_service_starts() throws Exception {
		List<String> args = arguments();
		TicketId ticket = TicketId.newId();
		try (ConfigurableApplicationContext first = TicketServiceApplication.builder()
			.run(args.toArray(String[]::new))) {
			first.getBean(ProcessorOperations.class).pause("ticket-view", "test");
			first.getBean(CommandGateway.class)
				.sendAndWait(
						new OpenTicket(ticket, Channel.EMAIL, "restart-1", new Contact("restart@example.com", "Ana"),
								Locale.ENGLISH, "Paused", "Written while the view was paused"));
			Thread.sleep(1_000);
			assertThat(view(first, ticket)).as("no view while paused").isFalse();
		}

		// the restarted service takes a while to start after its processors did (a slow
		// web server, a slow bean): the watcher that pauses processors starts last
		try (ConfigurableApplicationContext second = TicketServiceApplication.builder()
			.sources(SlowStart.class)
			.run(args.toArray(String[]::new))) {
			ProcessorOperations operations = second.getBean(ProcessorOperations.class);
			assertThat(operations.get("ticket-view").state()).isEqualTo("PAUSED");
			assertThat(view(second, ticket)).as("handled by the paused processor during the restart").isFalse();

			operations.resume("ticket-view", "test");
			await().atMost(Duration.ofSeconds(30)).until(() -> view(second, ticket));
		}
	}

	private static boolean view(ConfigurableApplicationContext context, TicketId ticket) {
		return context.getBean(MongoDatabase.class)
			.getCollection(TicketViewProjection.COLLECTION)
			.find(Filters.eq("_id", ticket.value()))
			.first() != null;
	}

	/** The service's own database, its API keys, a free port. */
	private static List<String> arguments() throws IOException {
		List<String> args = new ArrayList<>();
		for (Map.Entry<String, Object> property : TestInfrastructure.get()
			.springProperties(TicketServiceApplication.NAME)
			.entrySet()) {
			args.add("--" + property.getKey() + "=" + property.getValue());
		}
		Properties keys = new Properties();
		try (InputStream in = PausedAcrossRestartTests.class.getResourceAsStream("/test-api-keys.properties")) {
			keys.load(in);
		}
		keys.stringPropertyNames().forEach((name) -> args.add("--" + name + "=" + keys.getProperty(name)));
		args.add("--server.port=0");
		return args;
	}

	/**
	 * A start-up step that takes 3 s, after Axon's processors started and before the
	 * operations watcher does.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SlowStart {

		@Bean
		SmartLifecycle slowStartUp() {
			return new SmartLifecycle() {

				private volatile boolean running;

				@Override
				public void start() {
					try {
						Thread.sleep(3_000);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					this.running = true;
				}

				@Override
				public void stop() {
					this.running = false;
				}

				@Override
				public boolean isRunning() {
					return this.running;
				}

				@Override
				public int getPhase() {
					return Integer.MAX_VALUE - 1_000;
				}

			};
		}

	}

}
