package dev.ticketloop.example.consumer;

import java.time.Instant;
import java.util.UUID;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.routing.SlaWarningV1;
import dev.ticketloop.contracts.ticket.AgentRepliedV1;
import dev.ticketloop.contracts.ticket.ClarificationRequestedV1;
import dev.ticketloop.contracts.ticket.CustomerMessageReceivedV1;
import dev.ticketloop.contracts.ticket.CustomerNotifiedV1;
import dev.ticketloop.contracts.ticket.TicketAssignedV1;
import dev.ticketloop.contracts.ticket.TicketClosedV1;
import dev.ticketloop.contracts.ticket.TicketEscalatedV1;
import dev.ticketloop.contracts.ticket.TicketFixReleasedV1;
import dev.ticketloop.contracts.ticket.TicketFixScheduledV1;
import dev.ticketloop.contracts.ticket.TicketMergedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketReopenedV1;
import dev.ticketloop.contracts.ticket.TicketResolvedV1;
import dev.ticketloop.contracts.ticket.TicketTriagedV1;
import dev.ticketloop.example.consumer.TicketStatuses.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class TicketStatusesTests {

	static final String TICKET = "0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10";

	static final String SURVIVOR = "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f";

	static final Instant AT = Instant.parse("2026-11-23T09:15:30Z");

	final TicketStatuses statuses = new TicketStatuses();

	int seconds;

	@Test
	void an_opened_ticket_is_new_with_its_channel_and_locale() {
		apply(opened(TICKET));

		assertThat(ticket()).returns(TicketStatus.NEW, TicketState::status)
			.returns(true, TicketState::fromOpening)
			.returns("email", TicketState::channel)
			.returns("es-MX", TicketState::locale)
			.returns(1, TicketState::events)
			.returns(AT.plusSeconds(1), TicketState::lastEventAt);
	}

	@Test
	void a_ticket_follows_the_support_loop_to_closed() {
		apply(opened(TICKET));
		assertThat(statusAfter(new TicketTriagedV1(TICKET, "d-1", "high", AT, AT))).isEqualTo(TicketStatus.TRIAGED);
		assertThat(statusAfter(new TicketAssignedV1(TICKET, "maria", AT))).isEqualTo(TicketStatus.IN_PROGRESS);
		assertThat(statusAfter(new ClarificationRequestedV1(TICKET, "¿Qué navegador?", AT)))
			.isEqualTo(TicketStatus.AWAITING_CUSTOMER);
		assertThat(statusAfter(new CustomerMessageReceivedV1(TICKET, "Firefox", true, AT)))
			.isEqualTo(TicketStatus.IN_PROGRESS);
		assertThat(statusAfter(new AgentRepliedV1(TICKET, "maria", "Borre la caché.", AT)))
			.isEqualTo(TicketStatus.IN_PROGRESS);
		assertThat(statusAfter(new TicketResolvedV1(TICKET, "Caché", false, AT, "agent")))
			.isEqualTo(TicketStatus.RESOLVED);
		assertThat(statusAfter(new TicketReopenedV1(TICKET, 1, AT, "maria", true))).isEqualTo(TicketStatus.IN_PROGRESS);
		assertThat(statusAfter(new TicketResolvedV1(TICKET, "Caché", false, AT, "agent")))
			.isEqualTo(TicketStatus.RESOLVED);
		assertThat(statusAfter(new TicketClosedV1(TICKET, "confirmed", AT))).isEqualTo(TicketStatus.CLOSED);

		assertThat(ticket().events()).isEqualTo(10);
	}

	@Test
	void a_message_that_answers_no_clarification_leaves_the_ticket_waiting_for_its_customer() {
		apply(opened(TICKET));
		apply(new ClarificationRequestedV1(TICKET, "¿Qué navegador?", AT));

		assertThat(statusAfter(new CustomerMessageReceivedV1(TICKET, "Hola otra vez", false, AT)))
			.isEqualTo(TicketStatus.AWAITING_CUSTOMER);
	}

	@Test
	void a_triage_after_an_agent_took_the_ticket_leaves_it_in_progress() {
		apply(opened(TICKET));
		apply(new TicketAssignedV1(TICKET, "maria", AT));

		assertThat(statusAfter(new TicketTriagedV1(TICKET, "d-1", "high", AT, AT))).isEqualTo(TicketStatus.IN_PROGRESS);
	}

	@Test
	void an_escalated_ticket_follows_its_issue_until_the_customer_is_told_and_it_is_resolved() {
		apply(opened(TICKET));
		assertThat(statusAfter(new TicketEscalatedV1(TICKET, "ISS-7K3QF2MA", false, AT)))
			.isEqualTo(TicketStatus.ESCALATED);
		assertThat(ticket().issueKey()).isEqualTo("ISS-7K3QF2MA");
		assertThat(statusAfter(new TicketFixScheduledV1(TICKET, "ISS-7K3QF2MA", "2.4.0", AT)))
			.isEqualTo(TicketStatus.AWAITING_RELEASE);
		assertThat(statusAfter(new TicketFixReleasedV1(TICKET, "ISS-7K3QF2MA", "2.4.0", AT)))
			.isEqualTo(TicketStatus.FIX_RELEASED);
		assertThat(statusAfter(new CustomerNotifiedV1(TICKET, "n-2", "fix_released", "email", AT)))
			.isEqualTo(TicketStatus.CUSTOMER_NOTIFIED);
		assertThat(statusAfter(new TicketResolvedV1(TICKET, "Fixed in 2.4.0", false, AT, "fix-released")))
			.isEqualTo(TicketStatus.RESOLVED);
	}

	@Test
	void a_receipt_for_another_reason_does_not_close_the_engineering_loop() {
		apply(opened(TICKET));
		apply(new TicketEscalatedV1(TICKET, "ISS-7K3QF2MA", true, AT));
		apply(new TicketFixReleasedV1(TICKET, "ISS-7K3QF2MA", "2.4.0", AT));

		assertThat(statusAfter(new CustomerNotifiedV1(TICKET, "n-1", "acknowledgement", "email", AT)))
			.isEqualTo(TicketStatus.FIX_RELEASED);
	}

	@Test
	void a_fix_released_for_a_ticket_an_agent_resolved_meanwhile_leaves_it_resolved() {
		apply(opened(TICKET));
		apply(new TicketEscalatedV1(TICKET, "ISS-7K3QF2MA", false, AT));
		apply(new TicketResolvedV1(TICKET, "Workaround", false, AT, "agent"));

		assertThat(statusAfter(new TicketFixReleasedV1(TICKET, "ISS-7K3QF2MA", "2.4.0", AT)))
			.isEqualTo(TicketStatus.RESOLVED);
	}

	@Test
	void a_merged_duplicate_stays_merged_while_it_follows_the_survivors_issue_until_the_fix_ships() {
		apply(opened(TICKET));
		assertThat(statusAfter(new TicketMergedV1(TICKET, SURVIVOR, AT))).isEqualTo(TicketStatus.MERGED);
		assertThat(statusAfter(new TicketEscalatedV1(TICKET, "ISS-7K3QF2MA", true, AT))).isEqualTo(TicketStatus.MERGED);
		assertThat(statusAfter(new TicketFixScheduledV1(TICKET, "ISS-7K3QF2MA", "2.4.0", AT)))
			.isEqualTo(TicketStatus.MERGED);
		assertThat(statusAfter(new TicketFixReleasedV1(TICKET, "ISS-7K3QF2MA", "2.4.0", AT)))
			.isEqualTo(TicketStatus.FIX_RELEASED);

		assertThat(ticket()).returns(SURVIVOR, TicketState::mergedInto).returns("ISS-7K3QF2MA", TicketState::issueKey);
	}

	@Test
	void an_event_read_twice_is_applied_once() {
		CloudEvent resolved = event(new TicketResolvedV1(TICKET, "Caché", false, AT, "agent"));
		apply(opened(TICKET));
		assertThat(this.statuses.apply(resolved)).isEqualTo(Outcome.APPLIED);
		apply(new TicketReopenedV1(TICKET, 1, AT, null, false));

		// redelivered after the reopening, e.g. by a republish
		assertThat(this.statuses.apply(resolved)).isEqualTo(Outcome.DUPLICATE);

		assertThat(ticket()).returns(TicketStatus.IN_PROGRESS, TicketState::status).returns(3, TicketState::events);
	}

	@Test
	void a_republished_opening_does_not_set_a_ticket_back_to_new() {
		CloudEvent opened = event(opened(TICKET));
		this.statuses.apply(opened);
		apply(new TicketResolvedV1(TICKET, "Caché", false, AT, "agent"));

		assertThat(this.statuses.apply(opened)).isEqualTo(Outcome.DUPLICATE);
		assertThat(ticket().status()).isEqualTo(TicketStatus.RESOLVED);
	}

	@Test
	void an_event_of_another_topic_is_not_applied_to_the_ticket() {
		apply(opened(TICKET));

		assertThat(this.statuses.apply(event(new SlaWarningV1(TICKET, "first_response", "standard", AT, AT, AT))))
			.isEqualTo(Outcome.NOT_A_TICKET_EVENT);
		assertThat(ticket().events()).isEqualTo(1);
	}

	@Test
	void without_its_opening_a_tickets_status_is_unknown_until_an_event_decides_it() {
		assertThat(statusAfter(new TicketTriagedV1(TICKET, "d-1", "high", AT, AT))).isNull();
		assertThat(statusAfter(new TicketAssignedV1(TICKET, "maria", AT))).isNull();
		assertThat(statusAfter(new ClarificationRequestedV1(TICKET, "¿Qué navegador?", AT)))
			.isEqualTo(TicketStatus.AWAITING_CUSTOMER);

		assertThat(ticket()).returns(false, TicketState::fromOpening)
			.returns(null, TicketState::channel)
			.returns(3, TicketState::events);
	}

	@Test
	void tickets_are_kept_apart() {
		String other = UUID.randomUUID().toString();
		apply(opened(TICKET));
		apply(opened(other));
		apply(new TicketResolvedV1(other, "Done", true, AT, "agent"));

		assertThat(this.statuses.all()).extracting(TicketState::ticketId, TicketState::status)
			.containsExactly(tuple(TICKET, TicketStatus.NEW), tuple(other, TicketStatus.RESOLVED));
	}

	static TicketOpenedV1 opened(String ticketId) {
		return new TicketOpenedV1(ticketId, "email", "cust-1", "ana@example.com", "Ana", "es-MX", "No carga",
				"La página no carga.", AT, "America/Mexico_City", null);
	}

	private TicketStatus statusAfter(IntegrationEvent data) {
		apply(data);
		return ticket().status();
	}

	private void apply(IntegrationEvent data) {
		assertThat(this.statuses.apply(event(data))).isEqualTo(Outcome.APPLIED);
	}

	private CloudEvent event(IntegrationEvent data) {
		this.seconds++;
		return CloudEvent.of(UUID.randomUUID().toString(), "/ticketloop/ticket-service", AT.plusSeconds(this.seconds),
				data);
	}

	private TicketState ticket() {
		return this.statuses.ticket(TICKET).orElseThrow();
	}

}
