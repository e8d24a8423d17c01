package dev.ticketloop.notificationservice.survey;

import dev.ticketloop.notificationservice.delivery.NotASurveyException;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.AnswerSurvey;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.SurveyAnswered;
import dev.ticketloop.notificationservice.delivery.Reason;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;

import org.springframework.stereotype.Component;

/**
 * A survey behind its signed link, read from its notification's events, and its answer:
 * what the API and the customer's page share.
 */
@Component
class Surveys {

	private final SurveyLinks links;

	private final CommandGateway commands;

	private final EventStore eventStore;

	Surveys(SurveyLinks links, CommandGateway commands, EventStore eventStore) {
		this.links = links;
		this.commands = commands;
		this.eventStore = eventStore;
	}

	/**
	 * @throws SurveyLinks.InvalidSurveyTokenException a tampered link
	 * @throws SurveyLinks.ExpiredSurveyTokenException an expired one
	 * @throws NotASurveyException no survey behind it
	 */
	SurveyController.SurveyView view(String token) {
		String surveyId = this.links.verify(token);
		NotificationRequested request = null;
		boolean answered = false;
		for (Object payload : this.eventStore.readEvents(surveyId).asStream().map((m) -> m.getPayload()).toList()) {
			if (payload instanceof NotificationRequested r) {
				request = r;
			}
			answered |= payload instanceof SurveyAnswered;
		}
		if (request == null || request.reason() != Reason.CSAT_SURVEY) {
			throw new NotASurveyException(surveyId);
		}
		return new SurveyController.SurveyView(surveyId, request.ticketId(), request.content().ticketSubject(),
				request.recipient().locale(), 1, 5, answered);
	}

	/** Records the answer (once); the survey's id. */
	String answer(String token, int score, String comment) {
		String surveyId = this.links.verify(token);
		this.commands.sendAndWait(new AnswerSurvey(surveyId, score, comment));
		return surveyId;
	}

}
