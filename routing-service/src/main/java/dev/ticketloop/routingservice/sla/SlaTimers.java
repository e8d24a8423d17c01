package dev.ticketloop.routingservice.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.client.MongoDatabase;
import dev.ticketloop.platform.axon.BatchEnd;
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
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
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

	private static final int MAX_ATTEMPTS = 20;

	private final DurableTimers timers;

	private final CommandGateway commands;

	private final Clock clock;

	SlaTimers(MongoDatabase database, Clock clock, CommandGateway commands, SlaTimerSettings settings) {
		this.timers = new DurableTimers(database, "sla_timers", clock,
				DurableTimers.Settings.defaults().withPollInterval(settings.pollInterval()));
		this.commands = commands;
		this.clock = clock;
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
	 * Gathers the timers of a batch of events and writes them together (one bulk write
	 * for the cancelled, one for the new) while the last event of the batch is handled:
	 * inside the batch, before the processor stores its position ({@link BatchEnd}). A
	 * failed write fails the batch, which is then handled again; the writes are
	 * idempotent.
	 */
	private void record(String clockId, List<Deadline> replaced, List<Deadline> deadlines) {
		BatchEnd.gather(PENDING, () -> new Pending(this.timers), (p) -> p.set(clockId, replaced, deadlines),
				Pending::flush);
	}

	static String key(String clockId, Deadline deadline) {
		return clockId + "|" + deadline.target() + "|" + deadline.kind() + "|" + deadline.version();
	}

	void fire(List<DurableTimers.Timer> due) {
		Map<CheckSlaDeadline, Instant> later = new LinkedHashMap<>();
		try {
			DefaultUnitOfWork.startAndGet(new GenericMessage<>(due.size())).execute(() -> {
				later.clear();
				due.forEach((timer) -> check(checkOf(timer), later));
			});
		}
		catch (RuntimeException ex) {
			// said, not debugged: one by one costs a unit of work and an append each,
			// which
			// shows in the lateness of every deadline behind them
			log.info("Checking {} deadlines together failed, one by one: {}", due.size(), ex.toString());
			later.clear();
			List<DurableTimers.Timer> retries = new ArrayList<>();
			for (DurableTimers.Timer timer : due) {
				// a pass of one deadline is not tried twice
				RuntimeException failure = (due.size() == 1) ? ex : checkAlone(timer, later);
				if (failure instanceof AggregateNotFoundException) {
					log.warn("Deadline of an unknown clock {} dropped", timer.data().getString("clockId"));
				}
				else if (failure != null) {
					retryLater(timer, failure).ifPresent(retries::add);
				}
			}
			// written before the fired timers are removed; a failure here fails the
			// whole batch, which then fires again
			this.timers.schedule(retries);
		}
		rearm(later);
	}

	private RuntimeException checkAlone(DurableTimers.Timer timer, Map<CheckSlaDeadline, Instant> later) {
		try {
			check(checkOf(timer), later);
			return null;
		}
		catch (RuntimeException failure) {
			return failure;
		}
	}

	private static CheckSlaDeadline checkOf(DurableTimers.Timer timer) {
		Document data = timer.data();
		return new CheckSlaDeadline(data.getString("clockId"), SlaTarget.valueOf(data.getString("target")),
				Deadline.Kind.valueOf(data.getString("kind")), data.getInteger("version"));
	}

	/**
	 * A check that failed on its own is tried again later, backing off (2 s, 4 s, ... up
	 * to 10 min), under a key of its own, so that it holds up no other deadline; after
	 * {@link #MAX_ATTEMPTS} (about two hours) it is given up, as an error in the log.
	 */
	private Optional<DurableTimers.Timer> retryLater(DurableTimers.Timer timer, RuntimeException failure) {
		int attempt = timer.data().getInteger("attempt", 0) + 1;
		if (attempt >= MAX_ATTEMPTS) {
			log.error("Deadline {} failed {} times and is given up", timer.key(), attempt, failure);
			return Optional.empty();
		}
		Duration backoff = Duration.ofSeconds(Math.min(600, 1L << Math.min(attempt, 10)));
		log.warn("Deadline {} failed (attempt {}), again in {} s: {}", timer.key(), attempt, backoff.toSeconds(),
				failure.toString());
		String base = timer.key().replaceAll("\\|retry\\d+$", "");
		Document data = new Document(timer.data()).append("attempt", attempt);
		return Optional
			.of(new DurableTimers.Timer(base + "|retry" + attempt, this.clock.instant().plus(backoff), data));
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
				// set earlier in this batch: not to be written, and cancelled all the
				// same in case an earlier attempt of this batch wrote it
				this.scheduled.remove(timer.key());
				this.cancelled.add(timer);
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
