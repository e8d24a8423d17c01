package dev.ticketloop.routingservice.messaging;

import java.util.List;

import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.platform.kafka.RecordBatches;
import dev.ticketloop.routingservice.triage.TriageCommand.TriageTicket;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** New tickets are triaged; redeliveries are absorbed by the {@code Triage} aggregate. */
@Component
class TicketEventsListener {

	private final CloudEventCodec codec;

	private final CommandGateway commands;

	TicketEventsListener(CloudEventCodec codec, CommandGateway commands) {
		this.codec = codec;
		this.commands = commands;
	}

	/** A poll's records are triaged together: one event-store append for all tickets. */
	@KafkaListener(topics = Topics.TICKET_EVENTS, batch = "true")
	void on(List<ConsumerRecord<String, byte[]>> records) {
		RecordBatches.handleTogether(records, this::on);
	}

	void on(ConsumerRecord<String, byte[]> record) {
		this.codec.read(record.value()).ifPresent((event) -> {
			if (event.data() instanceof TicketOpenedV1 opened) {
				this.commands.sendAndWait(new TriageTicket(opened.ticketId(), opened.channel(), opened.openedAt()));
			}
		});
	}

}
