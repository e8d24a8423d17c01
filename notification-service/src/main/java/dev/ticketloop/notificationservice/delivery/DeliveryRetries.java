package dev.ticketloop.notificationservice.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.AttemptAgain;
import dev.ticketloop.platform.timer.DurableTimers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The retry timers of failed deliveries ({@code delivery_retries}, durable, one instance
 * fires them). A timer that fires twice, or after an operator acted, is ignored by the
 * notification.
 */
@Component
class DeliveryRetries implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryRetries.class);

	private final DurableTimers timers;

	private final CommandGateway commands;

	DeliveryRetries(MongoDatabase database, Clock clock, CommandGateway commands) {
		this.timers = new DurableTimers(database, "delivery_retries", clock, DurableTimers.Settings.defaults());
		this.commands = commands;
	}

	void schedule(String notificationId, int attempt, Instant dueAt) {
		this.timers.schedule(notificationId + "#" + attempt, dueAt,
				new Document("notificationId", notificationId).append("attempt", attempt));
	}

	void fire(List<DurableTimers.Timer> due) {
		for (DurableTimers.Timer timer : due) {
			try {
				this.commands.sendAndWait(
						new AttemptAgain(timer.data().getString("notificationId"), timer.data().getInteger("attempt")));
			}
			catch (AggregateNotFoundException ex) {
				log.warn("Retry timer {} is for an unknown notification; dropped", timer.key());
			}
		}
	}

	/** For tests: fires what is due now, as the timer thread would. */
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

}
