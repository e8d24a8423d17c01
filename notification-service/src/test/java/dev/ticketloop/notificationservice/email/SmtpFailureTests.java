package dev.ticketloop.notificationservice.email;

import java.time.Duration;
import java.util.UUID;

import dev.ticketloop.contracts.notification.NotificationAbandonedV1;
import dev.ticketloop.contracts.notification.NotificationDeliveredV1;
import dev.ticketloop.notificationservice.NotificationServiceApplication;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.testsupport.TopicRecorder;
import dev.ticketloop.notificationservice.support.ScriptedSmtpServer;
import dev.ticketloop.notificationservice.support.TicketEventsProducer;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the SMTP server answers decides: a temporary refusal (451, greylisting) is tried
 * again until the server accepts; a permanent one (550) goes to the dead-letter store at
 * once; a server that keeps refusing is given up after the last retry. Against a real
 * SMTP conversation over TCP with a server that scripts its replies.
 */
@IntegrationTest
// closed after the class: a context left running would consume later tests' ticket
// events and mail their customers through a port its closed SMTP server freed
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(classes = NotificationServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=notification-service", "ticketloop.delivery.retry.initial-delay=200ms",
				"ticketloop.delivery.retry.multiplier=1.5", "ticketloop.delivery.retry.max-attempts=4",
				"ticketloop.surveys.signing-secret=test-survey-signing-secret-0123456789" })
class SmtpFailureTests {

	private static ScriptedSmtpServer smtp;

	private static TicketEventsProducer tickets;

	private static TopicRecorder receipts;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, NotificationServiceApplication.NAME);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.port());
	}

	@BeforeAll
	static void start() throws Exception {
		smtp = new ScriptedSmtpServer();
		tickets = new TicketEventsProducer();
		receipts = new TopicRecorder(Topics.NOTIFICATION_RECEIPTS);
	}

	@AfterAll
	static void stop() throws Exception {
		receipts.close();
		tickets.close();
		smtp.close();
	}

	@Test
	void a_greylisting_server_gets_the_mail_on_a_later_attempt() {
		String address = "grey-" + UUID.randomUUID() + "@example.com";
		smtp.defer(address, 2);
		String ticket = tickets.openAndTriage("email", address, "Ana", "en", null, "Greylisted");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> receipts.of(NotificationDeliveredV1.class, ticket).size() == 1);

		assertThat(smtp.accepted()).containsOnlyOnce(address);
		assertThat(receipts.of(NotificationAbandonedV1.class, ticket)).isEmpty();
	}

	@Test
	void a_mailbox_that_does_not_exist_is_given_up_at_once() {
		String address = "gone-" + UUID.randomUUID() + "@example.com";
		smtp.refuse(address);
		String ticket = tickets.openAndTriage("email", address, "Ana", "en", null, "Refused");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> receipts.of(NotificationAbandonedV1.class, ticket).size() == 1);

		NotificationAbandonedV1 abandoned = receipts.of(NotificationAbandonedV1.class, ticket).get(0);
		assertThat(abandoned.failure()).isEqualTo("permanent");
		assertThat(abandoned.attempts()).isEqualTo(1);
		assertThat(abandoned.detail()).startsWith("SMTP 550");
		assertThat(smtp.accepted()).doesNotContain(address);
		assertThat(receipts.of(NotificationDeliveredV1.class, ticket)).isEmpty();
	}

	@Test
	void a_server_that_keeps_deferring_is_given_up_after_the_last_retry() {
		String address = "always-busy-" + UUID.randomUUID() + "@example.com";
		smtp.defer(address, 100);
		String ticket = tickets.openAndTriage("email", address, "Ana", "en", null, "Busy");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> receipts.of(NotificationAbandonedV1.class, ticket).size() == 1);

		NotificationAbandonedV1 abandoned = receipts.of(NotificationAbandonedV1.class, ticket).get(0);
		assertThat(abandoned.failure()).isEqualTo("exhausted");
		assertThat(abandoned.attempts()).isEqualTo(4);
		assertThat(abandoned.detail()).startsWith("SMTP 451");
	}

}
