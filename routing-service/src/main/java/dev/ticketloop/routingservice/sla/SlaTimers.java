package dev.ticketloop.routingservice.sla;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import dev.ticketloop.platform.timer.DurableTimers;
import dev.ticketloop.routingservice.sla.SlaClockCommand.CheckSlaDeadline;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaClockStarted;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaFactRecorded;
import dev.ticketloop.routingservice.sla.SlaClockState.Deadline;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The deadlines of every SLA clock as durable timers ({@code sla_timers}): set from the
 * clocks' events (the deadlines a fact replaces are cancelled), fired by one instance at
 * a time, at least once; the clock raises each warning and breach once. A batch of due
 * deadlines is checked in one unit of work (one append for all their clocks), one by one
 * if that fails.
 */
@Component
@ProcessingGroup(SlaTimers.PROCESSING_GROUP)
@DisallowReplay
class SlaTimers implements SmartLifecycle {

	static final String PROCESSING_GROUP = "sla-timers";

	private static final Logger log = LoggerFactory.getLogger(SlaTimers.class);

	private static final String PENDING = SlaTimers.class.getName() + ".pending";

	private final DurableTimers timers;

	private final CommandGateway commands;

	SlaTimers(MongoDatabase database, Clock clock, CommandGateway commands, SlaTimerSettings settings) {
		this.timers = new DurableTimers(database, "sla_timers", clock,
				DurableTimers.Settings.defaults().withPollInterval(settings.pollInterval()));
		this.commands = commands;
	}

	@EventHandler
	void on(SlaClockStarted event) {
		pending().set(event.clockId(), List.of(), event.deadlines());
	}

	@EventHandler
	void on(SlaFactRecorded event) {
		pending().set(event.clockId(), event.replaced(), event.deadlines());
	}

	/** The timers of this batch of events, written together when the batch commits. */
	private Pending pending() {
		if (!CurrentUnitOfWork.isStarted()) {
			return new Pending(this.timers, true);
		}
		UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
		return batch.getOrComputeResource(PENDING, (key) -> {
			Pending pending = new Pending(this.timers, false);
			batch.onPrepareCommit((u) -> pending.flush());
			return pending;
		});
	}

	static String key(String clockId, Deadline deadline) {
		return clockId + "|" + deadline.target() + "|" + deadline.kind() + "|" + deadline.version();
	}

	void fire(List<DurableTimers.Timer> due) {
		List<CheckSlaDeadline> checks = due.stream()
			.map((t) -> new CheckSlaDeadline(t.data().getString("clockId"),
					SlaTarget.valueOf(t.data().getString("target")), Deadline.Kind.valueOf(t.data().getString("kind")),
					t.data().getInteger("version")))
			.toList();
		try {
			DefaultUnitOfWork.startAndGet(new GenericMessage<>(checks.size()))
				.execute(() -> checks.forEach(this.commands::sendAndWait));
		}
		catch (RuntimeException ex) {
			log.debug("Checking {} deadlines together failed, one by one: {}", checks.size(), ex.toString());
			for (CheckSlaDeadline check : checks) {
				try {
					this.commands.sendAndWait(check);
				}
				catch (AggregateNotFoundException notFound) {
					log.warn("Deadline of an unknown clock {} dropped", check.clockId());
				}
			}
		}
	}

	/** For tests: one pass of the timers, as the timer thread makes. */
	int fireDue() {
		return this.timers.poll(this::fire);
	}

	@Override
	public void start() {
		this.timers.start(this::fire);
	}

	@Override
	public void stop() {
		this.timers.stop();
	}

	@Override
	public boolean isRunning() {
		return this.timers.isRunning();
	}

	private static final class Pending {

		private final DurableTimers timers;

		private final boolean immediate;

		private final List<DurableTimers.Timer> cancelled = new ArrayList<>();

		private final List<DurableTimers.Timer> scheduled = new ArrayList<>();

		Pending(DurableTimers timers, boolean immediate) {
			this.timers = timers;
			this.immediate = immediate;
		}

		void set(String clockId, List<Deadline> replaced, List<Deadline> deadlines) {
			replaced.forEach((d) -> this.cancelled.add(timer(clockId, d)));
			deadlines.forEach((d) -> this.scheduled.add(timer(clockId, d)));
			if (this.immediate) {
				flush();
			}
		}

		void flush() {
			this.timers.cancel(this.cancelled);
			this.timers.schedule(this.scheduled);
			this.cancelled.clear();
			this.scheduled.clear();
		}

		private static DurableTimers.Timer timer(String clockId, Deadline deadline) {
			return new DurableTimers.Timer(key(clockId, deadline), deadline.at(),
					new Document("clockId", clockId).append("target", deadline.target().name())
						.append("kind", deadline.kind().name())
						.append("version", deadline.version()));
		}

	}

}
