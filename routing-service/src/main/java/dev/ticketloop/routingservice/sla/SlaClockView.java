package dev.ticketloop.routingservice.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.ticketloop.routingservice.sla.SlaClockEvent.PriorityEscalated;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaClockStarted;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaFactRecorded;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaTargetBreached;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaTargetMet;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaWarningRaised;
import dev.ticketloop.routingservice.sla.SlaClockState.Deadline;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A ticket's SLA clock as its events made it: computed by the clock's own rule
 * ({@link SlaClockState}, under the policy it started with) from its events, all of them
 * or those up to an instant, so it says what the clock said then.
 *
 * @param awaitingCustomer the clock waits for the customer's answer
 * @param awaitingRelease the clock waits for a release (when the policy says so)
 * @param ended nothing more is measured (closed or merged)
 * @param targets where each target stands: working time used, limit, phase
 * @param deadlines what is due next (warnings and breaches of the running targets)
 * @param met the targets met, within their limit or not
 * @param version the sequence number of the clock's last event
 */
public record SlaClockView(String ticketId, String clockId, String policy, String calendar, String priority,
		Instant openedAt, boolean awaitingCustomer, boolean awaitingRelease, boolean resolved, boolean ended,
		List<TargetView> targets, List<DeadlineView> deadlines, List<MetView> met, long version, Instant updatedAt) {

	/**
	 * @param elapsed working time used until {@code runningSince} (while it runs) or in
	 * all
	 * @param runningSince when it last started running; null unless it runs
	 */
	public record TargetView(String target, Duration limit, String phase, Duration elapsed, Instant runningSince,
			boolean warned, boolean breached) {
	}

	/**
	 * @param kind {@code warning} or {@code breach}
	 */
	public record DeadlineView(String target, String kind, Instant at) {
	}

	public record MetView(String target, Duration elapsed, Duration limit, boolean withinTarget, Instant metAt) {
	}

	/**
	 * The clock these events of it (from its first, in order) made; null before it
	 * started.
	 */
	static SlaClockView of(List<? extends DomainEventMessage<?>> events, SlaPolicies policies) {
		SlaClockStarted started = null;
		SlaPolicy policy = null;
		SlaClockState state = null;
		String priority = null;
		List<MetView> met = new ArrayList<>();
		long version = -1;
		Instant updatedAt = null;
		for (DomainEventMessage<?> message : events) {
			if (!(message.getPayload() instanceof SlaClockEvent event)
					|| (state == null && !(event instanceof SlaClockStarted))) {
				continue;
			}
			switch (event) {
				case SlaClockStarted e -> {
					started = e;
					policy = SlaClock.policyOf(e, policies);
					state = SlaClockState.start(policy, e.openedAt());
					priority = e.priority();
				}
				case SlaFactRecorded e -> state = state.apply(e.fact(), e.at(), policy).state();
				case SlaWarningRaised e -> state = state.raised(e.target(), Deadline.Kind.WARNING);
				case SlaTargetBreached e -> state = state.raised(e.target(), Deadline.Kind.BREACH);
				case PriorityEscalated e -> priority = e.to();
				case SlaTargetMet e ->
					met.add(new MetView(e.target().wireName(), e.elapsed(), e.limit(), e.withinTarget(), e.metAt()));
			}
			version = message.getSequenceNumber();
			updatedAt = message.getTimestamp();
		}
		if (started == null) {
			return null;
		}
		List<TargetView> targets = state.targets()
			.values()
			.stream()
			.map((t) -> new TargetView(t.target().wireName(), t.limit(), lower(t.phase().name()), t.elapsed(),
					t.since(), t.warned(), t.breached()))
			.toList();
		List<DeadlineView> deadlines = state.deadlines(policy)
			.stream()
			.map((d) -> new DeadlineView(d.target().wireName(), lower(d.kind().name()), d.at()))
			.toList();
		return new SlaClockView(started.ticketId(), started.clockId(), started.policy(), started.calendar(), priority,
				started.openedAt(), state.awaitingCustomer(), state.awaitingRelease(), state.resolved(), state.ended(),
				targets, deadlines, List.copyOf(met), version, updatedAt);
	}

	private static String lower(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}
