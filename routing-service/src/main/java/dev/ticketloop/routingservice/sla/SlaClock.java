package dev.ticketloop.routingservice.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.ticketloop.routingservice.calendar.BusinessCalendar;
import dev.ticketloop.routingservice.sla.SlaClockCommand.CheckSlaDeadline;
import dev.ticketloop.routingservice.sla.SlaClockCommand.RecordClockFact;
import dev.ticketloop.routingservice.sla.SlaClockCommand.StartSlaClock;
import dev.ticketloop.routingservice.sla.SlaClockEvent.PriorityEscalated;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaClockStarted;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaFactRecorded;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaTargetBreached;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaTargetMet;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaWarningRaised;
import dev.ticketloop.routingservice.sla.SlaClockState.Deadline;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The SLA clocks of one ticket (id {@code sla-<ticket>}). Facts about the ticket move
 * them ({@link SlaClockState}); the durable timers of their deadlines ask it to check
 * each deadline, and it raises a warning or a breach once, only if the deadline still
 * applies (the version it was set for is the current one, the target still runs and has
 * not raised it yet): so a timer that fires twice, late, after a restart or on another
 * instance raises nothing twice. A breach raises the priority when the policy says so.
 */
@Aggregate(cache = "slaClockCache")
public class SlaClock {

	private static final Logger log = LoggerFactory.getLogger(SlaClock.class);

	@AggregateIdentifier
	private String clockId;

	private String ticketId;

	private SlaPolicy policy;

	private String priority;

	private Instant firstResponseDueAt;

	private SlaClockState state;

	private final Set<String> appliedFacts = new HashSet<>();

	protected SlaClock() {
		// for Axon
	}

	@CommandHandler
	@CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
	public void handle(StartSlaClock command, SlaPolicies policies) {
		if (this.state != null) {
			return;
		}
		SlaPolicy chosen = policies.named(command.policy())
			.orElseThrow(() -> new IllegalArgumentException("No SLA policy " + command.policy()));
		SlaClockState started = SlaClockState.start(chosen, command.openedAt());
		apply(new SlaClockStarted(command.clockId(), command.ticketId(), chosen.name(), chosen.calendar().name(),
				command.priority(), chosen.targets(), chosen.warnAt(), chosen.pauseWhileAwaitingRelease(),
				chosen.escalateOnBreach(), command.openedAt(), started.deadlines(chosen)));
	}

	@CommandHandler
	public void handle(RecordClockFact command) {
		if (this.appliedFacts.contains(command.factId())) {
			return;
		}
		if (this.state.ended() && command.fact() != ClockFact.REOPENED) {
			return;
		}
		SlaClockState.Step step = this.state.apply(command.fact(), command.at(), this.policy);
		apply(new SlaFactRecorded(this.clockId, this.ticketId, command.fact(), command.at(), command.factId(),
				step.state().version(), this.state.deadlines(this.policy), step.state().deadlines(this.policy)));
		for (SlaClockState.Met met : step.met()) {
			apply(new SlaTargetMet(this.clockId, this.ticketId, met.target(), this.policy.name(), met.elapsed(),
					this.policy.limit(met.target()), met.withinTarget(), command.at()));
		}
	}

	/**
	 * A timer fell due: raises the warning or breach if it is still the deadline.
	 * @return when it is due instead, if later (the calendar changed since the timer was
	 * set), for the timer to be set again; else null
	 */
	@CommandHandler
	public Instant handle(CheckSlaDeadline command, Clock clock) {
		if (command.version() != this.state.version()) {
			return null; // set before a later fact: no longer the deadline
		}
		Optional<Deadline> due = this.state.deadline(this.policy, command.target(), command.kind());
		Instant now = clock.instant();
		if (due.isEmpty()) {
			return null; // raised already, met or paused
		}
		if (due.get().at().isAfter(now)) {
			return due.get().at();
		}
		if (command.kind() == Deadline.Kind.WARNING) {
			Instant breachAt = this.state.deadline(this.policy, command.target(), Deadline.Kind.BREACH)
				.map(Deadline::at)
				.orElse(null);
			apply(new SlaWarningRaised(this.clockId, this.ticketId, command.target(), this.policy.name(),
					due.get().at(), breachAt, now));
			return null;
		}
		apply(new SlaTargetBreached(this.clockId, this.ticketId, command.target(), this.policy.name(), due.get().at(),
				now));
		String raised = Priorities.raise(this.priority);
		if (this.policy.escalateOnBreach() && !raised.equals(this.priority)) {
			apply(new PriorityEscalated(this.clockId, this.ticketId, this.priority, raised, command.target(),
					this.firstResponseDueAt, this.policy.name(), now));
		}
		return null;
	}

	@EventSourcingHandler
	void on(SlaClockStarted event, SlaPolicies policies) {
		this.clockId = event.clockId();
		this.ticketId = event.ticketId();
		this.priority = event.priority();
		this.policy = policyOf(event, policies);
		this.state = SlaClockState.start(this.policy, event.openedAt());
		this.firstResponseDueAt = event.deadlines()
			.stream()
			.filter((d) -> d.target() == SlaTarget.FIRST_RESPONSE && d.kind() == Deadline.Kind.BREACH)
			.map(Deadline::at)
			.findFirst()
			.orElse(event.openedAt());
	}

	@EventSourcingHandler
	void on(SlaFactRecorded event) {
		this.appliedFacts.add(event.factId());
		this.state = this.state.apply(event.fact(), event.at(), this.policy).state();
	}

	@EventSourcingHandler
	void on(SlaWarningRaised event) {
		this.state = this.state.raised(event.target(), Deadline.Kind.WARNING);
	}

	@EventSourcingHandler
	void on(SlaTargetBreached event) {
		this.state = this.state.raised(event.target(), Deadline.Kind.BREACH);
	}

	@EventSourcingHandler
	void on(PriorityEscalated event) {
		this.priority = event.to();
	}

	/**
	 * The policy a clock started under: its targets as they were then, on today's
	 * calendar (one removed from the configuration since counts around the clock).
	 */
	static SlaPolicy policyOf(SlaClockStarted event, SlaPolicies policies) {
		BusinessCalendar calendar = policies.calendars().get(event.calendar());
		if (calendar == null) {
			log.warn("SLA clock {} names calendar {}, which is not configured: calendar time is used", event.clockId(),
					event.calendar());
			calendar = BusinessCalendar.always("always");
		}
		return new SlaPolicy(event.policy(), Set.of(), Set.of(), calendar, event.priority(), event.targets(),
				event.warnAt(), event.pauseWhileAwaitingRelease(), event.escalateOnBreach());
	}

	SlaClockState state() {
		return this.state;
	}

	List<Deadline> deadlines() {
		return this.state.deadlines(this.policy);
	}

}
