package dev.ticketloop.notificationservice.delivery;

import java.time.Instant;
import java.util.List;

import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeadLetterDiscarded;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeadLetterRetried;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryAbandoned;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryAttempted;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryFailed;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationDelivered;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.SurveyAnswered;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A notification as its events made it (all of them, or those up to an instant): its
 * recipient and content, where its delivery stands by the notification's own rule
 * ({@link DeliveryStatus#after}), its attempts and what became of them.
 *
 * @param attempts the number of the last attempt
 * @param nextAttemptAt when the next attempt is due, while one is scheduled
 * @param lastFailure what the server or adapter answered to the last failed attempt
 * @param failure {@code permanent} (refused) or {@code exhausted} (out of retries) while
 * it is a dead letter
 * @param messageId the SMTP Message-ID or the webhook delivery id, once delivered
 * @param version the sequence number of its last event
 */
record NotificationView(String notificationId, String ticketId, String reason, String channel, Recipient recipient,
		Content content, DeliveryStatus status, int attempts, Instant requestedAt, Instant lastAttemptAt,
		Instant nextAttemptAt, String lastFailure, String failure, Instant deliveredAt, String messageId,
		String retriedBy, String discardedBy, String discardNote, Integer surveyScore, long version,
		Instant updatedAt) {

	/**
	 * The notification these events of it (from its first, in order) made; null before it
	 * was requested.
	 */
	static NotificationView of(List<? extends DomainEventMessage<?>> events) {
		Fold fold = new Fold();
		for (DomainEventMessage<?> message : events) {
			if (message.getPayload() instanceof NotificationEvent event
					&& (fold.requested != null || event instanceof NotificationRequested)) {
				fold.apply(event, message.getSequenceNumber(), message.getTimestamp());
			}
		}
		return (fold.requested != null) ? fold.view() : null;
	}

	/** The view being made, event by event. */
	private static final class Fold {

		private NotificationRequested requested;

		private DeliveryStatus status;

		private int attempts;

		private Instant lastAttemptAt;

		private Instant nextAttemptAt;

		private String lastFailure;

		private String failure;

		private Instant deliveredAt;

		private String messageId;

		private String retriedBy;

		private String discardedBy;

		private String discardNote;

		private Integer surveyScore;

		private long version;

		private Instant updatedAt;

		void apply(NotificationEvent event, long sequence, Instant at) {
			this.status = DeliveryStatus.after(this.status, event);
			switch (event) {
				case NotificationRequested e -> {
					this.requested = e;
					this.attempts = 1;
					this.lastAttemptAt = e.requestedAt();
				}
				case DeliveryAttempted e -> {
					this.attempts = e.attempt();
					this.lastAttemptAt = e.attemptedAt();
					this.nextAttemptAt = null;
				}
				case NotificationDelivered e -> {
					this.deliveredAt = e.deliveredAt();
					this.messageId = e.messageId();
					this.nextAttemptAt = null;
					this.failure = null;
				}
				case DeliveryFailed e -> {
					this.lastFailure = e.detail();
					this.nextAttemptAt = e.nextAttemptAt();
				}
				case DeliveryAbandoned e -> {
					this.lastFailure = e.detail();
					this.failure = e.permanent() ? "permanent" : "exhausted";
					this.nextAttemptAt = null;
				}
				case DeadLetterRetried e -> {
					this.retriedBy = e.operator();
					this.failure = null;
				}
				case DeadLetterDiscarded e -> {
					this.discardedBy = e.operator();
					this.discardNote = e.note();
				}
				case SurveyAnswered e -> this.surveyScore = e.score();
			}
			this.version = sequence;
			this.updatedAt = at;
		}

		NotificationView view() {
			NotificationRequested r = this.requested;
			return new NotificationView(r.notificationId(), r.ticketId(), r.reason().wireName(),
					r.recipient().channel(), r.recipient(), r.content(), this.status, this.attempts, r.requestedAt(),
					this.lastAttemptAt, this.nextAttemptAt, this.lastFailure, this.failure, this.deliveredAt,
					this.messageId, this.retriedBy, this.discardedBy, this.discardNote, this.surveyScore, this.version,
					this.updatedAt);
		}

	}

}
