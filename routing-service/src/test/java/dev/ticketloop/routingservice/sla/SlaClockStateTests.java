package dev.ticketloop.routingservice.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ticketloop.routingservice.calendar.BusinessCalendar;
import dev.ticketloop.routingservice.calendar.BusinessCalendar.Hours;
import dev.ticketloop.routingservice.sla.SlaClockState.Deadline;
import dev.ticketloop.routingservice.sla.SlaClockState.Deadline.Kind;
import dev.ticketloop.routingservice.sla.SlaClockState.Phase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The clocks of one ticket under a policy, fact by fact. */
class SlaClockStateTests {

	private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

	private static final BusinessCalendar WEEKDAYS = new BusinessCalendar("eu", MADRID, weekdays("09:00-18:00"),
			Set.of(), null);

	/**
	 * VIP: first response 30 working minutes, next response 1 h, resolution 8 h; warn at
	 * 75 %.
	 */
	private static final SlaPolicy VIP = new SlaPolicy(
			"vip", Set.of("vip"), Set.of(), WEEKDAYS, "urgent", Map.of(SlaTarget.FIRST_RESPONSE, Duration.ofMinutes(30),
					SlaTarget.NEXT_RESPONSE, Duration.ofHours(1), SlaTarget.RESOLUTION, Duration.ofHours(8)),
			0.75, true, true);

	private static Instant at(String local) {
		return ZonedDateTime.of(LocalDateTime.parse(local), MADRID).toInstant();
	}

	@Test
	void a_new_ticket_is_due_a_first_response_and_a_resolution_with_warnings_before_each() {
		SlaClockState clock = SlaClockState.start(VIP, at("2026-11-30T10:00"));

		assertThat(clock.deadlines(VIP)).containsExactlyInAnyOrder(
				new Deadline(SlaTarget.FIRST_RESPONSE, Kind.WARNING, at("2026-11-30T10:22:30"), 0),
				new Deadline(SlaTarget.FIRST_RESPONSE, Kind.BREACH, at("2026-11-30T10:30"), 0),
				new Deadline(SlaTarget.RESOLUTION, Kind.WARNING, at("2026-11-30T16:00"), 0),
				new Deadline(SlaTarget.RESOLUTION, Kind.BREACH, at("2026-11-30T18:00"), 0));
	}

	@Test
	void opened_in_the_evening_the_clock_starts_the_next_working_morning() {
		SlaClockState clock = SlaClockState.start(VIP, at("2026-12-04T20:00"));

		assertThat(clock.deadline(VIP, SlaTarget.FIRST_RESPONSE, Kind.BREACH)).get()
			.extracting(Deadline::at)
			.isEqualTo(at("2026-12-07T09:30"));
	}

	@Test
	void a_reply_meets_the_first_response_within_its_target() {
		SlaClockState.Step step = SlaClockState.start(VIP, at("2026-11-30T10:00"))
			.apply(ClockFact.AGENT_REPLIED, at("2026-11-30T10:20"), VIP);

		assertThat(step.met())
			.containsExactly(new SlaClockState.Met(SlaTarget.FIRST_RESPONSE, Duration.ofMinutes(20), true));
		assertThat(step.state().targets().get(SlaTarget.FIRST_RESPONSE).phase()).isEqualTo(Phase.MET);
		assertThat(step.state().deadlines(VIP)).extracting(Deadline::target).containsOnly(SlaTarget.RESOLUTION);
	}

	@Test
	void the_resolution_clock_pauses_while_the_customer_is_asked_and_resumes_when_they_answer() {
		SlaClockState opened = SlaClockState.start(VIP, at("2026-11-30T10:00"));
		SlaClockState asked = opened.apply(ClockFact.QUESTION_ASKED, at("2026-11-30T11:00"), VIP).state();

		assertThat(asked.targets().get(SlaTarget.RESOLUTION).phase()).isEqualTo(Phase.PAUSED);
		assertThat(asked.targets().get(SlaTarget.RESOLUTION).elapsed()).isEqualTo(Duration.ofHours(1));
		assertThat(asked.deadlines(VIP)).isEmpty();

		// the customer answers the next morning: 7 working hours are left
		SlaClockState answered = asked.apply(ClockFact.CUSTOMER_ANSWERED, at("2026-12-01T09:00"), VIP).state();
		assertThat(answered.deadline(VIP, SlaTarget.RESOLUTION, Kind.BREACH)).get()
			.extracting(Deadline::at)
			.isEqualTo(at("2026-12-01T16:00"));
		assertThat(answered.deadline(VIP, SlaTarget.NEXT_RESPONSE, Kind.BREACH)).get()
			.extracting(Deadline::at)
			.isEqualTo(at("2026-12-01T10:00"));
	}

	@Test
	void a_reopened_ticket_continues_its_resolution_clock_and_owes_a_next_response() {
		SlaClockState resolved = SlaClockState.start(VIP, at("2026-11-30T10:00"))
			.apply(ClockFact.RESOLVED, at("2026-11-30T13:00"), VIP)
			.state();
		assertThat(resolved.deadlines(VIP)).isEmpty();

		SlaClockState reopened = resolved.apply(ClockFact.REOPENED, at("2026-12-01T09:00"), VIP).state();

		assertThat(reopened.targets().get(SlaTarget.RESOLUTION).elapsed()).isEqualTo(Duration.ofHours(3));
		assertThat(reopened.deadline(VIP, SlaTarget.RESOLUTION, Kind.BREACH)).get()
			.extracting(Deadline::at)
			.isEqualTo(at("2026-12-01T14:00"));
		assertThat(reopened.deadline(VIP, SlaTarget.NEXT_RESPONSE, Kind.BREACH)).get()
			.extracting(Deadline::at)
			.isEqualTo(at("2026-12-01T10:00"));
	}

	@Test
	void the_wait_for_a_release_pauses_the_clock_when_the_policy_says_so() {
		SlaPolicy standard = new SlaPolicy("standard", Set.of(), Set.of(), WEEKDAYS, "normal",
				Map.of(SlaTarget.FIRST_RESPONSE, Duration.ofHours(4), SlaTarget.RESOLUTION, Duration.ofDays(2)), 0.75,
				false, false);
		Instant opened = at("2026-11-30T10:00");
		Instant scheduled = at("2026-11-30T12:00");

		SlaClockState vip = SlaClockState.start(VIP, opened).apply(ClockFact.FIX_SCHEDULED, scheduled, VIP).state();
		SlaClockState other = SlaClockState.start(standard, opened)
			.apply(ClockFact.FIX_SCHEDULED, scheduled, standard)
			.state();

		assertThat(vip.targets().get(SlaTarget.RESOLUTION).phase()).isEqualTo(Phase.PAUSED);
		assertThat(other.targets().get(SlaTarget.RESOLUTION).phase()).isEqualTo(Phase.RUNNING);
		SlaClockState released = vip.apply(ClockFact.FIX_SETTLED, at("2026-12-03T09:00"), VIP).state();
		assertThat(released.deadline(VIP, SlaTarget.RESOLUTION, Kind.BREACH)).get()
			.extracting(Deadline::at)
			.isEqualTo(at("2026-12-03T15:00"));
	}

	@Test
	void a_target_met_late_counts_as_missed_and_a_raised_warning_is_not_due_again() {
		SlaClockState opened = SlaClockState.start(VIP, at("2026-11-30T10:00"));
		SlaClockState warned = opened.raised(SlaTarget.FIRST_RESPONSE, Kind.WARNING);
		assertThat(warned.deadlines(VIP))
			.noneMatch((d) -> d.target() == SlaTarget.FIRST_RESPONSE && d.kind() == Kind.WARNING);
		SlaClockState breached = warned.raised(SlaTarget.FIRST_RESPONSE, Kind.BREACH);
		assertThat(breached.deadlines(VIP)).noneMatch((d) -> d.target() == SlaTarget.FIRST_RESPONSE);

		SlaClockState.Step late = breached.apply(ClockFact.AGENT_REPLIED, at("2026-11-30T11:15"), VIP);
		assertThat(late.met())
			.containsExactly(new SlaClockState.Met(SlaTarget.FIRST_RESPONSE, Duration.ofMinutes(75), false));
	}

	@Test
	void a_raised_warning_leaves_the_breach_due() {
		SlaClockState warned = SlaClockState.start(VIP, at("2026-11-30T10:00"))
			.raised(SlaTarget.FIRST_RESPONSE, Kind.WARNING);

		assertThat(warned.targets().get(SlaTarget.FIRST_RESPONSE).breached()).isFalse();
		assertThat(warned.deadline(VIP, SlaTarget.FIRST_RESPONSE, Kind.BREACH)).get()
			.extracting(Deadline::at)
			.isEqualTo(at("2026-11-30T10:30"));
	}

	@Test
	void a_target_met_exactly_at_its_limit_is_met_within_it() {
		SlaClockState.Step step = SlaClockState.start(VIP, at("2026-11-30T10:00"))
			.apply(ClockFact.AGENT_REPLIED, at("2026-11-30T10:30"), VIP);

		assertThat(step.met())
			.containsExactly(new SlaClockState.Met(SlaTarget.FIRST_RESPONSE, Duration.ofMinutes(30), true));
	}

	@Test
	void a_customer_message_before_the_first_reply_starts_no_next_response() {
		SlaClockState opened = SlaClockState.start(VIP, at("2026-11-30T10:00"));

		SlaClockState wrote = opened.apply(ClockFact.CUSTOMER_WROTE, at("2026-11-30T10:05"), VIP).state();

		assertThat(wrote.targets().get(SlaTarget.NEXT_RESPONSE).phase()).isEqualTo(Phase.WAITING);
		assertThat(wrote.deadlines(VIP)).containsExactlyInAnyOrderElementsOf(opened.deadlines(VIP)
			.stream()
			.map((d) -> new Deadline(d.target(), d.kind(), d.at(), wrote.version()))
			.toList());
	}

	@Test
	void a_customer_message_on_an_answered_open_ticket_restarts_the_next_response_and_a_second_one_does_not_move_it() {
		SlaClockState answered = SlaClockState.start(VIP, at("2026-11-30T10:00"))
			.apply(ClockFact.AGENT_REPLIED, at("2026-11-30T10:10"), VIP)
			.state();
		assertThat(answered.deadline(VIP, SlaTarget.NEXT_RESPONSE, Kind.BREACH)).isEmpty();

		SlaClockState wrote = answered.apply(ClockFact.CUSTOMER_WROTE, at("2026-11-30T11:00"), VIP).state();
		assertThat(wrote.targets().get(SlaTarget.NEXT_RESPONSE).phase()).isEqualTo(Phase.RUNNING);
		assertThat(wrote.deadline(VIP, SlaTarget.NEXT_RESPONSE, Kind.BREACH)).get()
			.extracting(Deadline::at)
			.isEqualTo(at("2026-11-30T12:00"));

		SlaClockState again = wrote.apply(ClockFact.CUSTOMER_WROTE, at("2026-11-30T11:30"), VIP).state();
		assertThat(again.deadline(VIP, SlaTarget.NEXT_RESPONSE, Kind.BREACH)).get()
			.extracting(Deadline::at)
			.isEqualTo(at("2026-11-30T12:00"));
	}

	@Test
	void an_agents_reply_meets_the_next_response_target() {
		SlaClockState wrote = SlaClockState.start(VIP, at("2026-11-30T10:00"))
			.apply(ClockFact.AGENT_REPLIED, at("2026-11-30T10:10"), VIP)
			.state()
			.apply(ClockFact.CUSTOMER_WROTE, at("2026-11-30T11:00"), VIP)
			.state();

		SlaClockState.Step replied = wrote.apply(ClockFact.AGENT_REPLIED, at("2026-11-30T11:40"), VIP);

		assertThat(replied.met())
			.containsExactly(new SlaClockState.Met(SlaTarget.NEXT_RESPONSE, Duration.ofMinutes(40), true));
		assertThat(replied.state().targets().get(SlaTarget.NEXT_RESPONSE).phase()).isEqualTo(Phase.MET);
		assertThat(replied.state().deadlines(VIP)).extracting(Deadline::target).containsOnly(SlaTarget.RESOLUTION);
		// the customer's next message owes a new answer, counted from zero
		SlaClockState next = replied.state().apply(ClockFact.CUSTOMER_WROTE, at("2026-11-30T14:00"), VIP).state();
		assertThat(next.deadline(VIP, SlaTarget.NEXT_RESPONSE, Kind.BREACH)).get()
			.extracting(Deadline::at)
			.isEqualTo(at("2026-11-30T15:00"));
	}

	@Test
	void a_closed_ticket_has_nothing_due_and_each_fact_moves_the_version() {
		SlaClockState opened = SlaClockState.start(VIP, at("2026-11-30T10:00"));
		SlaClockState ended = opened.apply(ClockFact.ENDED, at("2026-11-30T10:05"), VIP).state();

		assertThat(ended.deadlines(VIP)).isEmpty();
		assertThat(ended.ended()).isTrue();
		assertThat(ended.version()).isEqualTo(opened.version() + 1);
		assertThat(ended.targets().values()).extracting(SlaClockState.Target::phase).containsOnly(Phase.STOPPED);
	}

	private static Map<DayOfWeek, List<Hours>> weekdays(String hours) {
		Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			week.put(day, List.of(Hours.parse(hours)));
		}
		return week;
	}

	@Test
	void a_customers_thanks_on_a_resolved_ticket_start_no_clock_until_it_is_reopened() {
		SlaClockState resolved = SlaClockState.start(VIP, at("2026-11-30T10:00"))
			.apply(ClockFact.AGENT_REPLIED, at("2026-11-30T10:20"), VIP)
			.state()
			.apply(ClockFact.RESOLVED, at("2026-11-30T11:00"), VIP)
			.state();

		SlaClockState thanked = resolved.apply(ClockFact.CUSTOMER_WROTE, at("2026-11-30T11:30"), VIP).state();

		assertThat(thanked.targets().get(SlaTarget.NEXT_RESPONSE).phase()).isEqualTo(Phase.WAITING);
		assertThat(thanked.deadlines(VIP)).isEmpty();
		SlaClockState reopened = thanked.apply(ClockFact.REOPENED, at("2026-11-30T12:00"), VIP).state();
		assertThat(reopened.deadline(VIP, SlaTarget.NEXT_RESPONSE, Kind.BREACH)).get()
			.extracting(Deadline::at)
			.isEqualTo(at("2026-11-30T13:00"));
	}

	@Test
	void a_warning_passed_while_the_clock_was_paused_is_due_as_soon_as_it_runs_again() {
		// 80 % of the resolution target used (6 h 24 min of 8 h) when the customer is
		// asked,
		// before the warning (due at 75 %) was raised
		SlaClockState asked = SlaClockState.start(VIP, at("2026-11-30T09:00"))
			.apply(ClockFact.AGENT_REPLIED, at("2026-11-30T09:10"), VIP)
			.state()
			.apply(ClockFact.QUESTION_ASKED, at("2026-11-30T15:24"), VIP)
			.state();
		assertThat(asked.deadlines(VIP)).isEmpty();

		SlaClockState answered = asked.apply(ClockFact.CUSTOMER_ANSWERED, at("2026-12-01T10:00"), VIP).state();

		assertThat(answered.deadline(VIP, SlaTarget.RESOLUTION, Kind.WARNING)).get()
			.extracting(Deadline::at)
			.isEqualTo(at("2026-12-01T10:00"));
		assertThat(answered.deadline(VIP, SlaTarget.RESOLUTION, Kind.BREACH)).get()
			.extracting(Deadline::at)
			.isEqualTo(at("2026-12-01T11:36"));
	}

}
