package dev.ticketloop.ticketservice.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.ticketloop.ticketservice.ticket.TicketCommand.AttachDuplicate;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseAfterQuietPeriod;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseReason;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseUnanswered;
import dev.ticketloop.ticketservice.ticket.TicketCommand.EscalateTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.FollowIssue;
import dev.ticketloop.ticketservice.ticket.TicketCommand.FollowIssue.Progress;
import dev.ticketloop.ticketservice.ticket.TicketCommand.MergeTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RecordCustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RemindCustomer;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ReplyToCustomer;
import dev.ticketloop.ticketservice.ticket.TicketEvent.AgentReplied;
import dev.ticketloop.ticketservice.ticket.TicketEvent.ClarificationRequested;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerMessageReceived;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerReminded;
import dev.ticketloop.ticketservice.ticket.TicketEvent.DuplicateAttached;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketAssigned;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketClosed;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketEscalated;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketFixDeclined;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketFixReleased;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketFixScheduled;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketMerged;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketOpened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketReopened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketResolved;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketTriaged;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engineering part of the lifecycle: escalation, following the issue to the release
 * or the refusal, the receipt that closes the loop, merged duplicates, and the timers
 * (reminder, closing an unanswered ticket, closing after the quiet period).
 */
class TicketEngineeringLoopTests {

	private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

	private static final TicketId ID = TicketId.of("0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10");

	private static final TicketId OTHER = TicketId.of("5c1d9a3e-8b7f-4e2a-9d6c-1a2b3c4d5e6f");

	private static final String ISSUE = "ISS-7K3QF2MA";

	private static final TicketOpened OPENED = new TicketOpened(ID, Channel.EMAIL, "cust-1",
			new Contact("ana@example.com", "Ana"), "es-MX", "Export", "Export does nothing", NOW.minusSeconds(900));

	private static final TicketTriaged TRIAGED = new TicketTriaged(ID, "d-1", Priority.NORMAL, NOW.plusSeconds(86_400),
			NOW.minusSeconds(899));

	private static final TicketAssigned ASSIGNED = new TicketAssigned(ID, "maria", null, NOW.minusSeconds(800));

	private static final TicketEscalated ESCALATED = new TicketEscalated(ID, ISSUE, false, "maria", "Export broken",
			"Export button does nothing", null, List.of(), NOW.minusSeconds(700));

	private static final TicketFixScheduled SCHEDULED = new TicketFixScheduled(ID, ISSUE, "4.2.0", 3,
			NOW.minusSeconds(600));

	private static final TicketFixReleased RELEASED = new TicketFixReleased(ID, ISSUE, "4.2.0", 5,
			NOW.minusSeconds(500));

	private static final TicketMerged MERGED = new TicketMerged(ID, OTHER, "maria", NOW.minusSeconds(700));

	private AggregateTestFixture<Ticket> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(Ticket.class);
		this.fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
	}

	// ------------------------------------------------------------------ escalation

	@Test
	void escalating_a_ticket_in_progress_reports_a_new_issue() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED)
			.when(new EscalateTicket(ID, "maria", ISSUE, false, "Export broken", "Export button does nothing", null))
			.expectEvents(new TicketEscalated(ID, ISSUE, false, "maria", "Export broken", "Export button does nothing",
					null, List.of(), NOW))
			.expectResultMessagePayload(TicketStatus.ESCALATED);
	}

	@Test
	void linking_a_triaged_ticket_to_a_known_issue_carries_its_duplicates() {
		DuplicateAttached attached = new DuplicateAttached(ID, OTHER, null, NOW.minusSeconds(850));
		this.fixture.given(OPENED, TRIAGED, attached)
			.when(new EscalateTicket(ID, "maria", ISSUE, true, null, null, null))
			.expectEvents(new TicketEscalated(ID, ISSUE, true, "maria", null, null, null, List.of(OTHER), NOW))
			.expectResultMessagePayload(TicketStatus.ESCALATED);
	}

	@Test
	void escalating_again_to_the_same_issue_records_nothing() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED)
			.when(new EscalateTicket(ID, "maria", ISSUE, true, null, null, null))
			.expectNoEvents()
			.expectResultMessagePayload(TicketStatus.ESCALATED);
	}

	@Test
	void escalating_to_another_issue_while_waiting_is_rejected() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED)
			.when(new EscalateTicket(ID, "maria", "ENG-42", true, null, null, null))
			.expectException(IllegalTicketTransitionException.class)
			.expectExceptionMessage(
					"Ticket " + ID + " is escalated: it cannot be escalated again while it waits for " + ISSUE + ".")
			.expectNoEvents();
	}

	@Test
	void escalating_to_a_second_issue_while_the_first_is_unsettled_is_rejected_naming_the_first() {
		// the fix is scheduled, then released but the customer not told yet: still
		// waiting
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, SCHEDULED)
			.when(new EscalateTicket(ID, "maria", "ENG-42", true, null, null, null))
			.expectExceptionMessage("Ticket " + ID
					+ " is awaiting release: it cannot be escalated again while it waits for " + ISSUE + ".")
			.expectNoEvents();
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, SCHEDULED, RELEASED)
			.when(new EscalateTicket(ID, "maria", "ENG-42", true, null, null, null))
			.expectExceptionMessage(
					"Ticket " + ID + " is fix released: it cannot be escalated again while it waits for " + ISSUE + ".")
			.expectNoEvents();
	}

	@Test
	void a_new_ticket_is_linked_before_triage_and_triage_keeps_it_escalated() {
		this.fixture.given(OPENED)
			.when(new EscalateTicket(ID, "maria", ISSUE, true, null, null, null))
			.expectEvents(new TicketEscalated(ID, ISSUE, true, "maria", null, null, null, List.of(), NOW));
		assertThat(TicketStatus.after(TicketStatus.ESCALATED, TRIAGED)).isEqualTo(TicketStatus.ESCALATED);
	}

	@Test
	void escalating_a_resolved_ticket_is_rejected() {
		this.fixture
			.given(OPENED, TRIAGED, ASSIGNED,
					new TicketResolved(ID, "maria", "Done", true, NOW.minusSeconds(10), ResolutionCause.AGENT))
			.when(new EscalateTicket(ID, "maria", ISSUE, true, null, null, null))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void a_ticket_whose_fix_did_not_help_is_escalated_again_after_reopening() {
		this.fixture
			.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, RELEASED,
					new TicketResolved(ID, null, "Fixed in 4.2.0", false, NOW.minusSeconds(400),
							ResolutionCause.FIX_RELEASED),
					new TicketReopened(ID, "Still broken", 1, NOW.minusSeconds(300), "maria"))
			.when(new EscalateTicket(ID, "maria", "ENG-42", true, null, null, null))
			.expectEvents(new TicketEscalated(ID, "ENG-42", true, "maria", null, null, null, List.of(), NOW));
	}

	@Test
	void agents_still_reply_while_the_ticket_waits_for_engineering() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, SCHEDULED)
			.when(new ReplyToCustomer(ID, "maria", "A fix is planned for 4.2.0."))
			.expectEvents(new AgentReplied(ID, "maria", "A fix is planned for 4.2.0.", NOW))
			.expectResultMessagePayload(TicketStatus.AWAITING_RELEASE);
	}

	// ------------------------------------------------------------ following the issue

	@Test
	void a_scheduled_fix_makes_the_ticket_await_the_release() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED)
			.when(new FollowIssue(ID, ISSUE, Progress.FIX_SCHEDULED, "4.2.0", 3))
			.expectEvents(new TicketFixScheduled(ID, ISSUE, "4.2.0", 3, NOW))
			.expectResultMessagePayload(true)
			.expectState((ticket) -> assertThat(ticket.status()).isEqualTo(TicketStatus.AWAITING_RELEASE));
	}

	@Test
	void the_release_reaches_a_waiting_ticket_once() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, SCHEDULED)
			.when(new FollowIssue(ID, ISSUE, Progress.FIX_RELEASED, "4.2.0", 5))
			.expectEvents(new TicketFixReleased(ID, ISSUE, "4.2.0", 5, NOW))
			.expectState((ticket) -> assertThat(ticket.status()).isEqualTo(TicketStatus.FIX_RELEASED));
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, SCHEDULED, RELEASED)
			.when(new FollowIssue(ID, ISSUE, Progress.FIX_RELEASED, "4.2.0", 5))
			.expectNoEvents()
			.expectResultMessagePayload(false);
	}

	@Test
	void an_issue_event_delivered_twice_with_the_same_sequence_is_applied_once() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, SCHEDULED)
			.when(new FollowIssue(ID, ISSUE, Progress.FIX_SCHEDULED, "4.2.0", 3))
			.expectNoEvents()
			.expectResultMessagePayload(false);
	}

	@Test
	void older_issue_progress_arriving_late_changes_nothing() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, SCHEDULED)
			.when(new FollowIssue(ID, ISSUE, Progress.FIX_SCHEDULED, "4.1.9", 2))
			.expectNoEvents()
			.expectResultMessagePayload(false);
	}

	@Test
	void progress_of_another_issue_or_a_schedule_for_a_ticket_no_longer_waiting_changes_nothing() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED)
			.when(new FollowIssue(ID, "ENG-42", Progress.FIX_RELEASED, "4.2.0", 5))
			.expectNoEvents();
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, WORKAROUND)
			.when(new FollowIssue(ID, ISSUE, Progress.FIX_SCHEDULED, "4.2.0", 3))
			.expectNoEvents()
			.expectResultMessagePayload(false);
	}

	private static final TicketResolved WORKAROUND = new TicketResolved(ID, "maria", "Export as CSV meanwhile", false,
			NOW.minusSeconds(100), ResolutionCause.AGENT);

	@Test
	void a_ticket_resolved_with_a_workaround_is_still_told_when_the_fix_ships_and_stays_resolved() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, SCHEDULED, WORKAROUND)
			.when(new FollowIssue(ID, ISSUE, Progress.FIX_RELEASED, "4.2.0", 5))
			.expectEvents(new TicketFixReleased(ID, ISSUE, "4.2.0", 5, NOW))
			.expectResultMessagePayload(true)
			.expectState((ticket) -> assertThat(ticket.status()).isEqualTo(TicketStatus.RESOLVED));
		// told once: the same release again changes nothing
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, SCHEDULED, WORKAROUND, RELEASED)
			.when(new FollowIssue(ID, ISSUE, Progress.FIX_RELEASED, "4.2.0", 5))
			.expectNoEvents();
		// its receipt is recorded, the ticket is not resolved a second time
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, SCHEDULED, WORKAROUND, RELEASED)
			.when(new RecordCustomerNotified(ID, "n-9", "fix_released", "email", NOW))
			.expectEvents(new CustomerNotified(ID, "n-9", "fix_released", "email", NOW))
			.expectState((ticket) -> assertThat(ticket.status()).isEqualTo(TicketStatus.RESOLVED));
	}

	@Test
	void a_closed_or_reopened_ticket_is_still_told_that_the_fix_was_declined() {
		this.fixture
			.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, WORKAROUND,
					new TicketClosed(ID, CloseReason.CONFIRMED, NOW.minusSeconds(50)))
			.when(new FollowIssue(ID, ISSUE, Progress.FIX_DECLINED, "Retired.", 4))
			.expectEvents(new TicketFixDeclined(ID, ISSUE, "Retired.", 4, NOW))
			.expectState((ticket) -> assertThat(ticket.status()).isEqualTo(TicketStatus.CLOSED));
		this.fixture
			.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, WORKAROUND,
					new TicketReopened(ID, "Still broken", 1, NOW.minusSeconds(50), "maria"))
			.when(new FollowIssue(ID, ISSUE, Progress.FIX_DECLINED, "Retired.", 4))
			.expectEvents(new TicketFixDeclined(ID, ISSUE, "Retired.", 4, NOW))
			.expectState((ticket) -> assertThat(ticket.status()).isEqualTo(TicketStatus.IN_PROGRESS));
	}

	@Test
	void a_declined_fix_gets_the_customer_an_honest_answer() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED)
			.when(new FollowIssue(ID, ISSUE, Progress.FIX_DECLINED, "XLS export is retired; CSV stays.", 4))
			.expectEvents(new TicketFixDeclined(ID, ISSUE, "XLS export is retired; CSV stays.", 4, NOW))
			.expectState((ticket) -> assertThat(ticket.status()).isEqualTo(TicketStatus.FIX_DECLINED));
	}

	@Test
	void the_receipt_of_the_release_message_closes_the_loop_and_resolves_the_ticket() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, SCHEDULED, RELEASED)
			.when(new RecordCustomerNotified(ID, "n-7", "fix_released", "email", NOW.minusSeconds(1)))
			.expectEvents(new CustomerNotified(ID, "n-7", "fix_released", "email", NOW.minusSeconds(1)),
					new TicketResolved(ID, null, "Fixed in version 4.2.0 (" + ISSUE + ").", false, NOW,
							ResolutionCause.FIX_RELEASED))
			.expectState((ticket) -> assertThat(ticket.status()).isEqualTo(TicketStatus.RESOLVED));
	}

	@Test
	void the_receipt_of_the_honest_answer_resolves_a_declined_ticket() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, new TicketFixDeclined(ID, ISSUE, "Retired.", 4, NOW))
			.when(new RecordCustomerNotified(ID, "n-8", "fix_declined", "email", NOW))
			.expectEvents(new CustomerNotified(ID, "n-8", "fix_declined", "email", NOW), new TicketResolved(ID, null,
					"Will not be fixed (" + ISSUE + "): Retired.", false, NOW, ResolutionCause.FIX_DECLINED));
	}

	@Test
	void another_receipt_while_the_fix_is_being_told_does_not_resolve() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, RELEASED)
			.when(new RecordCustomerNotified(ID, "n-1", "acknowledgement", "email", NOW))
			.expectEvents(new CustomerNotified(ID, "n-1", "acknowledgement", "email", NOW))
			.expectState((ticket) -> assertThat(ticket.status()).isEqualTo(TicketStatus.FIX_RELEASED));
	}

	// ------------------------------------------------------------------ merging

	@Test
	void a_duplicate_merges_into_another_ticket() {
		this.fixture.given(OPENED, TRIAGED)
			.when(new MergeTicket(ID, OTHER, "maria"))
			.expectEvents(new TicketMerged(ID, OTHER, "maria", NOW))
			.expectResultMessagePayload(TicketStatus.MERGED);
	}

	@Test
	void merging_into_itself_an_escalated_or_a_closed_ticket_is_rejected() {
		this.fixture.given(OPENED, TRIAGED)
			.when(new MergeTicket(ID, ID, "maria"))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
		// merging while the issue is unsettled: refused for the state the issue put it in
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED)
			.when(new MergeTicket(ID, OTHER, "maria"))
			.expectException(IllegalTicketTransitionException.class)
			.expectExceptionMessage("Ticket " + ID + " is escalated: it cannot be merged.")
			.expectNoEvents();
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, SCHEDULED)
			.when(new MergeTicket(ID, OTHER, "maria"))
			.expectExceptionMessage("Ticket " + ID + " is awaiting release: it cannot be merged.")
			.expectNoEvents();
		this.fixture
			.given(OPENED, TRIAGED, ASSIGNED,
					new TicketResolved(ID, "maria", "Done", true, NOW.minusSeconds(20), ResolutionCause.AGENT),
					new TicketClosed(ID, CloseReason.CONFIRMED, NOW.minusSeconds(10)))
			.when(new MergeTicket(ID, OTHER, "maria"))
			.expectException(IllegalTicketTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void a_ticket_reopened_after_its_fix_shipped_merges_into_another_its_issue_settled() {
		this.fixture
			.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, RELEASED,
					new TicketResolved(ID, null, "Fixed in 4.2.0", false, NOW.minusSeconds(400),
							ResolutionCause.FIX_RELEASED),
					new TicketReopened(ID, "Still broken", 1, NOW.minusSeconds(300), "maria"))
			.when(new MergeTicket(ID, OTHER, "maria"))
			.expectEvents(new TicketMerged(ID, OTHER, "maria", NOW))
			.expectResultMessagePayload(TicketStatus.MERGED);
	}

	@Test
	void a_ticket_reopened_after_a_workaround_still_follows_its_open_issue_and_is_not_merged() {
		this.fixture
			.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, SCHEDULED,
					new TicketResolved(ID, "maria", "Use CSV until the fix", false, NOW.minusSeconds(400),
							ResolutionCause.AGENT),
					new TicketReopened(ID, "CSV is not enough", 1, NOW.minusSeconds(300), "maria"))
			.when(new MergeTicket(ID, OTHER, "maria"))
			.expectException(IllegalTicketTransitionException.class)
			.expectExceptionMessage("Ticket " + ID
					+ " is in progress: it cannot be merged (it follows engineering issue " + ISSUE + " itself).")
			.expectNoEvents();
	}

	@Test
	void the_survivor_records_each_duplicate_once_with_its_issue() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED)
			.when(new AttachDuplicate(ID, OTHER))
			.expectEvents(new DuplicateAttached(ID, OTHER, ISSUE, NOW));
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ESCALATED, new DuplicateAttached(ID, OTHER, ISSUE, NOW))
			.when(new AttachDuplicate(ID, OTHER))
			.expectNoEvents();
	}

	@Test
	void a_merged_duplicate_follows_its_survivors_issue_to_the_release() {
		this.fixture.given(OPENED, TRIAGED, MERGED)
			.when(new EscalateTicket(ID, null, ISSUE, true, null, null, OTHER))
			.expectEvents(new TicketEscalated(ID, ISSUE, true, null, null, null, OTHER, List.of(), NOW))
			.expectResultMessagePayload(TicketStatus.MERGED);
		this.fixture
			.given(OPENED, TRIAGED, MERGED,
					new TicketEscalated(ID, ISSUE, true, null, null, null, OTHER, List.of(), NOW.minusSeconds(600)),
					new TicketFixScheduled(ID, ISSUE, "4.2.0", 3, NOW.minusSeconds(550)))
			.when(new FollowIssue(ID, ISSUE, Progress.FIX_RELEASED, "4.2.0", 5))
			.expectEvents(new TicketFixReleased(ID, ISSUE, "4.2.0", 5, NOW))
			.expectState((ticket) -> assertThat(ticket.status()).isEqualTo(TicketStatus.FIX_RELEASED));
	}

	@Test
	void following_a_survivor_the_ticket_was_not_merged_into_changes_nothing() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED)
			.when(new EscalateTicket(ID, null, ISSUE, true, null, null, OTHER))
			.expectNoEvents()
			.expectResultMessagePayload(TicketStatus.IN_PROGRESS);
		TicketId third = TicketId.of("9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a");
		this.fixture.given(OPENED, TRIAGED, MERGED)
			.when(new EscalateTicket(ID, null, ISSUE, true, null, null, third))
			.expectNoEvents()
			.expectResultMessagePayload(TicketStatus.MERGED);
	}

	@Test
	void a_merged_duplicate_is_closed_by_hand_only() {
		this.fixture.given(OPENED, TRIAGED, MERGED)
			.when(new CloseTicket(ID, null, CloseReason.MANUAL))
			.expectEvents(new TicketClosed(ID, CloseReason.MANUAL, NOW))
			.expectResultMessagePayload(TicketStatus.CLOSED);
		this.fixture.given(OPENED, TRIAGED, MERGED)
			.when(new CloseTicket(ID, null, CloseReason.CONFIRMED))
			.expectExceptionMessage("Ticket " + ID + " is merged: it cannot be closed before it is resolved.")
			.expectNoEvents();
	}

	// ------------------------------------------------------------------ timers

	private static final ClarificationRequested ASKED = new ClarificationRequested(ID, "maria", "Which browser?",
			NOW.minusSeconds(700));

	@Test
	void an_unanswered_question_reminds_the_customer_once() {
		// the question is the ticket's event number 3
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ASKED)
			.when(new RemindCustomer(ID, 3, NOW.plusSeconds(3600)))
			.expectEvents(new CustomerReminded(ID, "Which browser?", NOW.plusSeconds(3600), NOW));
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ASKED, new CustomerReminded(ID, "Which browser?", NOW, NOW))
			.when(new RemindCustomer(ID, 3, NOW.plusSeconds(3600)))
			.expectNoEvents();
	}

	@Test
	void a_reminder_for_an_answered_question_changes_nothing() {
		this.fixture
			.given(OPENED, TRIAGED, ASSIGNED, ASKED,
					new CustomerMessageReceived(ID, "Firefox", true, NOW.minusSeconds(100)))
			.when(new RemindCustomer(ID, 3, NOW.plusSeconds(3600)))
			.expectNoEvents();
	}

	@Test
	void a_question_never_answered_closes_the_ticket() {
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, ASKED)
			.when(new CloseUnanswered(ID, 3))
			.expectEvents(new TicketClosed(ID, CloseReason.UNANSWERED, NOW));
		// a later question (round 5) is not closed by the timer of the first one
		this.fixture
			.given(OPENED, TRIAGED, ASSIGNED, ASKED,
					new CustomerMessageReceived(ID, "Firefox", true, NOW.minusSeconds(100)),
					new ClarificationRequested(ID, "maria", "Which version?", NOW.minusSeconds(50)))
			.when(new CloseUnanswered(ID, 3))
			.expectNoEvents();
	}

	@Test
	void a_resolved_ticket_closes_after_the_quiet_period_unless_reopened() {
		TicketResolved resolved = new TicketResolved(ID, "maria", "Done", true, NOW.minusSeconds(100),
				ResolutionCause.AGENT);
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, resolved)
			.when(new CloseAfterQuietPeriod(ID, 3))
			.expectEvents(new TicketClosed(ID, CloseReason.QUIET_PERIOD, NOW));
		this.fixture.given(OPENED, TRIAGED, ASSIGNED, resolved, new TicketReopened(ID, "Again", 1, NOW, "maria"))
			.when(new CloseAfterQuietPeriod(ID, 3))
			.expectNoEvents();
	}

}
