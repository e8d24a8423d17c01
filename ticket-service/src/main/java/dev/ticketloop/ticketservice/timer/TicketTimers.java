package dev.ticketloop.ticketservice.timer;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import dev.ticketloop.ticketservice.ticket.TicketCommand;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseAfterQuietPeriod;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseUnanswered;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RemindCustomer;
import dev.ticketloop.ticketservice.ticket.TicketEvent.ClarificationRequested;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketResolved;
import dev.ticketloop.ticketservice.ticket.TicketId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Durable timers of tickets: the reminder and the automatic closing of an unanswered
 * clarification request, and the closing of a resolved ticket after the quiet period.
 * <p>
 * A timer is a document in {@code ticket_timers} whose {@code _id} starts with its due
 * time in milliseconds (13 digits), so due timers are the {@code _id}s below "now"
 * (sorted by the one index every store has). Timers are set from the ticket's events (at
 * least once: the {@code _id} makes setting one twice harmless) and computed from the
 * event's own time, so a late processor sets the same due time. They are never cancelled:
 * a timer that fires when it no longer applies (the customer answered, the ticket was
 * reopened) finds the ticket in another round and changes nothing, as the ticket's
 * commands check the round. Firing is at least once (a crash between firing and deleting,
 * or two instances polling at once, fire again) and so idempotent in effect.
 */
@Component
@ProcessingGroup(TicketTimers.PROCESSING_GROUP)
@DisallowReplay
class TicketTimers implements SmartLifecycle {

	static final String PROCESSING_GROUP = "ticket-timers";

	static final String COLLECTION = "ticket_timers";

	private volatile boolean stopping;

	private static final Logger log = LoggerFactory.getLogger(TicketTimers.class);

	private static final int BATCH = 200;

	private final MongoCollection<Document> timers;

	private final CommandGateway commands;

	private final Clock clock;

	private final TimerSettings settings;

	private ScheduledExecutorService scheduler;

	TicketTimers(MongoDatabase database, CommandGateway commands, Clock clock, TimerSettings settings) {
		this.timers = database.getCollection(COLLECTION);
		this.commands = commands;
		this.clock = clock;
		this.settings = settings;
	}

	@EventHandler
	void on(ClarificationRequested event, @SequenceNumber long sequence) {
		Instant closesAt = event.requestedAt().plus(this.settings.autoCloseAfter());
		set(event.requestedAt().plus(this.settings.reminderAfter()), event.ticketId(), Kind.REMIND, sequence, closesAt);
		set(closesAt, event.ticketId(), Kind.CLOSE_UNANSWERED, sequence, null);
	}

	@EventHandler
	void on(TicketResolved event, @SequenceNumber long sequence) {
		set(event.resolvedAt().plus(this.settings.quietPeriod()), event.ticketId(), Kind.CLOSE_QUIET, sequence, null);
	}

	private void set(Instant dueAt, TicketId ticket, Kind kind, long round, Instant closesAt) {
		String id = String.format("%013d|%s|%s|%d", dueAt.toEpochMilli(), ticket.value(), kind, round);
		Document timer = new Document("_id", id).append("ticketId", ticket.value())
			.append("kind", kind.name())
			.append("round", round)
			.append("dueAt", Date.from(dueAt));
		if (closesAt != null) {
			timer.append("closesAt", Date.from(closesAt));
		}
		this.timers.replaceOne(Filters.eq("_id", id), timer, new ReplaceOptions().upsert(true));
	}

	/** Fires every timer due by now; returns how many fired. */
	int fireDue() {
		String bound = String.format("%013d|", this.clock.millis() + 1);
		int fired = 0;
		for (Document timer : this.timers.find(Filters.lt("_id", bound)).sort(Sorts.ascending("_id")).limit(BATCH)) {
			TicketId ticket = TicketId.of(timer.getString("ticketId"));
			long round = timer.get("round", Number.class).longValue();
			TicketCommand command = switch (Kind.valueOf(timer.getString("kind"))) {
				case REMIND -> new RemindCustomer(ticket, round, timer.getDate("closesAt").toInstant());
				case CLOSE_UNANSWERED -> new CloseUnanswered(ticket, round);
				case CLOSE_QUIET -> new CloseAfterQuietPeriod(ticket, round);
			};
			try {
				this.commands.sendAndWait(command);
			}
			catch (AggregateNotFoundException ex) {
				log.warn("Timer {} is for a ticket that does not exist; dropped", timer.getString("_id"));
			}
			this.timers.deleteOne(Filters.eq("_id", timer.getString("_id")));
			fired++;
		}
		return fired;
	}

	@Override
	public void start() {
		this.stopping = false;
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ticket-timers").daemon().factory());
		long period = this.settings.pollInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(() -> {
			try {
				while (fireDue() == BATCH) {
					// more are due: go on at once
				}
			}
			catch (RuntimeException ex) {
				log.atLevel(this.stopping ? org.slf4j.event.Level.DEBUG : org.slf4j.event.Level.WARN)
					.log("Firing ticket timers failed, retrying: {}", ex.toString());
			}
		}, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			// a round interrupted now fails: that is the stop, not a failure to warn
			// about
			this.stopping = true;
			this.scheduler.shutdownNow();
			try {
				this.scheduler.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	enum Kind {

		REMIND, CLOSE_UNANSWERED, CLOSE_QUIET

	}

}
