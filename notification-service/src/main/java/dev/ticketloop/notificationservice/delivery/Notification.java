package dev.ticketloop.notificationservice.delivery;

import java.time.Clock;
import java.time.Instant;

import dev.ticketloop.contracts.ticket.CsatScore;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.AnswerSurvey;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.AttemptAgain;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.DiscardDeadLetter;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RecordDelivery;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RecordFailure;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RequestNotification;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RetryDeadLetter;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeadLetterDiscarded;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeadLetterRetried;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryAbandoned;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryAttempted;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryFailed;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationDelivered;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.SurveyAnswered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One notification to one recipient, identified per (ticket, reason, cause): requesting
 * it again, or recording its outcome again, changes nothing, which is what makes a
 * duplicate Kafka record, a replay or a redelivered batch harmless. It decides each
 * attempt: the first one when it is requested, the next one after a passing failure (with
 * back-off), none after a refusal or the last retry (the dead-letter store, where an
 * operator may retry or discard it).
 */
@Aggregate(cache = "notificationCache")
public class Notification {

	@AggregateIdentifier
	private String notificationId;

	private String ticketId;

	private Reason reason;

	private String channel;

	private DeliveryStatus status;

	private int attempt;

	private boolean surveyAnswered;

	protected Notification() {
		// for Axon
	}

	@CommandHandler
	@CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
	public void handle(RequestNotification command, Clock clock) {
		if (this.status != null) {
			return;
		}
		Instant now = clock.instant();
		apply(new NotificationRequested(command.notificationId(), command.ticketId(), command.reason(),
				command.recipient(), command.content(), now));
		apply(new DeliveryAttempted(command.notificationId(), command.ticketId(), 1, command.recipient().channel(),
				now));
	}

	/**
	 * A delivery is a fact whenever it is reported, even for a notification given up on.
	 */
	@CommandHandler
	public void handle(RecordDelivery command) {
		if (this.status == DeliveryStatus.DELIVERED) {
			return;
		}
		apply(new NotificationDelivered(this.notificationId, this.ticketId, this.reason, this.channel,
				command.messageId(), command.deliveredAt(), command.attempt()));
	}

	@CommandHandler
	public void handle(RecordFailure command, RetryPolicy retries, Clock clock) {
		if (this.status != DeliveryStatus.ATTEMPTING || command.attempt() != this.attempt) {
			return; // an outcome of an attempt that is over: reported twice
		}
		Instant now = clock.instant();
		if (command.permanent() || !retries.mayRetryAfter(command.attempt())) {
			apply(new DeliveryAbandoned(this.notificationId, this.ticketId, this.reason, this.channel,
					command.attempt(), command.permanent(), command.detail(), now));
		}
		else {
			apply(new DeliveryFailed(this.notificationId, this.ticketId, command.attempt(), this.channel,
					command.detail(), retries.nextAttemptAfter(command.attempt(), now), now));
		}
	}

	@CommandHandler
	public void handle(AttemptAgain command, Clock clock) {
		if (this.status != DeliveryStatus.RETRY_SCHEDULED || command.attempt() != this.attempt + 1) {
			return; // a timer that fired twice, or after an operator acted
		}
		apply(new DeliveryAttempted(this.notificationId, this.ticketId, command.attempt(), this.channel,
				clock.instant()));
	}

	@CommandHandler
	public DeliveryStatus handle(RetryDeadLetter command, Clock clock) {
		requireDeadLetter("be retried");
		Instant now = clock.instant();
		apply(new DeadLetterRetried(this.notificationId, this.ticketId, command.operator(), now));
		apply(new DeliveryAttempted(this.notificationId, this.ticketId, this.attempt + 1, this.channel, now));
		return this.status;
	}

	@CommandHandler
	public DeliveryStatus handle(DiscardDeadLetter command, Clock clock) {
		requireDeadLetter("be discarded");
		apply(new DeadLetterDiscarded(this.notificationId, this.ticketId, command.operator(), command.note(),
				clock.instant()));
		return this.status;
	}

	@CommandHandler
	public void handle(AnswerSurvey command, Clock clock) {
		if (this.reason != Reason.CSAT_SURVEY) {
			throw new NotASurveyException(this.notificationId);
		}
		if (this.surveyAnswered) {
			throw new IllegalDeliveryStateException("This survey was already answered; a survey is answered once.");
		}
		apply(new SurveyAnswered(this.notificationId, this.ticketId, CsatScore.require(command.score()),
				command.comment(), clock.instant()));
	}

	private void requireDeadLetter(String action) {
		if (this.status != DeliveryStatus.DEAD_LETTERED) {
			throw new IllegalDeliveryStateException("Notification " + this.notificationId + " is " + this.status
					+ ", not a dead letter: it cannot " + action + ".");
		}
	}

	@EventSourcingHandler
	void on(NotificationRequested event) {
		this.notificationId = event.notificationId();
		this.ticketId = event.ticketId();
		this.reason = event.reason();
		this.channel = event.recipient().channel();
		this.status = DeliveryStatus.after(this.status, event);
		this.attempt = 1;
	}

	@EventSourcingHandler
	void on(DeliveryAttempted event) {
		this.status = DeliveryStatus.after(this.status, event);
		this.attempt = event.attempt();
	}

	@EventSourcingHandler
	void on(NotificationDelivered event) {
		this.status = DeliveryStatus.after(this.status, event);
	}

	@EventSourcingHandler
	void on(DeliveryFailed event) {
		this.status = DeliveryStatus.after(this.status, event);
	}

	@EventSourcingHandler
	void on(DeliveryAbandoned event) {
		this.status = DeliveryStatus.after(this.status, event);
	}

	@EventSourcingHandler
	void on(DeadLetterDiscarded event) {
		this.status = DeliveryStatus.after(this.status, event);
	}

	@EventSourcingHandler
	void on(SurveyAnswered event) {
		this.surveyAnswered = true;
	}

}
