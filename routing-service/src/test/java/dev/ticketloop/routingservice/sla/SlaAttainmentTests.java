package dev.ticketloop.routingservice.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ticketloop.routingservice.sla.SlaAttainment.Counts;
import dev.ticketloop.routingservice.sla.SlaAttainment.Fact;
import dev.ticketloop.routingservice.sla.SlaAttainment.History;
import org.junit.jupiter.api.Test;

import static dev.ticketloop.routingservice.sla.SlaPolicyFixtures.SUPPORT_EU;
import static dev.ticketloop.routingservice.sla.SlaPolicyFixtures.VIP;
import static dev.ticketloop.routingservice.sla.SlaPolicyFixtures.madrid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same facts under two policies: what the attainment is, and what it would have been.
 */
class SlaAttainmentTests {

	private static final Instant OPENED = madrid("2026-11-30T10:00");

	private static History repliedAfter(String ticket, Duration after) {
		return new History(ticket, OPENED, List.of(new Fact(ClockFact.AGENT_REPLIED, OPENED.plus(after))));
	}

	@Test
	void a_tighter_target_replayed_over_the_same_history_misses_more() {
		List<History> histories = List.of(repliedAfter("a", Duration.ofMinutes(5)),
				repliedAfter("b", Duration.ofMinutes(25)), repliedAfter("c", Duration.ofMinutes(40)),
				new History("d", OPENED, List.of(new Fact(ClockFact.ENDED, OPENED.plusSeconds(60)))),
				new History("e", OPENED, List.of()));
		SlaPolicy tighter = new SlaPolicy("vip-20", Set.of(), Set.of(), SUPPORT_EU, "high",
				Map.of(SlaTarget.FIRST_RESPONSE, Duration.ofMinutes(20)), 0.75, true, true);
		Instant now = OPENED.plus(Duration.ofMinutes(28));

		Counts current = SlaAttainment.of(histories, VIP, now).get(SlaTarget.FIRST_RESPONSE);
		Counts candidate = SlaAttainment.of(histories, tighter, now).get(SlaTarget.FIRST_RESPONSE);

		assertThat(current).isEqualTo(new Counts(2, 1, 1, 1, 2.0 / 3));
		// under 20 minutes: b is late, and e (still unanswered after 28) is overdue
		assertThat(candidate).isEqualTo(new Counts(1, 3, 0, 1, 0.25));
	}

	@Test
	void a_ticket_closed_unanswered_after_its_time_ran_out_counts_as_missed_not_as_unmeasured() {
		List<History> histories = List.of(
				new History("late", OPENED, List.of(new Fact(ClockFact.ENDED, OPENED.plus(Duration.ofMinutes(45))))),
				new History("early", OPENED, List.of(new Fact(ClockFact.ENDED, OPENED.plus(Duration.ofMinutes(10))))));

		Counts counts = SlaAttainment.of(histories, VIP, OPENED.plus(Duration.ofHours(2)))
			.get(SlaTarget.FIRST_RESPONSE);

		assertThat(counts).isEqualTo(new Counts(0, 1, 0, 1, 0.0));
	}

	@Test
	void nothing_met_and_nothing_missed_has_no_attainment_rather_than_a_perfect_one() {
		Counts counts = SlaAttainment.of(List.of(), VIP, OPENED).get(SlaTarget.RESOLUTION);
		assertThat(counts.met() + counts.missed() + counts.open() + counts.notMeasured()).isZero();
		assertThat(counts.attainment()).as("undefined, not 100 %").isNull();
	}

}
