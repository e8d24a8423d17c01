package dev.ticketloop.routingservice.sla;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ticketloop.routingservice.calendar.BusinessCalendar;

/**
 * The configured policies, in order: a ticket gets the first that covers its customer's
 * tier and its channel, else the default one.
 */
public final class SlaPolicies {

	private final List<SlaPolicy> policies;

	private final SlaPolicy defaultPolicy;

	private final Map<String, SlaPolicy> byName;

	private final Map<String, BusinessCalendar> calendars;

	public SlaPolicies(List<SlaPolicy> policies, SlaPolicy defaultPolicy, Map<String, BusinessCalendar> calendars) {
		this.policies = List.copyOf(policies);
		this.defaultPolicy = defaultPolicy;
		this.byName = java.util.stream.Stream.concat(policies.stream(), java.util.stream.Stream.of(defaultPolicy))
			.collect(Collectors.toUnmodifiableMap(SlaPolicy::name, Function.identity(), (a, b) -> {
				throw new IllegalArgumentException("two SLA policies are named " + a.name());
			}));
		this.calendars = Map.copyOf(calendars);
	}

	public SlaPolicy select(String tier, String channel) {
		return this.policies.stream().filter((p) -> p.covers(tier, channel)).findFirst().orElse(this.defaultPolicy);
	}

	/** A policy by name (the one a clock was started with). */
	public Optional<SlaPolicy> named(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	public List<SlaPolicy> all() {
		return java.util.stream.Stream.concat(this.policies.stream(), java.util.stream.Stream.of(this.defaultPolicy))
			.toList();
	}

	public Map<String, BusinessCalendar> calendars() {
		return this.calendars;
	}

}
