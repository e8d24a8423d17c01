package dev.ticketloop.routingservice.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.ticketloop.routingservice.sla.SlaClockCommand.CheckSlaDeadline;
import dev.ticketloop.routingservice.sla.SlaClockCommand.RecordClockFact;
import dev.ticketloop.routingservice.sla.SlaClockCommand.StartSlaClock;
import dev.ticketloop.routingservice.sla.SlaClockEvent.PriorityEscalated;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaClockStarted;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaFactRecorded;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaTargetBreached;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaTargetMet;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaWarningRaised;
import dev.ticketloop.routingservice.sla.SlaClockState.Deadline;
import dev.ticketloop.routingservice.sla.SlaClockState.Deadline.Kind;
import dev.ticketloop.testsupport.MutableClock;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.ticketloop.routingservice.sla.SlaPolicyFixtures.POLICIES;
import static dev.ticketloop.routingservice.sla.SlaPolicyFixtures.VIP;
import static dev.ticketloop.routingservice.sla.SlaPolicyFixtures.madrid;

/**
 * The clock aggregate: facts recorded once, each warning and breach raised once, when
 * still due.
 */
class SlaClockTests {

	private static final String TICKET = "0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10";

	private static final String CLOCK = SlaClockCommand.clockIdOf(TICKET);

	private static final Instant OPENED = madrid("2026-11-30T10:00");

	private static final List<Deadline> FIRST_DEADLINES = List.of(
			new Deadline(SlaTarget.FIRST_RESPONSE, Kind.WARNING, madrid("2026-11-30T10:22:30"), 0),
			new Deadline(SlaTarget.FIRST_RESPONSE, Kind.BREACH, madrid("2026-11-30T10:30"), 0),
			new Deadline(SlaTarget.RESOLUTION, Kind.WARNING, madrid("2026-11-30T16:45"), 0),
			new Deadline(SlaTarget.RESOLUTION, Kind.BREACH, madrid("2026-12-01T10:00"), 0));

	private static final SlaClockStarted STARTED = new SlaClockStarted(CLOCK, TICKET, "vip", "support-eu", "high",
			VIP.targets(), 0.75, true, true, OPENED, FIRST_DEADLINES);

	private final MutableClock clock = MutableClock.at(OPENED);

	private AggregateTestFixture<SlaClock> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(SlaClock.class);
		this.fixture.registerInjectableResource(POLICIES);
		this.fixture.registerInjectableResource(this.clock);
	}

	@Test
	void a_clock_starts_with_the_deadlines_of_its_policy() {
		this.fixture.givenNoPriorActivity()
			.when(new StartSlaClock(CLOCK, TICKET, "vip", "high", OPENED))
			.expectEvents(STARTED);
	}

	@Test
	void starting_a_clock_twice_changes_nothing() {
		this.fixture.given(STARTED)
			.when(new StartSlaClock(CLOCK, TICKET, "vip", "high", OPENED))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void a_reply_is_recorded_with_the_deadlines_it_replaces_and_meets_the_first_response() {
		Instant replied = madrid("2026-11-30T10:10");
		this.fixture.given(STARTED)
			.when(new RecordClockFact(CLOCK, ClockFact.AGENT_REPLIED, replied, "evt-1"))
			.expectEvents(
					new SlaFactRecorded(CLOCK, TICKET, ClockFact.AGENT_REPLIED, replied, "evt-1", 1, FIRST_DEADLINES,
							List.of(new Deadline(SlaTarget.RESOLUTION, Kind.WARNING, madrid("2026-11-30T16:45"), 1),
									new Deadline(SlaTarget.RESOLUTION, Kind.BREACH, madrid("2026-12-01T10:00"), 1))),
					new SlaTargetMet(CLOCK, TICKET, SlaTarget.FIRST_RESPONSE, "vip", Duration.ofMinutes(10),
							Duration.ofMinutes(30), true, replied));
	}

	@Test
	void a_fact_delivered_twice_is_recorded_once() {
		Instant replied = madrid("2026-11-30T10:10");
		this.fixture
			.given(STARTED,
					new SlaFactRecorded(CLOCK, TICKET, ClockFact.AGENT_REPLIED, replied, "evt-1", 1, FIRST_DEADLINES,
							List.of()))
			.when(new RecordClockFact(CLOCK, ClockFact.AGENT_REPLIED, replied, "evt-1"))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void a_due_warning_is_raised_once() {
		this.clock.set(madrid("2026-11-30T10:22:31"));
		this.fixture.given(STARTED)
			.when(new CheckSlaDeadline(CLOCK, SlaTarget.FIRST_RESPONSE, Kind.WARNING, 0))
			.expectEvents(new SlaWarningRaised(CLOCK, TICKET, SlaTarget.FIRST_RESPONSE, "vip",
					madrid("2026-11-30T10:22:30"), madrid("2026-11-30T10:30"), madrid("2026-11-30T10:22:31")));
		this.fixture
			.given(STARTED,
					new SlaWarningRaised(CLOCK, TICKET, SlaTarget.FIRST_RESPONSE, "vip", madrid("2026-11-30T10:22:30"),
							madrid("2026-11-30T10:30"), madrid("2026-11-30T10:22:31")))
			.when(new CheckSlaDeadline(CLOCK, SlaTarget.FIRST_RESPONSE, Kind.WARNING, 0))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void a_breach_raises_the_priority_when_the_policy_says_so() {
		this.clock.set(madrid("2026-11-30T10:30:00.2"));
		this.fixture.given(STARTED)
			.when(new CheckSlaDeadline(CLOCK, SlaTarget.FIRST_RESPONSE, Kind.BREACH, 0))
			.expectEvents(
					new SlaTargetBreached(CLOCK, TICKET, SlaTarget.FIRST_RESPONSE, "vip", madrid("2026-11-30T10:30"),
							madrid("2026-11-30T10:30:00.2")),
					new PriorityEscalated(CLOCK, TICKET, "high", "urgent", SlaTarget.FIRST_RESPONSE,
							madrid("2026-11-30T10:30"), "vip", madrid("2026-11-30T10:30:00.2")));
	}

	@Test
	void a_deadline_set_before_a_later_fact_is_stale_and_raises_nothing() {
		this.clock.set(madrid("2026-11-30T10:31"));
		this.fixture
			.given(STARTED,
					new SlaFactRecorded(CLOCK, TICKET, ClockFact.AGENT_REPLIED, madrid("2026-11-30T10:10"), "evt-1", 1,
							FIRST_DEADLINES, List.of()))
			.when(new CheckSlaDeadline(CLOCK, SlaTarget.FIRST_RESPONSE, Kind.BREACH, 0))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void a_deadline_checked_before_it_is_due_raises_nothing_and_tells_when_it_is_due() {
		this.clock.set(madrid("2026-11-30T10:20"));
		this.fixture.given(STARTED)
			.when(new CheckSlaDeadline(CLOCK, SlaTarget.FIRST_RESPONSE, Kind.WARNING, 0))
			.expectSuccessfulHandlerExecution()
			.expectResultMessagePayload(madrid("2026-11-30T10:22:30"))
			.expectNoEvents();
	}

	@Test
	void a_deadline_of_a_paused_clock_raises_nothing() {
		this.clock.set(madrid("2026-12-01T10:01"));
		this.fixture
			.given(STARTED,
					new SlaFactRecorded(CLOCK, TICKET, ClockFact.QUESTION_ASKED, madrid("2026-11-30T10:05"), "evt-1", 1,
							FIRST_DEADLINES, List.of()))
			.when(new CheckSlaDeadline(CLOCK, SlaTarget.RESOLUTION, Kind.BREACH, 1))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

}
