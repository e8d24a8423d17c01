package dev.ticketloop.notificationservice.delivery;

import java.time.Clock;

import dev.ticketloop.notificationservice.delivery.NotificationCommand.RecordDelivery;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RequestNotification;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationDelivered;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One notification to one recipient, identified per (ticket, reason). Requesting it
 * again, or recording its delivery again, changes nothing: that is what makes a duplicate
 * Kafka record or a replay harmless.
 */
@Aggregate
public class Notification {

	@AggregateIdentifier
	private String notificationId;

	private String ticketId;

	private Reason reason;

	private String channel;

	private boolean requested;

	private boolean delivered;

	protected Notification() {
		// for Axon
	}

	@CommandHandler
	@CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
	public void handle(RequestNotification command, Clock clock) {
		if (this.requested) {
			return;
		}
		apply(new NotificationRequested(command.notificationId(), command.ticketId(), command.reason(),
				command.recipient(), command.content(), clock.instant()));
	}

	@CommandHandler
	public void handle(RecordDelivery command) {
		if (this.delivered) {
			return;
		}
		apply(new NotificationDelivered(this.notificationId, this.ticketId, this.reason, this.channel,
				command.messageId(), command.deliveredAt()));
	}

	@EventSourcingHandler
	void on(NotificationRequested event) {
		this.notificationId = event.notificationId();
		this.ticketId = event.ticketId();
		this.reason = event.reason();
		this.channel = event.recipient().channel();
		this.requested = true;
	}

	@EventSourcingHandler
	void on(NotificationDelivered event) {
		this.delivered = true;
	}

}
