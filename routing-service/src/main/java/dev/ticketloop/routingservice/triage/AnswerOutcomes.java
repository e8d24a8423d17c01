package dev.ticketloop.routingservice.triage;

import dev.ticketloop.routingservice.template.TemplateCommand.RecordAnswerOutcome;
import dev.ticketloop.routingservice.triage.TriageEvent.AnswerOutcomeDecided;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Hands each automatic answer's outcome, decided on the ticket's triage, to its template,
 * which counts it once per ticket and judges its precision. Not replayed: the template
 * holds the outcomes already (a replay would count them again).
 */
@Component
@ProcessingGroup(AnswerOutcomes.PROCESSING_GROUP)
@DisallowReplay
class AnswerOutcomes {

	static final String PROCESSING_GROUP = "template-outcomes";

	private static final Logger log = LoggerFactory.getLogger(AnswerOutcomes.class);

	private final CommandGateway commands;

	AnswerOutcomes(CommandGateway commands) {
		this.commands = commands;
	}

	@EventHandler
	void on(AnswerOutcomeDecided e) {
		try {
			this.commands.sendAndWait(
					new RecordAnswerOutcome(e.templateId(), e.ticketId(), e.version(), e.helped(), e.signal()));
		}
		catch (AggregateNotFoundException ex) {
			log.warn("Template {} is not in the library; the outcome of ticket {} is not counted", e.templateId(),
					e.ticketId());
		}
	}

}
