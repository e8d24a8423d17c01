package dev.ticketloop.notificationservice.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.ticketloop.notificationservice.delivery.NotificationCommand.RecordDelivery;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RequestNotification;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationDelivered;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotificationTests {

	private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

	private static final String TICKET = "0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10";

	private static final String ID = Reason.ACKNOWLEDGEMENT.notificationIdFor(TICKET, "event-1");

	private static final Recipient ANA = new Recipient("email", "ana@example.com", "Ana", "es-MX");

	private static final Content CONTENT = new Content("Export", NOW.plusSeconds(86_400), null);

	private static final NotificationRequested REQUESTED = new NotificationRequested(ID, TICKET, Reason.ACKNOWLEDGEMENT,
			ANA, CONTENT, NOW);

	private AggregateTestFixture<Notification> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(Notification.class);
		this.fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void requesting_a_notification_records_the_request() {
		this.fixture.givenNoPriorActivity()
			.when(new RequestNotification(ID, TICKET, Reason.ACKNOWLEDGEMENT, ANA, CONTENT))
			.expectEvents(REQUESTED);
	}

	@Test
	void requesting_the_same_notification_again_changes_nothing() {
		this.fixture.given(REQUESTED)
			.when(new RequestNotification(ID, TICKET, Reason.ACKNOWLEDGEMENT, ANA, CONTENT))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void a_delivery_is_recorded_with_the_facts_of_the_request() {
		Instant delivered = NOW.plusSeconds(1);
		this.fixture.given(REQUESTED)
			.when(new RecordDelivery(ID, "<m1@ticketloop>", delivered))
			.expectEvents(new NotificationDelivered(ID, TICKET, Reason.ACKNOWLEDGEMENT, "email", "<m1@ticketloop>",
					delivered));
	}

	@Test
	void a_delivery_recorded_twice_is_recorded_once() {
		Instant delivered = NOW.plusSeconds(1);
		this.fixture
			.given(REQUESTED,
					new NotificationDelivered(ID, TICKET, Reason.ACKNOWLEDGEMENT, "email", "<m1@ticketloop>",
							delivered))
			.when(new RecordDelivery(ID, "<m1@ticketloop>", delivered))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void a_delivery_of_a_notification_never_requested_is_rejected_and_records_nothing() {
		this.fixture.givenNoPriorActivity()
			.when(new RecordDelivery(ID, "<m1@ticketloop>", NOW))
			.expectException(org.axonframework.modelling.command.AggregateNotFoundException.class)
			.expectNoEvents();
	}

}
