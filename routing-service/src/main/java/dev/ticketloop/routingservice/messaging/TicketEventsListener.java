package dev.ticketloop.routingservice.messaging;

import dev.ticketloop.platform.tracing.TraceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.ticket.AgentRepliedV1;
import dev.ticketloop.contracts.ticket.ClarificationRequestedV1;
import dev.ticketloop.contracts.ticket.CustomerMessageReceivedV1;
import dev.ticketloop.contracts.ticket.TicketAssignedV1;
import dev.ticketloop.contracts.ticket.TicketClosedV1;
import dev.ticketloop.contracts.ticket.TicketFixDeclinedV1;
import dev.ticketloop.contracts.ticket.TicketFixReleasedV1;
import dev.ticketloop.contracts.ticket.TicketFixScheduledV1;
import dev.ticketloop.contracts.ticket.TicketMergedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketRatedV1;
import dev.ticketloop.contracts.ticket.TicketReopenedV1;
import dev.ticketloop.contracts.ticket.TicketResolvedV1;
import dev.ticketloop.platform.eventstore.NewAggregates;
import dev.ticketloop.platform.kafka.RecordBatches;
import dev.ticketloop.routingservice.classification.Classification;
import dev.ticketloop.routingservice.classification.Classifier;
import dev.ticketloop.routingservice.classification.Suggester;
import dev.ticketloop.routingservice.sla.ClockFact;
import dev.ticketloop.routingservice.sla.SlaClockCommand;
import dev.ticketloop.routingservice.sla.SlaClockCommand.RecordClockFact;
import dev.ticketloop.routingservice.sla.SlaClockCommand.StartSlaClock;
import dev.ticketloop.routingservice.sla.SlaPolicies;
import dev.ticketloop.routingservice.sla.SlaPolicy;
import dev.ticketloop.routingservice.template.AnswerFeedback;
import dev.ticketloop.routingservice.triage.TriageCommand.AlignAssignment;
import dev.ticketloop.routingservice.triage.TriageCommand.RecordAnswerSignal;
import dev.ticketloop.routingservice.triage.TriageCommand.RecordAssignment;
import dev.ticketloop.routingservice.triage.TriageCommand.RecordTemplateUse;
import dev.ticketloop.routingservice.triage.TriageCommand.TriageTicket;
import dev.ticketloop.routingservice.triage.TriageEvent.TemplateUsed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * What happens to tickets, as routing needs it: a new ticket is classified (language,
 * category, team), matched against known issues and answer templates, triaged under the
 * SLA policy of its customer's tier and channel, and its clocks start; every later fact
 * that matters to its clocks (questions, answers, replies, resolution, reopening, the
 * wait for a release, the end) moves them, at the time the fact happened. Redeliveries
 * are absorbed by the aggregates (a decision once, each fact once).
 */
@Component
class TicketEventsListener {

	private static final Logger log = LoggerFactory.getLogger(TicketEventsListener.class);

	private final CloudEventCodec codec;

	private final CommandGateway commands;

	private final SlaPolicies policies;

	private final Classifier classifier;

	private final Suggester suggester;

	private final NewAggregates newAggregates;

	TicketEventsListener(CloudEventCodec codec, CommandGateway commands, SlaPolicies policies, Classifier classifier,
			Suggester suggester, NewAggregates newAggregates) {
		this.codec = codec;
		this.newAggregates = newAggregates;
		this.commands = commands;
		this.policies = policies;
		this.classifier = classifier;
		this.suggester = suggester;
	}

	/**
	 * A poll's records are handled together: one event-store append for all tickets, and
	 * one query for the triages and clocks their new tickets create.
	 */
	@KafkaListener(topics = Topics.TICKET_EVENTS, batch = "true")
	void on(List<ConsumerRecord<String, byte[]>> records) {
		RecordBatches.handleAsBatch(records, (batch) -> {
			List<CloudEvent> events = batch.stream()
				.map((record) -> this.codec.read(record.value()))
				.flatMap(Optional::stream)
				.toList();
			List<String> created = new ArrayList<>();
			for (CloudEvent event : events) {
				if (event.data() instanceof TicketOpenedV1 opened) {
					created.add(opened.ticketId());
					created.add(SlaClockCommand.clockIdOf(opened.ticketId()));
				}
			}
			this.newAggregates.expect(created);
			events.forEach((event) -> TraceContext.run(event.traceparent(), () -> on(event)));
		});
	}

	private void on(CloudEvent event) {
		switch (event.data()) {
			case TicketOpenedV1 opened -> open(opened);
			case ClarificationRequestedV1 e -> fact(e.ticketId(), ClockFact.QUESTION_ASKED, e.requestedAt(), event);
			case CustomerMessageReceivedV1 e -> {
				fact(e.ticketId(), e.answersClarification() ? ClockFact.CUSTOMER_ANSWERED : ClockFact.CUSTOMER_WROTE,
						e.receivedAt(), event);
				if (AnswerFeedback.saysItDidNotHelp(e.body())) {
					signal(e.ticketId(), "did-not-help", false, e.receivedAt());
				}
			}
			case AgentRepliedV1 e -> {
				fact(e.ticketId(), ClockFact.AGENT_REPLIED, e.repliedAt(), event);
				templateUsed(e.ticketId(), e.templateId(), e.templateVersion(), TemplateUsed.AGENT_REPLY,
						e.repliedAt());
			}
			case TicketResolvedV1 e -> {
				fact(e.ticketId(), ClockFact.RESOLVED, e.resolvedAt(), event);
				templateUsed(e.ticketId(), e.templateId(), e.templateVersion(),
						Boolean.TRUE.equals(e.automatic()) ? TemplateUsed.AUTO_ANSWER : TemplateUsed.AGENT_RESOLUTION,
						e.resolvedAt());
			}
			case TicketReopenedV1 e -> {
				reopened(e, event);
				signal(e.ticketId(), "reopened", false, e.reopenedAt());
			}
			case TicketRatedV1 e -> signal(e.ticketId(), "rated", e.score() >= 3, e.ratedAt());
			case TicketFixScheduledV1 e -> fact(e.ticketId(), ClockFact.FIX_SCHEDULED, e.scheduledAt(), event);
			case TicketFixReleasedV1 e -> fact(e.ticketId(), ClockFact.FIX_SETTLED, e.releasedAt(), event);
			case TicketFixDeclinedV1 e -> fact(e.ticketId(), ClockFact.FIX_SETTLED, e.declinedAt(), event);
			case TicketClosedV1 e -> {
				fact(e.ticketId(), ClockFact.ENDED, e.closedAt(), event);
				signal(e.ticketId(), "closed", true, e.closedAt());
			}
			case TicketMergedV1 e -> fact(e.ticketId(), ClockFact.ENDED, e.mergedAt(), event);
			case TicketAssignedV1 e -> assigned(e);
			default -> {
				// not a fact for routing
			}
		}
	}

	private void open(TicketOpenedV1 opened) {
		SlaPolicy policy = this.policies.select(opened.customerTier(), opened.channel());
		Classification c = this.classifier.classify(opened.subject(), opened.body(), opened.locale());
		this.commands.sendAndWait(new TriageTicket(opened.ticketId(), opened.channel(), opened.openedAt(),
				opened.customerTier(), policy.name(), c.language(), c.category(), c.tags(), c.team(),
				this.suggester.suggest(opened.subject(), opened.body(), c.language(), placeholders(opened))));
		this.commands.sendAndWait(new StartSlaClock(SlaClockCommand.clockIdOf(opened.ticketId()), opened.ticketId(),
				policy.name(), policy.priority(), opened.openedAt()));
	}

	/**
	 * What a template's answer may name: the ticket, and the customer as they gave their
	 * name.
	 */
	private static java.util.Map<String, String> placeholders(TicketOpenedV1 opened) {
		java.util.Map<String, String> values = new java.util.HashMap<>();
		values.put("ticketId", opened.ticketId());
		if (opened.contactName() != null) {
			values.put("customerName", opened.contactName());
		}
		return values;
	}

	private void assigned(TicketAssignedV1 assigned) {
		try {
			this.commands
				.sendAndWait(new RecordAssignment(assigned.ticketId(), assigned.agent(), assigned.assignedAt()));
		}
		catch (AggregateNotFoundException ex) {
			log.debug("Ticket {} was never triaged here; its assignment is not recorded", assigned.ticketId());
		}
	}

	private void reopened(TicketReopenedV1 reopened, CloudEvent event) {
		fact(reopened.ticketId(), ClockFact.REOPENED, reopened.reopenedAt(), event);
		if (reopened.assigned() == null) {
			return; // written before reopenings told the assignment: nothing to align
		}
		try {
			this.commands
				.sendAndWait(new AlignAssignment(reopened.ticketId(), reopened.assigned() ? reopened.agent() : null,
						(reopened.reopenedAt() != null) ? reopened.reopenedAt() : event.time()));
		}
		catch (AggregateNotFoundException ex) {
			log.debug("Ticket {} was never triaged here; its reopening is not aligned", reopened.ticketId());
		}
	}

	/** A template an agent or routing answered with: counted on the ticket's triage. */
	private void templateUsed(String ticketId, String templateId, Integer version, String how, Instant at) {
		if (templateId == null) {
			return;
		}
		try {
			this.commands.sendAndWait(new RecordTemplateUse(ticketId, templateId, version, how, at));
		}
		catch (AggregateNotFoundException ex) {
			log.debug("Ticket {} was never triaged here; its template use is not counted", ticketId);
		}
	}

	/**
	 * What the customer did after an answer: decides an automatic answer's outcome once.
	 */
	private void signal(String ticketId, String signal, boolean helped, Instant at) {
		try {
			this.commands.sendAndWait(new RecordAnswerSignal(ticketId, signal, helped, at));
		}
		catch (AggregateNotFoundException ex) {
			log.debug("Ticket {} was never triaged here; no answer to judge", ticketId);
		}
	}

	private void fact(String ticketId, ClockFact fact, Instant at, CloudEvent event) {
		try {
			this.commands.sendAndWait(new RecordClockFact(SlaClockCommand.clockIdOf(ticketId), fact,
					(at != null) ? at : event.time(), event.id()));
		}
		catch (AggregateNotFoundException ex) {
			// a ticket opened before its clocks were kept here
			log.debug("No SLA clock for ticket {}; {} not recorded", ticketId, fact);
		}
	}

}
