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

/**
 * The policies the SLA tests share: a VIP one on Madrid working hours, a calendar-time
 * one.
 */
public final class SlaPolicyFixtures {

	public static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

	public static final BusinessCalendar SUPPORT_EU = new BusinessCalendar("support-eu", MADRID,
			weekdays("09:00-18:00"), Set.of(java.time.LocalDate.parse("2026-12-25")), null);

	public static final SlaPolicy VIP = new SlaPolicy(
			"vip", Set.of("vip"), Set.of(), SUPPORT_EU, "high", Map.of(SlaTarget.FIRST_RESPONSE, Duration.ofMinutes(30),
					SlaTarget.NEXT_RESPONSE, Duration.ofHours(2), SlaTarget.RESOLUTION, Duration.ofDays(1)),
			0.75, true, true);

	public static final SlaPolicy MARKETPLACE = new SlaPolicy("marketplace", Set.of("marketplace"), Set.of(),
			BusinessCalendar.always("always"), "low", Map.of(SlaTarget.FIRST_RESPONSE, Duration.ofHours(72)), 0.75,
			false, false);

	public static final SlaPolicy STANDARD = new SlaPolicy("standard", Set.of(), Set.of(), SUPPORT_EU, "normal",
			Map.of(SlaTarget.FIRST_RESPONSE, Duration.ofDays(1), SlaTarget.RESOLUTION, Duration.ofDays(5)), 0.75, false,
			false);

	public static final SlaPolicies POLICIES = new SlaPolicies(List.of(VIP, MARKETPLACE), STANDARD,
			Map.of("support-eu", SUPPORT_EU, "always", BusinessCalendar.always("always")));

	private SlaPolicyFixtures() {
	}

	public static Instant madrid(String local) {
		return ZonedDateTime.of(LocalDateTime.parse(local), MADRID).toInstant();
	}

	static Map<DayOfWeek, List<Hours>> weekdays(String hours) {
		Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			week.put(day, List.of(Hours.parse(hours)));
		}
		return week;
	}

}
