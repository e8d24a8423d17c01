package dev.ticketloop.ticketservice.messaging;

import dev.ticketloop.platform.tracing.TraceContext;
import java.util.List;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.notification.NotificationAbandonedV1;
import dev.ticketloop.contracts.notification.NotificationDeliveredV1;
import dev.ticketloop.contracts.notification.SurveyAnsweredV1;
import dev.ticketloop.contracts.routing.AssignmentDecidedV1;
import dev.ticketloop.contracts.routing.SuggestionMadeV1;
import dev.ticketloop.contracts.routing.TriageDecidedV1;
import dev.ticketloop.platform.kafka.RecordBatches;
import dev.ticketloop.ticketservice.issue.IssueCommand.DescribeIssue;
import dev.ticketloop.ticketservice.issue.IssueKey;
import dev.ticketloop.ticketservice.ticket.IllegalTicketTransitionException;
import dev.ticketloop.ticketservice.ticket.Priority;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ApplyAssignmentDecision;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ApplyTriageDecision;
import dev.ticketloop.ticketservice.ticket.TicketCommand.EscalateTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RateTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RecordCustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RecordNotificationFailure;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ResolveTicket;
import dev.ticketloop.ticketservice.ticket.TemplateUse;
import dev.ticketloop.ticketservice.ticket.TicketId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * What the other services tell the ticket: routing's decisions (triage, a breach's raised
 * priority, assignments, an open known issue to link, a template that answers),
 * notification's delivery receipts (delivered or given up) and customers' survey answers.
 * Delivered at least once; the ticket applies each decision and receipt once, so a
 * redelivery changes nothing.
 */
@Component
class InboundEventsListener {

	private static final Logger log = LoggerFactory.getLogger(InboundEventsListener.class);

	private final CloudEventCodec codec;

	private final CommandGateway commands;

	InboundEventsListener(CloudEventCodec codec, CommandGateway commands) {
		this.codec = codec;
		this.commands = commands;
	}

	/** A poll's records are applied together: one event-store append for all tickets. */
	@KafkaListener(topics = { Topics.ROUTING_DECISIONS, Topics.NOTIFICATION_RECEIPTS }, batch = "true")
	void on(List<ConsumerRecord<String, byte[]>> records) {
		RecordBatches.handleTogether(records, this::on);
	}

	/**
	 * The customer's survey answer rates the ticket (and closes it, if resolved); a
	 * ticket rated already, or reopened meanwhile, keeps what it has: the answer stays in
	 * notification-service's history.
	 */
	private void rate(SurveyAnsweredV1 answer) {
		try {
			this.commands
				.sendAndWait(new RateTicket(TicketId.of(answer.ticketId()), null, answer.score(), answer.comment()));
		}
		catch (IllegalTicketTransitionException ex) {
			log.info("Survey answer {} for ticket {} not applied: {}", answer.surveyId(), answer.ticketId(),
					ex.getMessage());
		}
	}

	/**
	 * routing-service found an open known issue the ticket suffers from: linked, as an
	 * agent would (the issue must exist here).
	 */
	private void link(SuggestionMadeV1 suggestion) {
		IssueKey key;
		try {
			key = IssueKey.of(suggestion.ref());
			this.commands.sendAndWait(new DescribeIssue(key));
		}
		catch (IllegalArgumentException | AggregateNotFoundException ex) {
			log.info("Suggested issue {} for ticket {} is not known here: not linked", suggestion.ref(),
					suggestion.ticketId());
			return;
		}
		refusable(() -> this.commands.sendAndWait(new EscalateTicket(TicketId.of(suggestion.ticketId()), "routing:link",
				key.value(), true, null, null, null)), suggestion);
	}

	/**
	 * routing-service's decisions come after the fact: the ticket may have moved on (an
	 * agent resolved it, took it, closed it); then it keeps what it has.
	 */
	private void refusable(Runnable command, Object decision) {
		try {
			command.run();
		}
		catch (IllegalTicketTransitionException ex) {
			log.info("Routing's {} not applied: {}", decision.getClass().getSimpleName(), ex.getMessage());
		}
	}

	void on(ConsumerRecord<String, byte[]> record) {
		this.codec.read(record.value()).ifPresent((event) -> {
			try {
				TraceContext.run(event.traceparent(), () -> apply(event));
			}
			catch (AggregateNotFoundException ex) {
				// about a ticket this service never had (another environment's, or one
				// deleted from the store): retrying would not help, and failing the batch
				// would make each such record cost a poll of its own
				log.info("{} about a ticket unknown here ({}): skipped", event.type(), event.subject());
			}
		});
	}

	private void apply(CloudEvent event) {
		switch (event.data()) {
			case TriageDecidedV1 decision -> this.commands
				.sendAndWait(new ApplyTriageDecision(TicketId.of(decision.ticketId()), decision.decisionId(),
						Priority.fromWireName(decision.priority()), decision.firstResponseDueAt()));
			case NotificationDeliveredV1 receipt ->
				this.commands.sendAndWait(new RecordCustomerNotified(TicketId.of(receipt.ticketId()),
						receipt.notificationId(), receipt.reason(), receipt.channel(), receipt.deliveredAt()));
			case NotificationAbandonedV1 abandoned ->
				this.commands.sendAndWait(new RecordNotificationFailure(TicketId.of(abandoned.ticketId()),
						abandoned.notificationId(), abandoned.reason(), abandoned.channel(), abandoned.attempts(),
						abandoned.failure(), abandoned.detail()));
			case SurveyAnsweredV1 answer -> rate(answer);
			case AssignmentDecidedV1 decision ->
				refusable(() -> this.commands.sendAndWait(new ApplyAssignmentDecision(TicketId.of(decision.ticketId()),
						decision.agent(), decision.previousAgent())), decision);
			case SuggestionMadeV1 suggestion when "link".equals(suggestion.action()) -> link(suggestion);
			case SuggestionMadeV1 suggestion when "answer".equals(suggestion.action()) -> refusable(() -> this.commands
				.sendAndWait(new ResolveTicket(TicketId.of(suggestion.ticketId()), "routing:answer:" + suggestion.ref(),
						suggestion.answer(), new TemplateUse(suggestion.ref(), suggestion.templateVersion(), true))),
					suggestion);
			default -> {
				// another kind of event on these topics: not for the ticket
			}
		}
	}

}
