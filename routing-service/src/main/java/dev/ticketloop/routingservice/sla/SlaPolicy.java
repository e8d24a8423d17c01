package dev.ticketloop.routingservice.sla;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.ticketloop.routingservice.calendar.BusinessCalendar;

/**
 * The commitment for one kind of customer: which tickets it covers (tiers and channels;
 * empty means any), the calendar its targets are counted on, its priority, its targets,
 * when to warn, whether the wait for a release stops the clock, and whether a breach
 * raises the priority.
 *
 * @param targets working time per target (whole days are business days); a target left
 * out is not measured
 * @param warnAt the share of a target after which a warning is raised (e.g. 0.75)
 */
public record SlaPolicy(String name, Set<String> tiers, Set<String> channels, BusinessCalendar calendar,
		String priority, Map<SlaTarget, Duration> targets, double warnAt, boolean pauseWhileAwaitingRelease,
		boolean escalateOnBreach) {

	public SlaPolicy {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(calendar, "calendar");
		tiers = Set.copyOf(tiers);
		channels = Set.copyOf(channels);
		targets = Map.copyOf(targets);
		if (targets.values().stream().anyMatch((d) -> !d.isPositive())) {
			throw new IllegalArgumentException("policy " + name + ": every target must be positive");
		}
		if (!(warnAt > 0.0 && warnAt < 1.0)) {
			throw new IllegalArgumentException("policy " + name + ": warn-at must be between 0 and 1, was " + warnAt);
		}
		if (!Priorities.ORDER.contains(priority)) {
			throw new IllegalArgumentException(
					"policy " + name + ": priority must be one of " + Priorities.ORDER + ", was " + priority);
		}
	}

	public boolean covers(String tier, String channel) {
		return (this.tiers.isEmpty() || (tier != null && this.tiers.contains(tier)))
				&& (this.channels.isEmpty() || (channel != null && this.channels.contains(channel)));
	}

	/** The working time of a target on this policy's calendar, if the policy has it. */
	public Duration limit(SlaTarget target) {
		Duration target0 = this.targets.get(target);
		return (target0 != null) ? this.calendar.workingTime(target0) : null;
	}

}
