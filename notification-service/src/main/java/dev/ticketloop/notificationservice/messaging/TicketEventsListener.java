package dev.ticketloop.notificationservice.messaging;

import dev.ticketloop.platform.tracing.TraceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.ticket.AgentRepliedV1;
import dev.ticketloop.contracts.ticket.ClarificationRequestedV1;
import dev.ticketloop.contracts.ticket.CustomerRemindedV1;
import dev.ticketloop.contracts.ticket.TicketClosedV1;
import dev.ticketloop.contracts.ticket.TicketFixDeclinedV1;
import dev.ticketloop.contracts.ticket.TicketFixReleasedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketResolvedV1;
import dev.ticketloop.contracts.ticket.TicketTriagedV1;
import dev.ticketloop.notificationservice.content.ReleaseTexts;
import dev.ticketloop.notificationservice.delivery.Content;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RequestNotification;
import dev.ticketloop.notificationservice.delivery.Reason;
import dev.ticketloop.notificationservice.delivery.Recipient;
import dev.ticketloop.notificationservice.recipient.RecipientDirectory;
import dev.ticketloop.notificationservice.recipient.RecipientDirectory.TicketRecipient;
import dev.ticketloop.platform.eventstore.NewAggregates;
import dev.ticketloop.platform.kafka.RecordBatches;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Learns each ticket's customer when it opens, acknowledges the ticket once it is triaged
 * (so the acknowledgement can say by when they will hear from us), and tells the customer
 * what they need to know after that: questions, reminders, replies, resolutions, a fix
 * released or declined, a ticket closed for lack of an answer, and a satisfaction survey
 * once it is resolved. A resolution by the closed loop itself is not told again (the
 * customer was just told of the fix). Customers of e-mail tickets are mailed, the others
 * reached through their channel's adapter (webhook). All events of a ticket come in order
 * (same key, same partition).
 */
@Component
class TicketEventsListener {

	private final CloudEventCodec codec;

	private final RecipientDirectory recipients;

	private final CommandGateway commands;

	private final NewAggregates newAggregates;

	private final ReleaseTexts releaseTexts;

	TicketEventsListener(CloudEventCodec codec, RecipientDirectory recipients, CommandGateway commands,
			NewAggregates newAggregates, ReleaseTexts releaseTexts) {
		this.codec = codec;
		this.releaseTexts = releaseTexts;
		this.newAggregates = newAggregates;
		this.recipients = recipients;
		this.commands = commands;
	}

	/**
	 * A poll's records are handled together: one query for the notifications they create,
	 * one event-store append for all of them.
	 */
	@KafkaListener(topics = Topics.TICKET_EVENTS, batch = "true")
	void on(List<ConsumerRecord<String, byte[]>> records) {
		RecordBatches.handleAsBatch(records, (batch) -> {
			List<RequestNotification> requests = new ArrayList<>();
			List<String> traces = new ArrayList<>();
			for (ConsumerRecord<String, byte[]> record : batch) {
				this.codec.read(record.value()).ifPresent((event) -> requestsFor(event).forEach((request) -> {
					requests.add(request);
					traces.add(event.traceparent());
				}));
			}
			this.newAggregates.expect(requests.stream().map(RequestNotification::notificationId).toList());
			for (int i = 0; i < requests.size(); i++) {
				RequestNotification request = requests.get(i);
				TraceContext.run(traces.get(i), () -> this.commands.sendAndWait(request));
			}
		});
	}

	/** What the event asks to tell the customer (a ticket opened: whom to tell later). */
	private List<RequestNotification> requestsFor(CloudEvent event) {
		return switch (event.data()) {
			case TicketOpenedV1 opened -> {
				this.recipients.remember(opened);
				yield List.of();
			}
			case TicketTriagedV1 triaged -> List.of(request(triaged.ticketId(), Reason.ACKNOWLEDGEMENT, event.id(),
					triaged.firstResponseDueAt(), null));
			case ClarificationRequestedV1 asked ->
				List.of(request(asked.ticketId(), Reason.CLARIFICATION_REQUEST, event.id(), null, asked.question()));
			case AgentRepliedV1 reply ->
				List.of(request(reply.ticketId(), Reason.REPLY, event.id(), null, reply.body()));
			case TicketResolvedV1 resolved -> {
				List<RequestNotification> requests = new ArrayList<>();
				if (resolved.cause() == null || "agent".equals(resolved.cause())) {
					requests
						.add(request(resolved.ticketId(), Reason.RESOLUTION, event.id(), null, resolved.resolution()));
				}
				requests.add(request(resolved.ticketId(), Reason.CSAT_SURVEY, event.id(), null, null));
				yield requests;
			}
			case CustomerRemindedV1 reminded -> List.of(request(reminded.ticketId(), Reason.REMINDER, event.id(),
					reminded.closesAt(), reminded.question()));
			case TicketClosedV1 closed when "unanswered".equals(closed.reason()) ->
				List.of(request(closed.ticketId(), Reason.CLOSED_UNANSWERED, event.id(), null, null));
			case TicketFixReleasedV1 released -> List.of(fixReleased(released, event.id()));
			case TicketFixDeclinedV1 declined ->
				List.of(request(declined.ticketId(), Reason.FIX_DECLINED, event.id(), null, declined.explanation()));
			default -> List.of(); // not a reason to tell the customer anything
		};
	}

	/**
	 * A released fix is told with the release text support approved for its issue, in the
	 * customer's language, if there is one; else with the standard release message.
	 */
	private RequestNotification fixReleased(TicketFixReleasedV1 released, String causeEventId) {
		RequestNotification standard = request(released.ticketId(), Reason.FIX_RELEASED, causeEventId, null,
				released.version());
		Recipient recipient = standard.recipient();
		java.util.Map<String, String> values = new java.util.HashMap<>();
		values.put("version", released.version());
		values.put("ticketId", released.ticketId());
		if (recipient.name() != null) {
			values.put("customerName", recipient.name());
		}
		return this.releaseTexts.textFor(released.issueKey(), recipient.locale(), values)
			.map((approved) -> new RequestNotification(standard.notificationId(), standard.ticketId(),
					standard.reason(), recipient,
					new Content(standard.content().ticketSubject(), null, released.version(), approved)))
			.orElse(standard);
	}

	private RequestNotification request(String ticketId, Reason reason, String causeEventId, Instant dueAt,
			String text) {
		TicketRecipient recipient = this.recipients.find(ticketId)
			.orElseThrow(() -> new IllegalStateException("No recipient known for ticket " + ticketId));
		return new RequestNotification(reason.notificationIdFor(ticketId, causeEventId), ticketId, reason,
				new Recipient(recipient.channel(), recipient.email(), recipient.name(), recipient.locale(),
						recipient.customerRef(), recipient.timeZone()),
				new Content(recipient.subject(), dueAt, text));
	}

}
