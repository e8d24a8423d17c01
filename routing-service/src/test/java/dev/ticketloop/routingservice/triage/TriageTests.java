package dev.ticketloop.routingservice.triage;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.ticketloop.routingservice.triage.TriageCommand.AlignAssignment;
import dev.ticketloop.routingservice.triage.TriageCommand.AssignToAgent;
import dev.ticketloop.routingservice.triage.TriageCommand.ReturnToQueue;
import dev.ticketloop.routingservice.triage.TriageCommand.TriageTicket;
import dev.ticketloop.routingservice.triage.TriageEvent.AssignmentDecided;
import dev.ticketloop.routingservice.triage.TriageEvent.AssignmentRecorded;
import dev.ticketloop.routingservice.triage.TriageEvent.ReturnedToQueue;
import dev.ticketloop.routingservice.triage.TriageEvent.TriageDecided;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.ticketloop.routingservice.sla.SlaPolicyFixtures.POLICIES;
import static dev.ticketloop.routingservice.sla.SlaPolicyFixtures.madrid;
import static org.assertj.core.api.Assertions.assertThat;

class TriageTests {

	private static final Instant NOW = madrid("2026-12-04T16:00:02");

	private static final String TICKET = "0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10";

	private AggregateTestFixture<Triage> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(Triage.class);
		this.fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
		this.fixture.registerInjectableResource(POLICIES);
	}

	@Test
	void a_vip_ticket_on_friday_afternoon_is_due_within_business_hours() {
		Instant opened = madrid("2026-12-04T17:50");
		this.fixture.givenNoPriorActivity()
			.when(new TriageTicket(TICKET, "email", opened, "vip", "vip"))
			.expectEvents(new TriageDecided(TICKET, "triage-" + TICKET, "high", madrid("2026-12-07T09:20"), "vip", NOW,
					"vip", null, null, List.of(), null));
	}

	@Test
	void a_marketplace_ticket_is_due_in_72_hours_of_calendar_time() {
		Instant opened = madrid("2026-12-04T17:50");
		this.fixture.givenNoPriorActivity()
			.when(new TriageTicket(TICKET, "app", opened, "marketplace", "marketplace"))
			.expectEvents(new TriageDecided(TICKET, "triage-" + TICKET, "low", opened.plusSeconds(72 * 3600),
					"marketplace", NOW, "marketplace", null, null, List.of(), null));
	}

	@Test
	void a_ticket_arriving_twice_is_triaged_once() {
		this.fixture
			.given(new TriageDecided(TICKET, "triage-" + TICKET, "normal", NOW, "standard", NOW, null, null, null,
					List.of(), null))
			.when(new TriageTicket(TICKET, "email", NOW, null, "standard"))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void the_policy_follows_the_tier_and_falls_back_to_the_default() {
		assertThat(POLICIES.select("vip", "email").name()).isEqualTo("vip");
		assertThat(POLICIES.select("marketplace", "chat").name()).isEqualTo("marketplace");
		assertThat(POLICIES.select(null, "email").name()).isEqualTo("standard");
		assertThat(POLICIES.select("gold", "social").name()).isEqualTo("standard");
	}

	private static final TriageDecided DECIDED = new TriageDecided(TICKET, "triage-" + TICKET, "normal", NOW,
			"standard", NOW, null, null, null, null, null);

	@Test
	void the_dispatcher_assigns_a_ticket_it_saw_waiting() {
		this.fixture.given(DECIDED)
			.when(new AssignToAgent(TICKET, "maria", null, "available"))
			.expectEvents(new AssignmentDecided(TICKET, "assign-" + TICKET + "-1", "maria", null, "available", NOW))
			.expectResultMessagePayload(true);
	}

	@Test
	void an_assignment_made_on_a_stale_view_of_the_queue_is_refused() {
		// assigned to maria in the previous round; the queue still showed it waiting
		this.fixture
			.given(DECIDED, new AssignmentDecided(TICKET, "assign-" + TICKET + "-1", "maria", null, "available", NOW))
			.when(new AssignToAgent(TICKET, "li", null, "available"))
			.expectNoEvents()
			.expectResultMessagePayload(false);
	}

	@Test
	void a_ticket_taken_by_hand_is_not_returned_to_the_queue_for_the_agent_before() {
		this.fixture
			.given(DECIDED, new AssignmentDecided(TICKET, "assign-" + TICKET + "-1", "maria", null, "available", NOW),
					new AssignmentRecorded(TICKET, "li", NOW))
			.when(new ReturnToQueue(TICKET, "maria", "maria is away"))
			.expectNoEvents();
	}

	@Test
	void after_a_return_to_the_queue_the_next_assignment_names_the_agent_ticket_service_still_shows() {
		this.fixture
			.given(DECIDED, new AssignmentDecided(TICKET, "assign-" + TICKET + "-1", "maria", null, "available", NOW),
					new ReturnedToQueue(TICKET, "maria", "maria is away", NOW))
			.when(new AssignToAgent(TICKET, "li", null, "available"))
			.expectEvents(new AssignmentDecided(TICKET, "assign-" + TICKET + "-2", "li", "maria", "available", NOW));
	}

	@Test
	void a_decision_the_resolved_ticket_refused_is_undone_when_it_is_reopened_with_nobody_and_it_is_assigned_anew() {
		// maria was decided while the ticket was being resolved: ticket-service refused
		// it
		this.fixture
			.given(DECIDED, new AssignmentDecided(TICKET, "assign-" + TICKET + "-1", "maria", null, "available", NOW))
			.when(new AlignAssignment(TICKET, null, NOW))
			.expectEvents(new AssignmentRecorded(TICKET, null, NOW));
		this.fixture
			.given(DECIDED, new AssignmentDecided(TICKET, "assign-" + TICKET + "-1", "maria", null, "available", NOW),
					new AssignmentRecorded(TICKET, null, NOW))
			.when(new AssignToAgent(TICKET, "li", null, "available"))
			.expectEvents(new AssignmentDecided(TICKET, "assign-" + TICKET + "-2", "li", null, "available", NOW));
	}

	@Test
	void a_reopened_ticket_is_with_the_agent_ticket_service_names_unless_routing_already_took_it_from_that_agent() {
		this.fixture
			.given(DECIDED, new AssignmentDecided(TICKET, "assign-" + TICKET + "-1", "maria", null, "available", NOW),
					new AssignmentDecided(TICKET, "assign-" + TICKET + "-2", "li", "maria", "maria is away", NOW))
			.when(new AlignAssignment(TICKET, "maria", NOW))
			.expectEvents(new AssignmentRecorded(TICKET, "maria", NOW));
		this.fixture.given(DECIDED, new AssignmentRecorded(TICKET, "maria", NOW))
			.when(new AlignAssignment(TICKET, "maria", NOW))
			.expectNoEvents();
		this.fixture
			.given(DECIDED, new AssignmentRecorded(TICKET, "maria", NOW),
					new ReturnedToQueue(TICKET, "maria", "maria is away", NOW))
			.when(new AlignAssignment(TICKET, "maria", NOW))
			.expectNoEvents();
	}

}
