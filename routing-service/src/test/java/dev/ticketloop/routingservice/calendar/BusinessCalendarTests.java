package dev.ticketloop.routingservice.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.ticketloop.routingservice.calendar.BusinessCalendar.Hours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Working-time arithmetic: opening hours in the team's zone, weekends, holidays, lunch
 * breaks, DST changes, and the round trip between adding and measuring.
 */
class BusinessCalendarTests {

	private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	/** Madrid: Monday to Thursday 09:00-18:00, Friday 09:00-15:00, Christmas off. */
	private static final BusinessCalendar SUPPORT_EU = new BusinessCalendar("support-eu", MADRID,
			week(Map.of(DayOfWeek.MONDAY, "09:00-18:00", DayOfWeek.TUESDAY, "09:00-18:00", DayOfWeek.WEDNESDAY,
					"09:00-18:00", DayOfWeek.THURSDAY, "09:00-18:00", DayOfWeek.FRIDAY, "09:00-15:00")),
			Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2027-01-01")), null);

	/** New York, with a lunch break. */
	private static final BusinessCalendar SUPPORT_US = new BusinessCalendar("support-us", NEW_YORK,
			weekdays("08:00-12:00", "13:00-17:00"), Set.of(), null);

	private static Instant madrid(String local) {
		return ZonedDateTime.of(java.time.LocalDateTime.parse(local), MADRID).toInstant();
	}

	private static Instant newYork(String local) {
		return ZonedDateTime.of(java.time.LocalDateTime.parse(local), NEW_YORK).toInstant();
	}

	@ParameterizedTest(name = "{0} + {1} = {2}")
	@CsvSource(textBlock = """
			2026-11-30T10:00, PT30M, 2026-11-30T10:30
			2026-11-30T17:45, PT30M, 2026-12-01T09:15
			2026-11-30T20:00, PT30M, 2026-12-01T09:30
			2026-11-30T06:00, PT1H,  2026-11-30T10:00
			2026-12-04T14:30, PT1H,  2026-12-07T09:30
			2026-12-05T11:00, PT30M, 2026-12-07T09:30
			2026-12-24T17:00, PT2H,  2026-12-28T10:00
			2026-11-30T10:00, P1D,   2026-12-01T10:00
			2026-12-03T16:00, P1D,   2026-12-07T10:00
			2026-11-30T09:00, PT9H,  2026-11-30T18:00
			""")
	void working_time_is_added_within_opening_hours_skipping_nights_weekends_and_holidays(String start, Duration amount,
			String due) {
		Instant from = madrid(start);
		Instant expected = madrid(due);
		assertThat(SUPPORT_EU.plus(from, SUPPORT_EU.workingTime(amount))).isEqualTo(expected);
	}

	@Test
	void a_business_day_is_the_longest_working_day_unless_configured() {
		assertThat(SUPPORT_EU.businessDay()).isEqualTo(Duration.ofHours(9));
		assertThat(SUPPORT_EU.workingTime(Duration.ofDays(1).plusHours(2))).isEqualTo(Duration.ofHours(11));
		BusinessCalendar eightHours = new BusinessCalendar("x", MADRID, weekdays("08:00-18:00"), Set.of(),
				Duration.ofHours(8));
		assertThat(eightHours.workingTime(Duration.ofDays(2))).isEqualTo(Duration.ofHours(16));
	}

	@Test
	void a_lunch_break_does_not_count() {
		assertThat(SUPPORT_US.plus(newYork("2026-11-30T11:30"), Duration.ofHours(1)))
			.isEqualTo(newYork("2026-11-30T13:30"));
		assertThat(SUPPORT_US.between(newYork("2026-11-30T11:00"), newYork("2026-11-30T14:00")))
			.isEqualTo(Duration.ofHours(2));
		assertThat(SUPPORT_US.isOpen(newYork("2026-11-30T12:30"))).isFalse();
		assertThat(SUPPORT_US.isOpen(newYork("2026-11-30T13:00"))).isTrue();
	}

	@Test
	void opening_hours_given_out_of_order_are_taken_in_order() {
		BusinessCalendar lunchFirst = new BusinessCalendar("lunch-first", NEW_YORK,
				weekdays("13:00-17:00", "08:00-12:00"), Set.of(), null);
		assertThat(lunchFirst.plus(newYork("2026-11-30T11:30"), Duration.ofHours(1)))
			.isEqualTo(newYork("2026-11-30T13:30"));
		assertThat(lunchFirst.between(newYork("2026-11-30T11:00"), newYork("2026-11-30T14:00")))
			.isEqualTo(Duration.ofHours(2));
		assertThat(lunchFirst.isOpen(newYork("2026-11-30T12:30"))).isFalse();
		assertThat(lunchFirst.businessDay()).isEqualTo(Duration.ofHours(8));
	}

	@Test
	void a_seven_day_calendar_without_24_hour_days_counts_only_its_opening_hours() {
		Instant monday = madrid("2026-11-30T00:00");
		Instant tuesday = madrid("2026-12-01T00:00");
		assertThat(everyDay("09:00-18:00").between(monday, tuesday)).isEqualTo(Duration.ofHours(9));
		assertThat(everyDay("09:00-18:00").plus(monday, Duration.ofHours(1))).isEqualTo(madrid("2026-11-30T10:00"));
		assertThat(everyDay("09:00-18:00").isOpen(monday)).isFalse();
		assertThat(everyDay("09:00-24:00").between(monday, tuesday)).isEqualTo(Duration.ofHours(15));
		assertThat(everyDay("00:00-18:00").between(monday, tuesday)).isEqualTo(Duration.ofHours(18));
		// around the clock on weekdays only: the weekend does not count
		BusinessCalendar weekdaysAllDay = new BusinessCalendar("weekdays-24h", MADRID, weekdays("00:00-24:00"),
				Set.of(), null);
		assertThat(weekdaysAllDay.between(madrid("2026-12-05T00:00"), madrid("2026-12-07T00:00"))).isZero();
	}

	@Test
	void a_calendar_without_working_time_for_ten_years_gives_up() {
		// open on Mondays only, and every Monday in the ten years (3,660 days) searched
		// is
		// a holiday: the first working Monday is one day too late
		LocalDate start = LocalDate.parse("2026-12-02");
		Set<LocalDate> holidays = new java.util.HashSet<>();
		for (LocalDate day = start.plusDays(5); day.isBefore(start.plusDays(3_659)); day = day.plusWeeks(1)) {
			holidays.add(day);
		}
		BusinessCalendar mondays = new BusinessCalendar("mondays", MADRID,
				week(Map.of(DayOfWeek.MONDAY, "09:00-17:00")), holidays, null);
		Instant from = madrid(start + "T10:00");
		assertThat(start.plusDays(3_659).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> mondays.plus(from, Duration.ofHours(1)))
			.withMessageContaining("no working time within 3660 days");
	}

	@Test
	void the_same_instant_is_in_hours_for_one_team_and_not_for_another() {
		Instant instant = Instant.parse("2026-11-30T16:00:00Z");
		assertThat(SUPPORT_EU.isOpen(instant)).as("17:00 in Madrid").isTrue();
		assertThat(SUPPORT_US.isOpen(instant)).as("11:00 in New York").isTrue();
		Instant evening = Instant.parse("2026-11-30T18:30:00Z");
		assertThat(SUPPORT_EU.isOpen(evening)).as("19:30 in Madrid").isFalse();
		assertThat(SUPPORT_US.isOpen(evening)).as("13:30 in New York").isTrue();
	}

	@Test
	void across_the_spring_dst_change_working_hours_stay_local() {
		// Madrid springs forward on 2027-03-28 (a Sunday): 09:00 local is 08:00Z before,
		// 07:00Z after
		Instant fridayAfternoon = madrid("2027-03-26T14:00");
		Instant due = SUPPORT_EU.plus(fridayAfternoon, Duration.ofHours(2));
		assertThat(due).isEqualTo(madrid("2027-03-29T10:00"));
		assertThat(due).isEqualTo(Instant.parse("2027-03-29T08:00:00Z"));
		assertThat(SUPPORT_EU.between(fridayAfternoon, due)).isEqualTo(Duration.ofHours(2));
	}

	@Test
	void a_24_hour_calendar_counts_the_real_length_of_a_dst_day() {
		Map<DayOfWeek, List<Hours>> allDay = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			allDay.put(day, List.of(Hours.parse("00:00-24:00")));
		}
		BusinessCalendar madridAllDay = new BusinessCalendar("madrid-24h", MADRID, allDay,
				Set.of(LocalDate.parse("2027-03-27")), null);
		// the night of the change has 23 hours; the 27th is a holiday
		Instant saturdayStart = madrid("2027-03-27T00:00");
		Instant mondayStart = madrid("2027-03-29T00:00");
		assertThat(madridAllDay.between(saturdayStart, mondayStart)).isEqualTo(Duration.ofHours(23));
		// autumn: 2026-10-25 has 25 hours
		Instant sunday = madrid("2026-10-25T00:00");
		assertThat(madridAllDay.between(sunday, madrid("2026-10-26T00:00"))).isEqualTo(Duration.ofHours(25));
	}

	@Test
	void the_always_open_calendar_is_calendar_time() {
		BusinessCalendar always = BusinessCalendar.always("calendar-time");
		Instant start = Instant.parse("2026-12-24T22:00:00Z");
		assertThat(always.plus(start, Duration.ofHours(72))).isEqualTo(start.plus(Duration.ofHours(72)));
		assertThat(always.workingTime(Duration.ofDays(3))).isEqualTo(Duration.ofHours(72));
		assertThat(always.between(start, start.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
		assertThat(always.isOpen(start)).isTrue();
		assertThat(always.between(start.plusSeconds(90), start)).isZero();
		assertThat(SUPPORT_EU.between(madrid("2026-11-30T12:00"), madrid("2026-11-30T11:00"))).isZero();
	}

	@Test
	void measuring_what_was_added_gives_it_back() {
		Random random = new Random(42);
		Instant base = madrid("2026-11-01T00:00");
		for (int i = 0; i < 2_000; i++) {
			Instant start = base.plusSeconds(random.nextInt(180 * 86_400));
			Duration amount = Duration.ofMinutes(random.nextInt(60 * 40));
			Instant due = SUPPORT_EU.plus(start, amount);
			assertThat(SUPPORT_EU.between(start, due)).as("from %s plus %s", start, amount).isEqualTo(amount);
			assertThat(due).isAfterOrEqualTo(start);
			if (amount.isPositive()) {
				assertThat(SUPPORT_EU.isOpen(due.minusSeconds(1))).as("due at the end of working time").isTrue();
			}
		}
	}

	@Test
	void a_pause_is_measured_out_of_the_working_time_left() {
		// opened Monday 16:00 with 4 working hours; paused Monday 17:00 to Tuesday 11:00
		Instant opened = madrid("2026-11-30T16:00");
		Duration elapsed = SUPPORT_EU.between(opened, madrid("2026-11-30T17:00"));
		Instant resumed = madrid("2026-12-01T11:00");
		Instant due = SUPPORT_EU.plus(resumed, Duration.ofHours(4).minus(elapsed));
		assertThat(due).isEqualTo(madrid("2026-12-01T14:00"));
	}

	@Test
	void opening_hours_that_overlap_or_a_calendar_without_any_are_refused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BusinessCalendar("x", MADRID, weekdays("09:00-13:00", "12:00-17:00"), Set.of(), null))
			.withMessageContaining("overlap");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BusinessCalendar("x", MADRID, weekdays("20:00-22:00", "09:00-24:00"), Set.of(), null))
			.withMessageContaining("overlap");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BusinessCalendar("x", MADRID, Map.of(), Set.of(), null))
			.withMessageContaining("at least one day");
		assertThatIllegalArgumentException().isThrownBy(() -> Hours.parse("18:00-09:00"));
		assertThatIllegalArgumentException().isThrownBy(() -> Hours.parse("9 to 5"));
	}

	private static BusinessCalendar everyDay(String hours) {
		Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			week.put(day, List.of(Hours.parse(hours)));
		}
		return new BusinessCalendar("every-day-" + hours, MADRID, week, Set.of(), null);
	}

	private static Map<DayOfWeek, List<Hours>> week(Map<DayOfWeek, String> days) {
		Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
		days.forEach((day, hours) -> week.put(day, List.of(Hours.parse(hours))));
		return week;
	}

	private static Map<DayOfWeek, List<Hours>> weekdays(String... hours) {
		Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			week.put(day, java.util.Arrays.stream(hours).map(Hours::parse).toList());
		}
		return week;
	}

}
