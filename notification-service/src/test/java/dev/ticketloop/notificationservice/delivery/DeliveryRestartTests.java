package dev.ticketloop.notificationservice.delivery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.ticketloop.contracts.notification.NotificationDeliveredV1;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.notificationservice.NotificationServiceApplication;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RecordDelivery;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.testsupport.TopicRecorder;
import dev.ticketloop.notificationservice.support.TicketEventsProducer;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import jakarta.mail.Message;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service dies after the SMTP server accepted a mail and before the delivery was
 * recorded; a new instance on the same database takes over: the customer still gets the
 * mail once, and the receipt still comes.
 */
@IntegrationTest
class DeliveryRestartTests {

	static final CountDownLatch reachedReceipt = new CountDownLatch(1);

	static final CountDownLatch killed = new CountDownLatch(1);

	static volatile boolean dying;

	/** The ticket whose receipt the dying instance never records. */
	static volatile String victim;

	@Test
	void a_restart_between_sending_and_recording_the_delivery_sends_no_second_message() throws Exception {
		try (EmbeddedSmtp smtp = EmbeddedSmtp.start(0);
				TicketEventsProducer tickets = new TicketEventsProducer();
				TopicRecorder receipts = new TopicRecorder(Topics.NOTIFICATION_RECEIPTS)) {
			Map<String, Object> properties = properties(smtp);
			String address = "restart-" + UUID.randomUUID() + "@example.com";
			String ticket = UUID.randomUUID().toString();
			victim = ticket;

			dying = true;
			ConfigurableApplicationContext first = start(properties, DyingBeforeTheReceipt.class);
			tickets.openAndTriage(ticket, "email", address, "Ana", "en", null, "Restart");
			assertThat(reachedReceipt.await(60, TimeUnit.SECONDS)).as("the mail went out").isTrue();
			assertThat(mailsTo(smtp, address)).isEqualTo(1);
			Thread closing = Thread.ofPlatform().start(first::close);
			killed.countDown();
			closing.join(60_000);
			assertThat(receipts.of(NotificationDeliveredV1.class, ticket)).as("no receipt from the dead one").isEmpty();

			dying = false;
			try (ConfigurableApplicationContext second = start(properties, Object.class)) {
				await().atMost(Duration.ofSeconds(60))
					.until(() -> receipts.of(NotificationDeliveredV1.class, ticket).size() == 1);
				await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
				assertThat(mailsTo(smtp, address)).as("mails to the customer").isEqualTo(1);
				assertThat(receipts.of(NotificationDeliveredV1.class, ticket)).hasSize(1);
			}
		}
	}

	/**
	 * Issue 14, failure 2: the receipt's events are lost if the processor's position is
	 * stored before them. The instance dies after its position for the batch would be
	 * stored and before the receipt's events are (the batch's commit fails between the
	 * two); its successor must still record the receipt, without a second mail.
	 */
	@Test
	void dying_while_storing_the_receipt_leaves_the_attempt_to_the_next_instance() throws Exception {
		try (EmbeddedSmtp smtp = EmbeddedSmtp.start(0);
				TicketEventsProducer tickets = new TicketEventsProducer();
				TopicRecorder receipts = new TopicRecorder(Topics.NOTIFICATION_RECEIPTS)) {
			Map<String, Object> properties = properties(smtp);
			String address = "append-" + UUID.randomUUID() + "@example.com";
			String ticket = UUID.randomUUID().toString();
			appendVictim = ticket;

			ConfigurableApplicationContext first = start(properties, DyingWhileStoringTheReceipt.class);
			tickets.openAndTriage(ticket, "email", address, "Ana", "en", null, "Append");
			assertThat(appendFailed.await(60, TimeUnit.SECONDS)).as("the receipt's append failed").isTrue();
			first.close();
			assertThat(mailsTo(smtp, address)).isEqualTo(1);
			assertThat(storedEventTypes(properties, ticket + ":acknowledgement")).as("what the dead one stored")
				.doesNotContain(NotificationEvent.NotificationDelivered.class.getName());
			assertThat(receipts.of(NotificationDeliveredV1.class, ticket)).as("no receipt from the dead one").isEmpty();

			appendVictim = null;
			try (ConfigurableApplicationContext second = start(properties, Object.class)) {
				await().atMost(Duration.ofSeconds(60))
					.until(() -> receipts.of(NotificationDeliveredV1.class, ticket).size() == 1);
				assertThat(mailsTo(smtp, address)).as("mails to the customer").isEqualTo(1);
			}
		}
	}

	/** The payload types of an aggregate's events in the instance's store. */
	private static java.util.List<String> storedEventTypes(Map<String, Object> properties, String aggregate) {
		try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients
			.create(String.valueOf(properties.get("spring.mongodb.uri")))) {
			java.util.List<String> types = new java.util.ArrayList<>();
			for (org.bson.Document commit : client
				.getDatabase(String.valueOf(properties.get("ticketloop.mongodb.database")))
				.getCollection("event_commits")
				.find(com.mongodb.client.model.Filters.eq("agg", aggregate))) {
				commit.getList("events", org.bson.Document.class).forEach((e) -> types.add(e.getString("pt")));
			}
			return types;
		}
	}

	private static ConfigurableApplicationContext start(Map<String, Object> properties, Class<?> extra) {
		String[] args = properties.entrySet()
			.stream()
			.map((e) -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		return NotificationServiceApplication.builder().sources(extra).run(args);
	}

	private static Map<String, Object> properties(EmbeddedSmtp smtp) {
		Map<String, Object> properties = new LinkedHashMap<>(
				TestInfrastructure.get().springProperties(NotificationServiceApplication.NAME));
		properties.put("spring.main.web-application-type", "none");
		properties.put("spring.mail.host", "127.0.0.1");
		properties.put("spring.mail.port", smtp.port());
		properties.put("ticketloop.surveys.signing-secret", "test-survey-signing-secret-0123456789");
		return properties;
	}

	private static long mailsTo(EmbeddedSmtp smtp, String address) {
		return smtp.receivedMessages().stream().filter((m) -> {
			try {
				return m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address);
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).count();
	}

	static final CountDownLatch appendFailed = new CountDownLatch(1);

	/** The ticket whose receipt's events are never stored by the dying instance. */
	static volatile String appendVictim;

	/**
	 * The instance whose batch dies in its commit, after the processor's position and
	 * before the receipt's events are stored: the store refuses the append that holds the
	 * victim's delivery, every time (the batch's other events go with it).
	 */
	@Configuration(proxyBeanMethods = false)
	static class DyingWhileStoringTheReceipt {

		@Bean
		Registration dieWhileStoringTheReceipt(EventStore eventStore) {
			return eventStore.registerDispatchInterceptor((messages) -> (index, message) -> {
				String victimTicket = appendVictim;
				if (victimTicket != null
						&& message.getPayload() instanceof NotificationEvent.NotificationDelivered delivered
						&& delivered.notificationId().startsWith(victimTicket)) {
					appendFailed.countDown();
					throw new IllegalStateException("died before the receipt's events were stored");
				}
				return message;
			});
		}

	}

	/**
	 * The instance that dies: every attempt to record the victim's delivery hangs until
	 * the test kills it, then fails, as if the process were gone. (Other tickets' events,
	 * from earlier tests on the same broker, go their normal way.)
	 */
	@Configuration(proxyBeanMethods = false)
	static class DyingBeforeTheReceipt {

		@Bean
		Registration dieBeforeTheReceipt(CommandBus commandBus) {
			return commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
				if (dying && unitOfWork.getMessage().getPayload() instanceof RecordDelivery delivery
						&& delivery.notificationId().startsWith(victim)) {
					reachedReceipt.countDown();
					killed.await(60, TimeUnit.SECONDS);
					throw new IllegalStateException("killed before the receipt was recorded");
				}
				return chain.proceed();
			});
		}

	}

}
