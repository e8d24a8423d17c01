package dev.ticketloop.ticketservice.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.ticketloop.ticketservice.ticket.TicketCommand.AddCustomerMessage;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ApplyAssignmentDecision;
import dev.ticketloop.ticketservice.ticket.TicketCommand.AssignTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseReason;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.EscalateTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.MergeTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RateTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ReopenTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ReplyToCustomer;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RequestClarification;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ResolveTicket;
import dev.ticketloop.ticketservice.ticket.TicketEvent.AgentReplied;
import dev.ticketloop.ticketservice.ticket.TicketEvent.ClarificationRequested;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerMessageReceived;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketAssigned;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketClosed;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketOpened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketRated;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketReopened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketResolved;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketTriaged;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The support part of the lifecycle: assignment, clarification, replies, resolution,
 * CSAT, closing.
 */
class TicketLifecycleTests {

	private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

	private static final TicketId ID = TicketId.of("0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10");

	private static final TicketOpened OPENED = new TicketOpened(ID, Channel.EMAIL, "cust-1",
			new Contact("ana@example.com", "Ana"), "es-MX", "Export", "Export does nothing", NOW.minusSeconds(600));

	private static final TicketTriaged TRIAGED = new TicketTriaged(ID, "d-1", Priority.NORMAL, NOW.plusSeconds(86_400),
			NOW.minusSeconds(599));

	private static final TicketAssigned ASSIGNED = new TicketAssigned(ID, "maria", null, NOW.minusSeconds(500));

	private static final ClarificationRequested ASKED = new ClarificationRequested(ID, "maria", "Which browser?",
			NOW.minusSeconds(400));

	private static final AgentReplied REPLIED = new AgentReplied(ID, "maria", "Fixed in settings.",
			NOW.minusSeconds(300));

	private static final TicketResolved RESOLVED = new TicketResolved(ID, "maria", "Setting changed", true,
			NOW.minusSeconds(200), ResolutionCause.AGENT);

	private static final TicketClosed CLOSED = new TicketClosed(ID, CloseReason.CONFIRMED, NOW.minusSeconds(100));

	private AggregateTestFixture<Ticket> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(Ticket.class);
		this.fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void assigning_a_triaged_ticket_puts_it_in_progress() {
		this.fixture.given(OPENED, TRIAGED)
			.when(new AssignTicket(ID, "maria"))
			.expectEvents(new TicketAssigned(ID, "maria", null, NOW))
			.expectResultMessagePayload(TicketStatus.IN_PROGRESS);
	}

	@Test
	void reassigning_keeps_the_state_and_names_the_previous_agent() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ASKED)
			.when(new AssignTicket(ID, "li"))
			.expectEvents(new TicketAssigned(ID, "li", "maria", NOW))
			.expectResultMessagePayload(TicketStatus.AWAITING_CUSTOMER);
	}

	@Test
	void assigning_to_the_same_agent_again_records_nothing() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED).when(new AssignTicket(ID, "maria")).expectNoEvents();
	}

	@Test
	void routings_assignment_applies_to_the_ticket_as_routing_saw_it() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED)
			.when(new ApplyAssignmentDecision(ID, "li", "maria"))
			.expectEvents(new TicketAssigned(ID, "li", "maria", NOW))
			.expectResultMessagePayload(TicketStatus.IN_PROGRESS);
	}

	@Test
	void routings_assignment_is_refused_when_the_ticket_moved_on_since() {
		// routing decided for an unassigned ticket, but maria took it by hand meanwhile
		this.fixture.given(OPENED, TRIAGED, ASSIGNED)
			.when(new ApplyAssignmentDecision(ID, "li", null))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void routings_assignment_is_refused_on_a_resolved_or_closed_ticket() {
		// routing saw the ticket with maria, as it is: only its state refuses it
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED)
			.when(new ApplyAssignmentDecision(ID, "li", "maria"))
			.expectException(IllegalTicketTransitionException.class)
			.expectExceptionMessage("Ticket " + ID + " is resolved: it cannot be assigned.")
			.expectNoEvents();
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED, CLOSED)
			.when(new ApplyAssignmentDecision(ID, "li", "maria"))
			.expectException(TicketClosedException.class)
			.expectExceptionMessage("Ticket " + ID
					+ " is already closed: it cannot be assigned (a closed ticket is final; the customer can open a new one).")
			.expectNoEvents();
	}

	@Test
	void assigning_a_resolved_ticket_is_rejected() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED)
			.when(new AssignTicket(ID, "li"))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void asking_for_clarification_waits_for_the_customer() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED)
			.when(new RequestClarification(ID, "maria", "Which browser?"))
			.expectEvents(new ClarificationRequested(ID, "maria", "Which browser?", NOW))
			.expectResultMessagePayload(TicketStatus.AWAITING_CUSTOMER);
	}

	@Test
	void asking_for_clarification_before_the_ticket_is_assigned_is_rejected() {
		this.fixture.given(OPENED, TRIAGED)
			.when(new RequestClarification(ID, "maria", "Which browser?"))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void asking_twice_without_an_answer_is_rejected() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ASKED)
			.when(new RequestClarification(ID, "maria", "And the version?"))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void the_customers_answer_gives_the_ticket_back_to_the_agent() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ASKED)
			.when(new AddCustomerMessage(ID, "email", "Firefox 140"))
			.expectEvents(new CustomerMessageReceived(ID, "Firefox 140", true, NOW))
			.expectResultMessagePayload(TicketStatus.IN_PROGRESS);
	}

	@Test
	void a_customer_message_without_a_question_pending_keeps_the_state() {
		this.fixture.given(OPENED, TRIAGED)
			.when(new AddCustomerMessage(ID, "email", "Any news?"))
			.expectEvents(new CustomerMessageReceived(ID, "Any news?", false, NOW))
			.expectResultMessagePayload(TicketStatus.TRIAGED);
	}

	@Test
	void a_message_from_another_channels_adapter_is_refused_as_if_the_ticket_did_not_exist() {
		this.fixture.given(OPENED, TRIAGED)
			.when(new AddCustomerMessage(ID, "chat", "Hello"))
			.expectException(TicketNotVisibleException.class)
			.expectNoEvents();
	}

	@Test
	void a_message_to_a_closed_ticket_is_rejected() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED, CLOSED)
			.when(new AddCustomerMessage(ID, "email", "Still broken"))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void an_agent_replies_to_an_assigned_ticket() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED)
			.when(new ReplyToCustomer(ID, "maria", "Try the new setting."))
			.expectEvents(new AgentReplied(ID, "maria", "Try the new setting.", NOW));
	}

	@Test
	void replying_to_a_resolved_ticket_is_rejected() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED)
			.when(new ReplyToCustomer(ID, "maria", "One more thing"))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void one_reply_and_no_clarification_is_a_single_reply_resolution() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, REPLIED)
			.when(new ResolveTicket(ID, "maria", "Setting changed"))
			.expectEvents(new TicketResolved(ID, "maria", "Setting changed", true, NOW, ResolutionCause.AGENT))
			.expectResultMessagePayload(TicketStatus.RESOLVED);
	}

	@Test
	void several_replies_are_not_a_single_reply_resolution() {
		this.fixture
			.given(OPENED, TRIAGED, ASSIGNED, REPLIED,
					new AgentReplied(ID, "maria", "Did that help?", NOW.minusSeconds(250)))
			.when(new ResolveTicket(ID, "maria", "Setting changed"))
			.expectEvents(new TicketResolved(ID, "maria", "Setting changed", false, NOW, ResolutionCause.AGENT));
	}

	@Test
	void a_clarification_round_trip_is_not_a_single_reply_resolution() {
		this.fixture
			.given(OPENED, TRIAGED, ASSIGNED, ASKED,
					new CustomerMessageReceived(ID, "Firefox", true, NOW.minusSeconds(350)), REPLIED)
			.when(new ResolveTicket(ID, "maria", "Browser bug"))
			.expectEvents(new TicketResolved(ID, "maria", "Browser bug", false, NOW, ResolutionCause.AGENT));
	}

	@Test
	void a_known_question_can_be_resolved_straight_from_triage() {
		this.fixture.given(OPENED, TRIAGED)
			.when(new ResolveTicket(ID, "maria", "Template: reset password"))
			.expectEvents(
					new TicketResolved(ID, "maria", "Template: reset password", true, NOW, ResolutionCause.AGENT));
	}

	@Test
	void resolving_a_new_ticket_before_triage_is_rejected() {
		this.fixture.given(OPENED)
			.when(new ResolveTicket(ID, "maria", "Done"))
			.expectException(IllegalTicketTransitionException.class)
			.expectExceptionMessage("Ticket " + ID + " is new: it cannot be resolved before it is triaged.")
			.expectNoEvents();
	}

	@Test
	void resolving_twice_is_rejected() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED)
			.when(new ResolveTicket(ID, "maria", "Again"))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void the_customer_reopens_a_resolved_ticket_and_it_is_counted() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED)
			.when(new ReopenTicket(ID, "email", "Still broken"))
			.expectEvents(new TicketReopened(ID, "Still broken", 1, NOW, "maria"))
			.expectResultMessagePayload(TicketStatus.IN_PROGRESS);
	}

	@Test
	void a_second_reopening_counts_two_and_is_no_single_reply_resolution() {
		this.fixture
			.given(OPENED, TRIAGED, ASSIGNED, RESOLVED,
					new TicketReopened(ID, "Still broken", 1, NOW.minusSeconds(150), "maria"),
					new TicketResolved(ID, "maria", "Really fixed", false, NOW.minusSeconds(120),
							ResolutionCause.AGENT))
			.when(new ReopenTicket(ID, null, "Broken again"))
			.expectEvents(new TicketReopened(ID, "Broken again", 2, NOW, "maria"));
	}

	@Test
	void reopening_an_open_or_closed_ticket_is_rejected() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED)
			.when(new ReopenTicket(ID, "email", "?"))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED, CLOSED)
			.when(new ReopenTicket(ID, "email", "?"))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void the_customer_rates_a_resolved_ticket_once_which_closes_it() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED)
			.when(new RateTicket(ID, "email", 5, "Quick!"))
			.expectEvents(new TicketRated(ID, 5, "Quick!", NOW), new TicketClosed(ID, CloseReason.RATED, NOW))
			.expectResultMessagePayload(TicketStatus.CLOSED);
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED, CLOSED)
			.when(new RateTicket(ID, "email", 4, "Late but good"))
			.expectEvents(new TicketRated(ID, 4, "Late but good", NOW))
			.expectResultMessagePayload(TicketStatus.CLOSED);
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED, new TicketRated(ID, 5, "Quick!", NOW))
			.when(new RateTicket(ID, "email", 1, "Changed my mind"))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void a_score_of_one_is_accepted_and_zero_is_not() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED)
			.when(new RateTicket(ID, "email", 1, "Did not help"))
			.expectEvents(new TicketRated(ID, 1, "Did not help", NOW), new TicketClosed(ID, CloseReason.RATED, NOW));
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED)
			.when(new RateTicket(ID, "email", 0, null))
			.expectException(IllegalArgumentException.class)
			.expectNoEvents();
	}

	@Test
	void a_rating_outside_one_to_five_or_before_resolution_is_rejected() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED)
			.when(new RateTicket(ID, "email", 6, null))
			.expectException(IllegalArgumentException.class)
			.expectNoEvents();
		this.fixture.given(OPENED, TRIAGED, ASSIGNED)
			.when(new RateTicket(ID, "email", 4, null))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void a_resolved_ticket_closes_and_a_closed_one_stays_closed() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED)
			.when(new CloseTicket(ID, null, CloseReason.QUIET_PERIOD))
			.expectEvents(new TicketClosed(ID, CloseReason.QUIET_PERIOD, NOW))
			.expectResultMessagePayload(TicketStatus.CLOSED);
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED, CLOSED)
			.when(new CloseTicket(ID, null, CloseReason.MANUAL))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void closing_an_open_ticket_is_rejected_with_a_message_that_says_why() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED)
			.when(new CloseTicket(ID, null, CloseReason.MANUAL))
			.expectExceptionMessage("Ticket " + ID + " is in progress: it cannot be closed before it is resolved.")
			.expectNoEvents();
	}

	@Test
	void closing_a_closed_ticket_says_it_is_already_closed() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED, CLOSED)
			.when(new CloseTicket(ID, "email", CloseReason.CONFIRMED))
			.expectException(IllegalTicketTransitionException.class)
			.expectExceptionMessage("Ticket " + ID + " is already closed.")
			.expectNoEvents();
	}

	@Test
	void changing_a_closed_ticket_says_it_is_closed_for_good() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED, CLOSED)
			.when(new ReopenTicket(ID, "email", "Still broken"))
			.expectExceptionMessage("Ticket " + ID
					+ " is already closed: it cannot be reopened (a closed ticket is final; the customer can open a new one).")
			.expectNoEvents();
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED, CLOSED)
			.when(new ResolveTicket(ID, "maria", "Again"))
			.expectExceptionMessage("Ticket " + ID
					+ " is already closed: it cannot be resolved (a closed ticket is final; the customer can open a new one).")
			.expectNoEvents();
	}

	@Test
	void another_channels_adapter_can_neither_reopen_nor_rate_nor_close_the_ticket() {
		for (TicketCommand command : List.of(new ReopenTicket(ID, "chat", "Still broken"),
				new RateTicket(ID, "chat", 5, "Great"), new CloseTicket(ID, "chat", CloseReason.CONFIRMED))) {
			this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED)
				.when(command)
				.expectException(TicketNotVisibleException.class)
				.expectNoEvents();
		}
	}

	@Test
	void whatever_an_agent_or_routing_asks_of_a_closed_ticket_is_refused_as_closed() {
		for (TicketCommand command : List.of(new AssignTicket(ID, "li"),
				new RequestClarification(ID, "maria", "Which browser?"), new ReplyToCustomer(ID, "maria", "Hello"),
				new EscalateTicket(ID, "maria", "ENG-42", true, null, null, null),
				new MergeTicket(ID, TicketId.of("5c1d9a3e-8b7f-4e2a-9d6c-1a2b3c4d5e6f"), "maria"))) {
			this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED, CLOSED)
				.when(command)
				.expectException(TicketClosedException.class)
				.expectNoEvents();
		}
	}

	@Test
	void a_question_refused_before_assignment_or_after_resolution_says_which() {
		this.fixture.given(OPENED, TRIAGED)
			.when(new RequestClarification(ID, "maria", "Which browser?"))
			.expectExceptionMessage(
					"Ticket " + ID + " is triaged: it cannot ask the customer for clarification before it is assigned.")
			.expectNoEvents();
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED)
			.when(new RequestClarification(ID, "maria", "Which browser?"))
			.expectExceptionMessage("Ticket " + ID
					+ " is resolved: it cannot ask the customer for clarification (only while an agent works on it).")
			.expectNoEvents();
	}

	@Test
	void a_refusal_names_the_status_the_ticket_is_in() {
		IllegalTicketTransitionException refusal = new IllegalTicketTransitionException(ID,
				TicketStatus.AWAITING_CUSTOMER, "be closed");
		assertThat(refusal.status()).isEqualTo(TicketStatus.AWAITING_CUSTOMER);
		assertThat(refusal).hasMessage("Ticket " + ID + " is awaiting customer: it cannot be closed.");
	}

	@Test
	void resolving_a_resolved_ticket_says_it_is_already_resolved() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED)
			.when(new ResolveTicket(ID, "maria", "Again"))
			.expectExceptionMessage("Ticket " + ID + " is already resolved (reopen it to work on it again).")
			.expectNoEvents();
	}

	@Test
	void a_refused_reply_or_question_names_the_reason_that_applies() {
		this.fixture.given(OPENED, TRIAGED)
			.when(new ReplyToCustomer(ID, "maria", "Hello"))
			.expectExceptionMessage("Ticket " + ID + " is triaged: it cannot be replied to before it is assigned.")
			.expectNoEvents();
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, RESOLVED)
			.when(new ReplyToCustomer(ID, "maria", "One more thing"))
			.expectExceptionMessage(
					"Ticket " + ID + " is resolved: it cannot be replied to after it is resolved (reopen it first).")
			.expectNoEvents();
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ASKED)
			.when(new RequestClarification(ID, "maria", "And the version?"))
			.expectExceptionMessage("Ticket " + ID
					+ " is awaiting customer: it cannot ask the customer again before they answer the last question.")
			.expectNoEvents();
	}

	@Test
	void the_full_support_loop_ends_closed() {
		this.fixture
			.given(OPENED, TRIAGED, ASSIGNED, ASKED,
					new CustomerMessageReceived(ID, "Firefox", true, NOW.minusSeconds(350)), REPLIED, RESOLVED,
					new TicketRated(ID, 4, null, NOW.minusSeconds(150)))
			.when(new CloseTicket(ID, null, CloseReason.CONFIRMED))
			.expectEvents(new TicketClosed(ID, CloseReason.CONFIRMED, NOW))
			.expectState((ticket) -> assertThat(ticket.status()).isEqualTo(TicketStatus.CLOSED));
	}

	@Test
	void a_notification_given_up_on_is_recorded_in_the_history_once_per_attempt_count_without_a_change_of_state() {
		TicketEvent.CustomerNotificationFailed failed = new TicketEvent.CustomerNotificationFailed(ID,
				ID.value() + ":reply:e-1", "reply", "email", 1, "permanent", "SMTP 550", NOW);
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, REPLIED)
			.when(new TicketCommand.RecordNotificationFailure(ID, ID.value() + ":reply:e-1", "reply", "email", 1,
					"permanent", "SMTP 550"))
			.expectEvents(failed)
			.expectState((ticket) -> assertThat(ticket.status()).isEqualTo(TicketStatus.IN_PROGRESS));
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, REPLIED, failed)
			.when(new TicketCommand.RecordNotificationFailure(ID, ID.value() + ":reply:e-1", "reply", "email", 1,
					"permanent", "SMTP 550"))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

}
