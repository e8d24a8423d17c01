package dev.ticketloop.routingservice.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
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

	private static final int MAX_ATTEMPTS = 10;

	private final DurableTimers timers;

	private final CommandGateway commands;

	/**
	 * Deadlines whose check failed, and how often (dropped after {@link #MAX_ATTEMPTS}).
	 */
	private final Map<String, Integer> failures = new ConcurrentHashMap<>();

	SlaTimers(MongoDatabase database, Clock clock, CommandGateway commands, SlaTimerSettings settings) {
		this.timers = new DurableTimers(database, "sla_timers", clock,
				DurableTimers.Settings.defaults().withPollInterval(settings.pollInterval()));
		this.commands = commands;
	}

	@EventHandler
	void on(SlaClockStarted event) {
		record(event.clockId(), List.of(), event.deadlines());
	}

	@EventHandler
	void on(SlaFactRecorded event) {
		record(event.clockId(), event.replaced(), event.deadlines());
	}

	/**
	 * Gathers the timers of a batch of events and writes them together while the last
	 * event of the batch is handled: inside the batch, before the processor stores its
	 * position (it does so in the first step of the batch's commit, so a write at commit
	 * time could be lost to a crash after the position moved). A failed write fails the
	 * batch, which is then handled again; the writes are idempotent.
	 */
	private void record(String clockId, List<Deadline> replaced, List<Deadline> deadlines) {
		if (!CurrentUnitOfWork.isStarted()) {
			Pending now = new Pending(this.timers);
			now.set(clockId, replaced, deadlines);
			now.flush();
			return;
		}
		UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
		Pending pending = batch.getOrComputeResource(PENDING, (key) -> new Pending(this.timers));
		pending.set(clockId, replaced, deadlines);
		if (!(batch instanceof BatchingUnitOfWork<?> batching) || batching.isLastMessage()) {
			pending.flush();
		}
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
		Map<CheckSlaDeadline, Instant> later = new LinkedHashMap<>();
		try {
			DefaultUnitOfWork.startAndGet(new GenericMessage<>(checks.size())).execute(() -> {
				later.clear();
				checks.forEach((check) -> check(check, later));
			});
		}
		catch (RuntimeException ex) {
			log.debug("Checking {} deadlines together failed, one by one: {}", checks.size(), ex.toString());
			later.clear();
			RuntimeException retry = null;
			for (CheckSlaDeadline check : checks) {
				String key = check.clockId() + "|" + check.target() + "|" + check.kind() + "|" + check.version();
				try {
					check(check, later);
					this.failures.remove(key);
				}
				catch (AggregateNotFoundException notFound) {
					log.warn("Deadline of an unknown clock {} dropped", check.clockId());
				}
				catch (RuntimeException failure) {
					int attempts = this.failures.merge(key, 1, Integer::sum);
					if (attempts >= MAX_ATTEMPTS) {
						// not to hold up every other deadline behind this one for ever
						this.failures.remove(key);
						log.error("Deadline {} failed {} times and is dropped", key, attempts, failure);
					}
					else {
						retry = failure;
					}
				}
			}
			rearm(later);
			if (retry != null) {
				throw retry;
			}
			return;
		}
		rearm(later);
	}

	private void check(CheckSlaDeadline check, Map<CheckSlaDeadline, Instant> later) {
		Instant at = this.commands.sendAndWait(check);
		if (at != null) {
			later.put(check, at);
		}
	}

	/**
	 * Deadlines that turned out to be later than their timers (the calendar changed): set
	 * again, under a key of their own (the fired timer's entry is being removed).
	 */
	private void rearm(Map<CheckSlaDeadline, Instant> later) {
		if (later.isEmpty()) {
			return;
		}
		this.timers.schedule(later.entrySet().stream().map((e) -> {
			CheckSlaDeadline c = e.getKey();
			Deadline deadline = new Deadline(c.target(), c.kind(), e.getValue(), c.version());
			return new DurableTimers.Timer(key(c.clockId(), deadline) + "|" + e.getValue().toEpochMilli(), e.getValue(),
					Pending.data(c.clockId(), deadline));
		}).toList());
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

		private final List<DurableTimers.Timer> cancelled = new ArrayList<>();

		private final Map<String, DurableTimers.Timer> scheduled = new LinkedHashMap<>();

		Pending(DurableTimers timers) {
			this.timers = timers;
		}

		void set(String clockId, List<Deadline> replaced, List<Deadline> deadlines) {
			for (Deadline deadline : replaced) {
				DurableTimers.Timer timer = timer(clockId, deadline);
				// set earlier in this batch: not written yet, nothing to cancel
				if (this.scheduled.remove(timer.key()) == null) {
					this.cancelled.add(timer);
				}
			}
			deadlines.forEach((d) -> {
				DurableTimers.Timer timer = timer(clockId, d);
				this.scheduled.put(timer.key(), timer);
			});
		}

		void flush() {
			this.timers.cancel(this.cancelled);
			this.timers.schedule(List.copyOf(this.scheduled.values()));
			this.cancelled.clear();
			this.scheduled.clear();
		}

		private static DurableTimers.Timer timer(String clockId, Deadline deadline) {
			return new DurableTimers.Timer(key(clockId, deadline), deadline.at(), data(clockId, deadline));
		}

		static Document data(String clockId, Deadline deadline) {
			return new Document("clockId", clockId).append("target", deadline.target().name())
				.append("kind", deadline.kind().name())
				.append("version", deadline.version());
		}

	}

}
