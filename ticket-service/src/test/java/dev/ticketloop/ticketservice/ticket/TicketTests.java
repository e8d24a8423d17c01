package dev.ticketloop.ticketservice.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

import dev.ticketloop.ticketservice.ticket.TicketCommand.ApplyTriageDecision;
import dev.ticketloop.ticketservice.ticket.TicketCommand.OpenTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RecordCustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketOpened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketTriaged;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TicketTests {

	private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

	private static final TicketId ID = TicketId.of("0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10");

	private static final Contact ANA = new Contact("ana@example.com", "Ana");

	private static final TicketOpened OPENED = new TicketOpened(ID, Channel.EMAIL, "cust-1", ANA, "es-MX", "Export",
			"Export does nothing", NOW);

	private static final Instant DUE = NOW.plusSeconds(86_400);

	private AggregateTestFixture<Ticket> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(Ticket.class);
		this.fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void opening_a_ticket_records_what_the_adapter_sent_and_when() {
		this.fixture.givenNoPriorActivity()
			.when(new OpenTicket(ID, Channel.EMAIL, "cust-1", ANA, Locale.forLanguageTag("es-MX"), "Export",
					"Export does nothing"))
			.expectSuccessfulHandlerExecution()
			.expectEvents(OPENED);
	}

	@Test
	void a_triage_decision_triages_the_ticket() {
		this.fixture.given(OPENED)
			.when(new ApplyTriageDecision(ID, "d-1", Priority.HIGH, DUE))
			.expectEvents(new TicketTriaged(ID, "d-1", Priority.HIGH, DUE, NOW))
			.expectState((ticket) -> org.assertj.core.api.Assertions.assertThat(ticket.status())
				.isEqualTo(TicketStatus.TRIAGED));
	}

	@Test
	void the_same_triage_decision_delivered_twice_is_applied_once() {
		this.fixture.given(OPENED, new TicketTriaged(ID, "d-1", Priority.HIGH, DUE, NOW))
			.when(new ApplyTriageDecision(ID, "d-1", Priority.HIGH, DUE))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void a_new_triage_decision_replaces_the_previous_one() {
		this.fixture.given(OPENED, new TicketTriaged(ID, "d-1", Priority.NORMAL, DUE, NOW))
			.when(new ApplyTriageDecision(ID, "d-2", Priority.URGENT, NOW.plusSeconds(1800)))
			.expectEvents(new TicketTriaged(ID, "d-2", Priority.URGENT, NOW.plusSeconds(1800), NOW));
	}

	@Test
	void a_delivery_receipt_records_that_the_customer_was_notified() {
		Instant delivered = NOW.plusSeconds(5);
		this.fixture.given(OPENED)
			.when(new RecordCustomerNotified(ID, ID + ":acknowledgement", "acknowledgement", "email", delivered))
			.expectEvents(new CustomerNotified(ID, ID + ":acknowledgement", "acknowledgement", "email", delivered));
	}

	@Test
	void the_same_receipt_delivered_twice_is_recorded_once() {
		Instant delivered = NOW.plusSeconds(5);
		this.fixture
			.given(OPENED, new CustomerNotified(ID, ID + ":acknowledgement", "acknowledgement", "email", delivered))
			.when(new RecordCustomerNotified(ID, ID + ":acknowledgement", "acknowledgement", "email", delivered))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void a_decision_for_a_ticket_that_does_not_exist_is_rejected_and_records_nothing() {
		this.fixture.givenNoPriorActivity()
			.when(new ApplyTriageDecision(ID, "d-1", Priority.HIGH, DUE))
			.expectException(org.axonframework.modelling.command.AggregateNotFoundException.class)
			.expectNoEvents();
	}

}
