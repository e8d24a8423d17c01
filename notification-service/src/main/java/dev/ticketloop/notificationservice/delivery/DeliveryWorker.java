package dev.ticketloop.notificationservice.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ticketloop.notificationservice.delivery.DeliveryOutcome.Delivered;
import dev.ticketloop.notificationservice.delivery.DeliveryOutcome.Failed;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RecordDelivery;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RecordFailure;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryAttempted;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryFailed;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Makes the attempts the notifications decide on: for each {@code DeliveryAttempted}, the
 * ledger is asked first (a notification already sent is only recorded again, never sent
 * twice), then the recipient's channel sends it, and the outcome goes back to the
 * notification (delivered, or failed: it schedules a retry or gives up). A failure
 * scheduled for retry sets a durable timer. Runs in its own streaming processor and never
 * during a replay.
 * <p>
 * The one window left is a crash after the receiver accepted a notification and before
 * the ledger recorded it: it is then sent again (at least once), with the same Message-ID
 * or webhook delivery id, so a receiver that deduplicates on it shows it once.
 */
@Component
@ProcessingGroup(DeliveryWorker.PROCESSING_GROUP)
@DisallowReplay
class DeliveryWorker {

	static final String PROCESSING_GROUP = "delivery";

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	private static final String REQUESTS = DeliveryWorker.class.getName() + ".requests";

	private static final String SENT = DeliveryWorker.class.getName() + ".sent";

	private final List<ChannelSender> senders;

	private final SentLedger ledger;

	private final CommandGateway commands;

	private final EventStore eventStore;

	private final DeliveryRetries retries;

	DeliveryWorker(List<ChannelSender> senders, SentLedger ledger, CommandGateway commands, EventStore eventStore,
			DeliveryRetries retries) {
		this.senders = senders;
		this.ledger = ledger;
		this.commands = commands;
		this.eventStore = eventStore;
		this.retries = retries;
	}

	/** Kept for the attempt that follows it in the same batch. */
	@EventHandler
	void on(NotificationRequested request) {
		requestsOfThisBatch().put(request.notificationId(), request);
	}

	@EventHandler
	void on(DeliveryAttempted attempt) {
		Optional<SentLedger.Sent> sent = sentOfThisBatch().computeIfAbsent(attempt.notificationId(), this.ledger::find);
		if (sent.isPresent()) {
			this.commands.sendAndWait(new RecordDelivery(attempt.notificationId(), attempt.attempt(),
					sent.get().messageId(), sent.get().sentAt()));
			return;
		}
		NotificationRequested request = request(attempt.notificationId());
		DeliveryOutcome outcome = this.senders.stream()
			.filter((s) -> s.reaches(request.recipient()))
			.findFirst()
			.map((sender) -> send(sender, request, attempt.attempt()))
			.orElseGet(() -> Failed.permanent("No sender for channel " + request.recipient().channel()));
		switch (outcome) {
			case Delivered delivered -> {
				this.ledger.remember(request.notificationId(), request.recipient().channel(),
						new SentLedger.Sent(delivered.messageId(), delivered.deliveredAt()));
				this.commands.sendAndWait(new RecordDelivery(request.notificationId(), attempt.attempt(),
						delivered.messageId(), delivered.deliveredAt()));
			}
			case Failed failed -> {
				log.info("Attempt {} of notification {} failed ({}): {}", attempt.attempt(), request.notificationId(),
						failed.permanent() ? "permanent" : "passing", failed.detail());
				this.commands.sendAndWait(new RecordFailure(request.notificationId(), attempt.attempt(),
						failed.permanent(), failed.detail()));
			}
		}
	}

	@EventHandler
	void on(DeliveryFailed failed) {
		this.retries.schedule(failed.notificationId(), failed.attempt() + 1, failed.nextAttemptAt());
	}

	private static DeliveryOutcome send(ChannelSender sender, NotificationRequested request, int attempt) {
		try {
			return sender.send(request, attempt);
		}
		catch (RuntimeException ex) {
			log.warn("Sending notification {} failed unexpectedly", request.notificationId(), ex);
			return Failed.passing("unexpected failure: " + ex);
		}
	}

	/** From this batch, else from the notification's history (a retry, a split batch). */
	private NotificationRequested request(String notificationId) {
		NotificationRequested cached = requestsOfThisBatch().get(notificationId);
		if (cached != null) {
			return cached;
		}
		return this.eventStore.readEvents(notificationId)
			.asStream()
			.map((m) -> m.getPayload())
			.filter(NotificationRequested.class::isInstance)
			.map(NotificationRequested.class::cast)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Notification " + notificationId + " was never requested"));
	}

	/**
	 * What the ledger knows of the attempts of this batch, asked in one query when the
	 * batch's first attempt comes.
	 */
	private Map<String, Optional<SentLedger.Sent>> sentOfThisBatch() {
		UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
		return batch.getOrComputeResource(SENT, (key) -> {
			List<String> ids = (batch instanceof BatchingUnitOfWork<?> batching) ? batching.getMessages()
				.stream()
				.map(Message::getPayload)
				.filter(DeliveryAttempted.class::isInstance)
				.map((p) -> ((DeliveryAttempted) p).notificationId())
				.toList() : List.of();
			Map<String, SentLedger.Sent> found = this.ledger.findAll(ids);
			Map<String, Optional<SentLedger.Sent>> known = new HashMap<>();
			ids.forEach((id) -> known.put(id, Optional.ofNullable(found.get(id))));
			return known;
		});
	}

	private static Map<String, NotificationRequested> requestsOfThisBatch() {
		return CurrentUnitOfWork.get().root().getOrComputeResource(REQUESTS, (key) -> new HashMap<>());
	}

}
