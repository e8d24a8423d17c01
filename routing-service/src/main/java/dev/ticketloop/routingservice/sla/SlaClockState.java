package dev.ticketloop.routingservice.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.ticketloop.routingservice.calendar.BusinessCalendar;

/**
 * The SLA clocks of one ticket, as a value: every fact makes a new state (a pure function
 * of the policy, its calendar and the facts in order), so the same facts under another
 * policy give that policy's attainment ("what if"). Each target runs, pauses, is met or
 * is stopped; elapsed working time is kept across pauses; the deadlines (warning and
 * breach) follow from it.
 *
 * @param version how many facts were applied: deadlines carry it, so a deadline set
 * before a later fact is recognised as stale
 * @param resolved the ticket is resolved (until it is reopened): the customer's thanks
 * start no clock
 */
public record SlaClockState(int version, boolean awaitingCustomer, boolean awaitingRelease, boolean resolved,
		boolean ended, Map<SlaTarget, Target> targets) {

	public SlaClockState {
		targets = Collections.unmodifiableMap(new EnumMap<>(targets));
	}

	/** Where one target stands. */
	public enum Phase {

		/** Not started (the next response before the customer writes). */
		WAITING,

		RUNNING,

		PAUSED,

		MET,

		STOPPED

	}

	/**
	 * @param limit the working time allowed
	 * @param elapsed working time used until {@code since} (while running) or in all
	 * @param since when it last started running
	 * @param warned a warning was raised in this run
	 * @param breached the limit was passed
	 */
	public record Target(SlaTarget target, Duration limit, Phase phase, Duration elapsed, Instant since, boolean warned,
			boolean breached) {

		Target run(Instant at) {
			return new Target(this.target, this.limit, Phase.RUNNING, this.elapsed, at, this.warned, this.breached);
		}

		Target pause(BusinessCalendar calendar, Instant at) {
			return new Target(this.target, this.limit, Phase.PAUSED, elapsedAt(calendar, at), null, this.warned,
					this.breached);
		}

		Target end(Phase phase, BusinessCalendar calendar, Instant at) {
			Duration total = (this.phase == Phase.RUNNING) ? elapsedAt(calendar, at) : this.elapsed;
			return new Target(this.target, this.limit, phase, total, null, this.warned, this.breached);
		}

		Target restart(Instant at) {
			return new Target(this.target, this.limit, Phase.RUNNING, Duration.ZERO, at, false, false);
		}

		Target flagged(boolean warned, boolean breached) {
			return new Target(this.target, this.limit, this.phase, this.elapsed, this.since, warned, breached);
		}

		/** Working time used by {@code at}. */
		public Duration elapsedAt(BusinessCalendar calendar, Instant at) {
			return (this.phase == Phase.RUNNING) ? this.elapsed.plus(calendar.between(this.since, at)) : this.elapsed;
		}

		public boolean active() {
			return this.phase == Phase.RUNNING || this.phase == Phase.PAUSED;
		}

	}

	/** A moment at which something is due: a warning or a breach of a target. */
	public record Deadline(SlaTarget target, Kind kind, Instant at, int version) {

		public enum Kind {

			WARNING, BREACH

		}

	}

	/** A target met by a fact, and whether within its limit. */
	public record Met(SlaTarget target, Duration elapsed, boolean withinTarget) {
	}

	/** A new state and the targets the fact met. */
	public record Step(SlaClockState state, List<Met> met) {
	}

	/** The clocks of a ticket opened at {@code openedAt} under this policy. */
	public static SlaClockState start(SlaPolicy policy, Instant openedAt) {
		Map<SlaTarget, Target> targets = new EnumMap<>(SlaTarget.class);
		for (SlaTarget t : SlaTarget.values()) {
			Duration limit = policy.limit(t);
			if (limit != null) {
				Phase phase = (t == SlaTarget.NEXT_RESPONSE) ? Phase.WAITING : Phase.RUNNING;
				targets.put(t, new Target(t, limit, phase, Duration.ZERO, (phase == Phase.RUNNING) ? openedAt : null,
						false, false));
			}
		}
		return new SlaClockState(0, false, false, false, false, targets);
	}

	/** The state after a fact at {@code at}. */
	public Step apply(ClockFact fact, Instant at, SlaPolicy policy) {
		BusinessCalendar calendar = policy.calendar();
		Map<SlaTarget, Target> next = new EnumMap<>(this.targets);
		List<Met> met = new ArrayList<>();
		boolean customer = this.awaitingCustomer;
		boolean release = this.awaitingRelease;
		boolean over = this.ended;
		boolean settled = this.resolved;
		switch (fact) {
			case QUESTION_ASKED -> {
				respond(next, calendar, at, met);
				customer = true;
			}
			case CUSTOMER_ANSWERED -> {
				customer = false;
				customerWrote(next, at, settled);
			}
			case CUSTOMER_WROTE -> customerWrote(next, at, settled);
			case AGENT_REPLIED -> respond(next, calendar, at, met);
			case RESOLVED -> {
				respond(next, calendar, at, met);
				end(next, SlaTarget.RESOLUTION, Phase.MET, calendar, at, met);
				customer = false;
				release = false;
				settled = true;
			}
			case REOPENED -> {
				Target resolution = next.get(SlaTarget.RESOLUTION);
				if (resolution != null && !resolution.active()) {
					next.put(SlaTarget.RESOLUTION, resolution.run(at));
				}
				Target nextResponse = next.get(SlaTarget.NEXT_RESPONSE);
				if (nextResponse != null) {
					next.put(SlaTarget.NEXT_RESPONSE, nextResponse.restart(at));
				}
				customer = false;
				release = false;
				over = false;
				settled = false;
			}
			case FIX_SCHEDULED -> release = policy.pauseWhileAwaitingRelease();
			case FIX_SETTLED -> release = false;
			case ENDED -> {
				for (SlaTarget t : List.copyOf(next.keySet())) {
					if (next.get(t).active() || next.get(t).phase() == Phase.WAITING) {
						next.put(t, next.get(t).end(Phase.STOPPED, calendar, at));
					}
				}
				over = true;
			}
		}
		boolean waiting = customer || release;
		for (SlaTarget t : List.copyOf(next.keySet())) {
			Target target = next.get(t);
			if (waiting && target.phase() == Phase.RUNNING && t != SlaTarget.NEXT_RESPONSE) {
				next.put(t, target.pause(calendar, at));
			}
			else if (!waiting && target.phase() == Phase.PAUSED) {
				next.put(t, target.run(at));
			}
		}
		return new Step(new SlaClockState(this.version + 1, customer, release, settled, over, next), met);
	}

	/** The state after a warning or breach of a target was raised. */
	public SlaClockState raised(SlaTarget target, Deadline.Kind kind) {
		Map<SlaTarget, Target> next = new EnumMap<>(this.targets);
		Target t = next.get(target);
		next.put(target, (kind == Deadline.Kind.WARNING) ? t.flagged(true, t.breached()) : t.flagged(true, true));
		return new SlaClockState(this.version, this.awaitingCustomer, this.awaitingRelease, this.resolved, this.ended,
				next);
	}

	/**
	 * What is due next: for every running target, its warning (if not raised) and breach.
	 */
	public List<Deadline> deadlines(SlaPolicy policy) {
		List<Deadline> deadlines = new ArrayList<>();
		for (Target t : this.targets.values()) {
			if (t.phase() != Phase.RUNNING) {
				continue;
			}
			Duration warnAfter = Duration.ofMillis(Math.round(t.limit().toMillis() * policy.warnAt()));
			if (!t.warned() && !t.breached()) {
				// passed while paused (asked at 80 %, before the warning fired): due on
				// resuming
				Instant warnAt = (warnAfter.compareTo(t.elapsed()) > 0)
						? policy.calendar().plus(t.since(), warnAfter.minus(t.elapsed())) : t.since();
				deadlines.add(new Deadline(t.target(), Deadline.Kind.WARNING, warnAt, this.version));
			}
			if (!t.breached()) {
				Duration left = t.limit().minus(t.elapsed());
				deadlines.add(new Deadline(t.target(), Deadline.Kind.BREACH,
						left.isNegative() ? t.since() : policy.calendar().plus(t.since(), left), this.version));
			}
		}
		return deadlines;
	}

	/** The deadline of this kind for a target, if one is due in this state. */
	public java.util.Optional<Deadline> deadline(SlaPolicy policy, SlaTarget target, Deadline.Kind kind) {
		return deadlines(policy).stream().filter((d) -> d.target() == target && d.kind() == kind).findFirst();
	}

	private static void respond(Map<SlaTarget, Target> targets, BusinessCalendar calendar, Instant at, List<Met> met) {
		end(targets, SlaTarget.FIRST_RESPONSE, Phase.MET, calendar, at, met);
		end(targets, SlaTarget.NEXT_RESPONSE, Phase.MET, calendar, at, met);
	}

	private static void customerWrote(Map<SlaTarget, Target> targets, Instant at, boolean resolved) {
		if (resolved) {
			// a message on a resolved ticket: nobody owes a reply until it is reopened
			return;
		}
		Target first = targets.get(SlaTarget.FIRST_RESPONSE);
		Target next = targets.get(SlaTarget.NEXT_RESPONSE);
		boolean answeredBefore = first == null || first.phase() == Phase.MET;
		if (next != null && answeredBefore && !next.active()) {
			targets.put(SlaTarget.NEXT_RESPONSE, next.restart(at));
		}
	}

	private static void end(Map<SlaTarget, Target> targets, SlaTarget target, Phase phase, BusinessCalendar calendar,
			Instant at, List<Met> met) {
		Target t = targets.get(target);
		if (t == null || !t.active()) {
			return;
		}
		Target ended = t.end(phase, calendar, at);
		targets.put(target, ended);
		if (phase == Phase.MET) {
			met.add(new Met(target, ended.elapsed(), ended.elapsed().compareTo(ended.limit()) <= 0));
		}
	}

}
