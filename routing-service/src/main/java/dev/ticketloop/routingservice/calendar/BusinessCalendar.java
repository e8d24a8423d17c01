package dev.ticketloop.routingservice.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When a support team works: weekly opening hours in a time zone, minus holidays. SLA
 * targets in business time are counted on it: {@link #plus} finds the instant a given
 * amount of working time after a start, {@link #between} the working time between two
 * instants. Days are the team's local days (a day of 23 or 25 hours at a DST change
 * counts the hours that really pass); a day (24 h) in a target means one business day of
 * {@link #businessDay()} length.
 */
public final class BusinessCalendar {

	/** The longest a search for working time may look ahead before giving up. */
	private static final int MAX_DAYS = 3_660;

	private final String name;

	private final ZoneId zone;

	private final Map<DayOfWeek, List<Hours>> week;

	private final Set<LocalDate> holidays;

	private final Duration businessDay;

	private final boolean alwaysOpen;

	/** Opening hours of one day: {@code from} to {@code to}, {@code to} may be 24:00. */
	public record Hours(LocalTime from, LocalTime to, boolean untilMidnight) {

		public Hours {
			Objects.requireNonNull(from, "from");
			Objects.requireNonNull(to, "to");
			if (!untilMidnight && !to.isAfter(from)) {
				throw new IllegalArgumentException("opening hours must end after they start: " + from + "-" + to);
			}
		}

		/** Parses {@code 09:00-17:30} (or {@code 00:00-24:00}). */
		public static Hours parse(String text) {
			String[] parts = text.trim().split("\\s*-\\s*");
			if (parts.length != 2) {
				throw new IllegalArgumentException("opening hours are written like 09:00-17:30, not " + text);
			}
			LocalTime from = LocalTime.parse(parts[0]);
			boolean midnight = parts[1].equals("24:00");
			return new Hours(from, midnight ? LocalTime.MIDNIGHT : LocalTime.parse(parts[1]), midnight);
		}

		Duration length() {
			return this.untilMidnight ? Duration.between(this.from, LocalTime.MAX).plusNanos(1)
					: Duration.between(this.from, this.to);
		}

	}

	public BusinessCalendar(String name, ZoneId zone, Map<DayOfWeek, List<Hours>> week, Set<LocalDate> holidays,
			Duration businessDay) {
		this.name = Objects.requireNonNull(name, "name");
		this.zone = Objects.requireNonNull(zone, "zone");
		EnumMap<DayOfWeek, List<Hours>> sorted = new EnumMap<>(DayOfWeek.class);
		week.forEach((day, hours) -> {
			List<Hours> list = new ArrayList<>(hours);
			list.sort((a, b) -> a.from().compareTo(b.from()));
			for (int i = 1; i < list.size(); i++) {
				Hours before = list.get(i - 1);
				if (before.untilMidnight() || before.to().isAfter(list.get(i).from())) {
					throw new IllegalArgumentException(name + ": opening hours of " + day + " overlap");
				}
			}
			sorted.put(day, List.copyOf(list));
		});
		this.week = Collections.unmodifiableMap(sorted);
		if (this.week.values().stream().allMatch(List::isEmpty)) {
			throw new IllegalArgumentException(name + ": a calendar needs opening hours on at least one day");
		}
		this.holidays = Set.copyOf(holidays);
		this.alwaysOpen = this.holidays.isEmpty() && this.week.size() == 7 && this.week.values()
			.stream()
			.allMatch((h) -> h.size() == 1 && h.get(0).from().equals(LocalTime.MIDNIGHT) && h.get(0).untilMidnight());
		this.businessDay = (businessDay != null) ? businessDay : longestDay();
		if (!this.businessDay.isPositive()) {
			throw new IllegalArgumentException(name + ": business-day must be positive");
		}
	}

	/** Around the clock, every day: calendar time. */
	public static BusinessCalendar always(String name) {
		Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			week.put(day, List.of(Hours.parse("00:00-24:00")));
		}
		return new BusinessCalendar(name, ZoneId.of("UTC"), week, Set.of(), Duration.ofDays(1));
	}

	public String name() {
		return this.name;
	}

	public ZoneId zone() {
		return this.zone;
	}

	/** How long one business day is (the length a day in a target stands for). */
	public Duration businessDay() {
		return this.businessDay;
	}

	/**
	 * A target in working time: whole days count as business days, the rest as working
	 * hours and minutes.
	 */
	public Duration workingTime(Duration target) {
		if (this.alwaysOpen) {
			return target;
		}
		long days = target.toDays();
		return this.businessDay.multipliedBy(days).plus(target.minusDays(days));
	}

	/** Whether the team works at this instant. */
	public boolean isOpen(Instant instant) {
		if (this.alwaysOpen) {
			return true;
		}
		ZonedDateTime local = instant.atZone(this.zone);
		for (Interval interval : intervals(local.toLocalDate())) {
			if (!instant.isBefore(interval.start()) && instant.isBefore(interval.end())) {
				return true;
			}
		}
		return false;
	}

	/** The instant {@code amount} of working time after {@code start}. */
	public Instant plus(Instant start, Duration amount) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException("working time to add must not be negative: " + amount);
		}
		if (this.alwaysOpen || amount.isZero()) {
			return start.plus(amount);
		}
		Duration left = amount;
		LocalDate day = start.atZone(this.zone).toLocalDate().minusDays(1);
		for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
			for (Interval interval : intervals(day)) {
				if (!interval.end().isAfter(start)) {
					continue;
				}
				Instant from = interval.start().isAfter(start) ? interval.start() : start;
				Duration available = Duration.between(from, interval.end());
				if (available.compareTo(left) >= 0) {
					return from.plus(left);
				}
				left = left.minus(available);
			}
		}
		throw new IllegalStateException(this.name + ": no working time within " + MAX_DAYS + " days of " + start);
	}

	/**
	 * The working time from {@code from} to {@code to} (zero when {@code to} is not
	 * later).
	 */
	public Duration between(Instant from, Instant to) {
		if (!to.isAfter(from)) {
			return Duration.ZERO;
		}
		if (this.alwaysOpen) {
			return Duration.between(from, to);
		}
		Duration total = Duration.ZERO;
		LocalDate last = to.atZone(this.zone).toLocalDate();
		for (LocalDate day = from.atZone(this.zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day
			.plusDays(1)) {
			for (Interval interval : intervals(day)) {
				Instant start = interval.start().isAfter(from) ? interval.start() : from;
				Instant end = interval.end().isBefore(to) ? interval.end() : to;
				if (end.isAfter(start)) {
					total = total.plus(Duration.between(start, end));
				}
			}
		}
		return total;
	}

	/** The working intervals of one local day, as instants (none on a holiday). */
	private List<Interval> intervals(LocalDate day) {
		if (this.holidays.contains(day)) {
			return List.of();
		}
		List<Hours> hours = this.week.getOrDefault(day.getDayOfWeek(), List.of());
		List<Interval> intervals = new ArrayList<>(hours.size());
		for (Hours h : hours) {
			Instant start = day.atTime(h.from()).atZone(this.zone).toInstant();
			Instant end = h.untilMidnight() ? day.plusDays(1).atStartOfDay(this.zone).toInstant()
					: day.atTime(h.to()).atZone(this.zone).toInstant();
			if (end.isAfter(start)) {
				intervals.add(new Interval(start, end));
			}
		}
		return intervals;
	}

	private Duration longestDay() {
		return this.week.values()
			.stream()
			.map((hours) -> hours.stream().map(Hours::length).reduce(Duration.ZERO, Duration::plus))
			.max(Duration::compareTo)
			.orElse(Duration.ofHours(8));
	}

	private record Interval(Instant start, Instant end) {
	}

	@Override
	public String toString() {
		return "BusinessCalendar[" + this.name + ", " + this.zone + "]";
	}

}
