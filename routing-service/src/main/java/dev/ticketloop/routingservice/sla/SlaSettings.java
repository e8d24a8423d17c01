package dev.ticketloop.routingservice.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.ticketloop.routingservice.calendar.BusinessCalendar;
import dev.ticketloop.routingservice.calendar.BusinessCalendar.Hours;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * SLA configuration ({@code ticketloop.sla.*}), validated at start-up: a service with a
 * broken calendar or policy does not start.
 *
 * @param calendars business-hours calendars by name ({@code always} is built in: calendar
 * time)
 * @param policies policies in the order they are tried
 * @param defaultPolicy the name of the policy for tickets no other covers
 */
@Validated
@ConfigurationProperties("ticketloop.sla")
public record SlaSettings(Map<String, @Valid CalendarSettings> calendars,
		@NotEmpty List<@Valid PolicySettings> policies, @NotBlank String defaultPolicy) {

	/**
	 * @param zone IANA time zone of the team
	 * @param hours opening hours per day of the week ({@code monday: "09:00-18:00"}; more
	 * than one range separated by commas, e.g. {@code "08:00-12:00,13:00-17:00"})
	 * @param holidays days off
	 * @param businessDay what a day in a target stands for (default: the longest working
	 * day)
	 */
	public record CalendarSettings(@NotBlank String zone, @NotEmpty Map<String, String> hours, List<LocalDate> holidays,
			Duration businessDay) {
	}

	/**
	 * @param tiers customer tiers covered (empty: any)
	 * @param channels channels covered (empty: any)
	 * @param calendar the calendar the targets are counted on
	 * @param priority {@code low}, {@code normal}, {@code high} or {@code urgent}
	 */
	public record PolicySettings(@NotBlank String name, List<String> tiers, List<String> channels,
			@DefaultValue("always") String calendar, @NotBlank String priority, @NotNull Duration firstResponse,
			Duration nextResponse, Duration resolution, @DefaultValue("0.75") double warnAt,
			@DefaultValue("false") boolean pauseWhileAwaitingRelease, @DefaultValue("false") boolean escalateOnBreach) {
	}

	/** The policies and calendars, checked: every reference resolves. */
	public SlaPolicies toPolicies() {
		Map<String, BusinessCalendar> built = new LinkedHashMap<>();
		built.put("always", BusinessCalendar.always("always"));
		if (this.calendars != null) {
			this.calendars.forEach((name, c) -> built.put(name, calendar(name, c)));
		}
		List<SlaPolicy> list = new ArrayList<>();
		SlaPolicy fallback = null;
		for (PolicySettings p : this.policies) {
			BusinessCalendar calendar = built.get(p.calendar());
			if (calendar == null) {
				throw new IllegalArgumentException("ticketloop.sla: policy " + p.name() + " names the calendar "
						+ p.calendar() + ", which is not configured (known: " + built.keySet() + ")");
			}
			Map<SlaTarget, Duration> targets = new EnumMap<>(SlaTarget.class);
			targets.put(SlaTarget.FIRST_RESPONSE, p.firstResponse());
			if (p.nextResponse() != null) {
				targets.put(SlaTarget.NEXT_RESPONSE, p.nextResponse());
			}
			if (p.resolution() != null) {
				targets.put(SlaTarget.RESOLUTION, p.resolution());
			}
			SlaPolicy policy = new SlaPolicy(p.name(), Set.copyOf(lower(p.tiers())), Set.copyOf(lower(p.channels())),
					calendar, p.priority(), targets, p.warnAt(), p.pauseWhileAwaitingRelease(), p.escalateOnBreach());
			if (p.name().equals(this.defaultPolicy)) {
				fallback = policy;
			}
			else {
				list.add(policy);
			}
		}
		if (fallback == null) {
			throw new IllegalArgumentException(
					"ticketloop.sla.default-policy: no policy is named " + this.defaultPolicy);
		}
		return new SlaPolicies(list, fallback, built);
	}

	private static BusinessCalendar calendar(String name, CalendarSettings settings) {
		Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
		settings.hours().forEach((day, ranges) -> {
			DayOfWeek dayOfWeek;
			try {
				dayOfWeek = DayOfWeek.valueOf(day.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("ticketloop.sla.calendars." + name + ": unknown day " + day);
			}
			week.put(dayOfWeek, java.util.Arrays.stream(ranges.split(",")).map(Hours::parse).toList());
		});
		return new BusinessCalendar(name, ZoneId.of(settings.zone()), week,
				Set.copyOf((settings.holidays() != null) ? settings.holidays() : List.of()), settings.businessDay());
	}

	private static List<String> lower(List<String> values) {
		return (values != null) ? values.stream().map((v) -> v.trim().toLowerCase(Locale.ROOT)).toList() : List.of();
	}

}
