package dev.ticketloop.deploy.bench.micro;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.ticketloop.routingservice.calendar.BusinessCalendar;
import dev.ticketloop.routingservice.calendar.BusinessCalendar.Hours;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Business-hours arithmetic, the step every SLA deadline and every pause goes through: a
 * target added to a start in the support calendar shipped by default (Europe/Madrid,
 * 09:00-18:00 on weekdays, holidays), and the business time between two instants.
 * Baseline: the same amount added in wall-clock time ({@code ZonedDateTime.plus}), what a
 * deadline costs without a calendar. Starts are spread over a year (nights, weekends,
 * holidays, the change of summer time), one per call, so that no branch is favoured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CalendarBenchmark {

	/** 30m (a VIP first response), 8h (a standard business day), 72h (marketplace). */
	@Param({ "PT30M", "PT9H", "PT72H" })
	public String target;

	private static final int STARTS = 4_096;

	private BusinessCalendar calendar;

	private Duration amount;

	private final Instant[] starts = new Instant[STARTS];

	private final ZonedDateTime[] zonedStarts = new ZonedDateTime[STARTS];

	private int next;

	@Setup
	public void setUp() {
		Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			week.put(day, List.of(Hours.parse("09:00-18:00")));
		}
		ZoneId madrid = ZoneId.of("Europe/Madrid");
		this.calendar = new BusinessCalendar("support-eu", madrid, week,
				Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-06")),
				null);
		this.amount = Duration.parse(this.target);
		Instant first = Instant.parse("2026-03-01T00:00:00Z");
		long year = Duration.ofDays(365).toSeconds();
		for (int i = 0; i < STARTS; i++) {
			// a fixed, evenly spread and shuffled sequence (multiplicative hashing)
			long offset = Math.floorMod(i * 2_654_435_761L, year);
			this.starts[i] = first.plusSeconds(offset);
			this.zonedStarts[i] = this.starts[i].atZone(madrid);
		}
	}

	private int index() {
		this.next = (this.next + 1) & (STARTS - 1);
		return this.next;
	}

	@Benchmark
	public Instant baselineWallClockPlus() {
		return this.zonedStarts[index()].plus(this.amount).toInstant();
	}

	@Benchmark
	public Instant businessHoursPlus() {
		return this.calendar.plus(this.starts[index()], this.amount);
	}

	@Benchmark
	public Duration businessHoursBetween() {
		int i = index();
		Instant from = this.starts[i];
		return this.calendar.between(from, from.plus(this.amount));
	}

}
