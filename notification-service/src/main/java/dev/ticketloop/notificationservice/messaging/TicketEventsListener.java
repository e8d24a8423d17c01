package dev.ticketloop.notificationservice.messaging;

import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketTriagedV1;
import dev.ticketloop.notificationservice.delivery.Content;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RequestNotification;
import dev.ticketloop.notificationservice.delivery.Reason;
import dev.ticketloop.notificationservice.delivery.Recipient;
import dev.ticketloop.notificationservice.recipient.RecipientDirectory;
import dev.ticketloop.notificationservice.recipient.RecipientDirectory.TicketRecipient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Learns each ticket's customer when it opens, and acknowledges the ticket to them once
 * it is triaged (so the acknowledgement can say by when they will hear from us). Both
 * events of a ticket come in order (same key, same partition).
 */
@Component
class TicketEventsListener {

	private static final Logger log = LoggerFactory.getLogger(TicketEventsListener.class);

	private final CloudEventCodec codec;

	private final RecipientDirectory recipients;

	private final CommandGateway commands;

	TicketEventsListener(CloudEventCodec codec, RecipientDirectory recipients, CommandGateway commands) {
		this.codec = codec;
		this.recipients = recipients;
		this.commands = commands;
	}

	@KafkaListener(topics = Topics.TICKET_EVENTS)
	void on(ConsumerRecord<String, byte[]> record) {
		this.codec.read(record.value()).ifPresent((event) -> {
			switch (event.data()) {
				case TicketOpenedV1 opened -> this.recipients.remember(opened);
				case TicketTriagedV1 triaged -> acknowledge(triaged);
				default -> {
					// not a reason to tell the customer anything
				}
			}
		});
	}

	private void acknowledge(TicketTriagedV1 triaged) {
		TicketRecipient recipient = this.recipients.find(triaged.ticketId())
			.orElseThrow(() -> new IllegalStateException("No recipient known for ticket " + triaged.ticketId()));
		if (recipient.email() == null || recipient.email().isBlank()) {
			log.info("Ticket {} has no e-mail address; its adapter answers through its own channel",
					triaged.ticketId());
			return;
		}
		Reason reason = Reason.ACKNOWLEDGEMENT;
		this.commands
			.sendAndWait(new RequestNotification(reason.notificationIdFor(triaged.ticketId()), triaged.ticketId(),
					reason, new Recipient("email", recipient.email(), recipient.name(), recipient.locale()),
					new Content(recipient.subject(), triaged.firstResponseDueAt())));
	}

}
