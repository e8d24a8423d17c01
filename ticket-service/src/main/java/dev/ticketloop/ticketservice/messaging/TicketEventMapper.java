package dev.ticketloop.ticketservice.messaging;

import java.util.Optional;

import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.engineering.IssueConfirmedV1;
import dev.ticketloop.contracts.engineering.IssueFixDeclinedV1;
import dev.ticketloop.contracts.engineering.IssueFixScheduledV1;
import dev.ticketloop.contracts.engineering.IssueReleasedV1;
import dev.ticketloop.contracts.engineering.IssueReportedV1;
import dev.ticketloop.contracts.engineering.IssueTicketLinkedV1;
import dev.ticketloop.contracts.ticket.AgentRepliedV1;
import dev.ticketloop.contracts.ticket.ClarificationRequestedV1;
import dev.ticketloop.contracts.ticket.CustomerMessageReceivedV1;
import dev.ticketloop.contracts.ticket.CustomerNotifiedV1;
import dev.ticketloop.contracts.ticket.CustomerRemindedV1;
import dev.ticketloop.contracts.ticket.TicketAssignedV1;
import dev.ticketloop.contracts.ticket.TicketClosedV1;
import dev.ticketloop.contracts.ticket.TicketEscalatedV1;
import dev.ticketloop.contracts.ticket.TicketFixDeclinedV1;
import dev.ticketloop.contracts.ticket.TicketFixReleasedV1;
import dev.ticketloop.contracts.ticket.TicketFixScheduledV1;
import dev.ticketloop.contracts.ticket.TicketMergedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketRatedV1;
import dev.ticketloop.contracts.ticket.TicketReopenedV1;
import dev.ticketloop.contracts.ticket.TicketResolvedV1;
import dev.ticketloop.contracts.ticket.TicketTriagedV1;
import dev.ticketloop.platform.kafka.IntegrationEventMapper;
import dev.ticketloop.ticketservice.issue.IssueEvent.FixDeclined;
import dev.ticketloop.ticketservice.issue.IssueEvent.FixScheduled;
import dev.ticketloop.ticketservice.issue.IssueEvent.IssueConfirmed;
import dev.ticketloop.ticketservice.issue.IssueEvent.IssueReleased;
import dev.ticketloop.ticketservice.issue.IssueEvent.IssueReported;
import dev.ticketloop.ticketservice.issue.IssueEvent.TicketLinked;
import dev.ticketloop.ticketservice.ticket.TicketEvent.AgentReplied;
import dev.ticketloop.ticketservice.ticket.TicketEvent.ClarificationRequested;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerMessageReceived;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerReminded;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketAssigned;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketClosed;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketEscalated;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketFixDeclined;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketFixReleased;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketFixScheduled;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketMerged;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketOpened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketRated;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketReopened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketResolved;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketTriaged;

import org.springframework.stereotype.Component;

/**
 * The internal events of tickets ({@code ticketloop.ticket.events.v1}) and of engineering
 * issues ({@code ticketloop.engineering.issues.v1}) in the published language.
 */
@Component
class TicketEventMapper implements IntegrationEventMapper {

	@Override
	public Optional<IntegrationEvent> toIntegrationEvent(Object domainEvent) {
		return Optional.ofNullable(switch (domainEvent) {
			case TicketOpened e ->
				new TicketOpenedV1(e.ticketId().value(), e.channel().wireName(), e.customerRef(), e.contact().email(),
						e.contact().name(), e.locale(), e.subject(), e.body(), e.openedAt(), e.contact().timeZone(),
						e.customerTier(), e.environment().platform(), e.environment().productVersion());
			case TicketTriaged e -> new TicketTriagedV1(e.ticketId().value(), e.decisionId(), e.priority().wireName(),
					e.firstResponseDueAt(), e.triagedAt());
			case CustomerNotified e -> new CustomerNotifiedV1(e.ticketId().value(), e.notificationId(), e.reason(),
					e.channel(), e.deliveredAt());
			case TicketAssigned e -> new TicketAssignedV1(e.ticketId().value(), e.agent(), e.assignedAt());
			case ClarificationRequested e ->
				new ClarificationRequestedV1(e.ticketId().value(), e.question(), e.requestedAt());
			case CustomerMessageReceived e ->
				new CustomerMessageReceivedV1(e.ticketId().value(), e.body(), e.answersClarification(), e.receivedAt());
			case AgentReplied e -> new AgentRepliedV1(e.ticketId().value(), e.agent(), e.body(), e.repliedAt(),
					(e.template() != null) ? e.template().id() : null,
					(e.template() != null) ? e.template().version() : null);
			case TicketResolved e -> new TicketResolvedV1(e.ticketId().value(), e.resolution(), e.singleReply(),
					e.resolvedAt(), e.cause().wireName(), (e.template() != null) ? e.template().id() : null,
					(e.template() != null) ? e.template().version() : null,
					(e.template() != null) ? e.template().automatic() : null);
			case TicketEscalated e ->
				new TicketEscalatedV1(e.ticketId().value(), e.issueKey(), e.knownIssue(), e.escalatedAt());
			case TicketFixScheduled e ->
				new TicketFixScheduledV1(e.ticketId().value(), e.issueKey(), e.targetVersion(), e.scheduledAt());
			case TicketFixReleased e ->
				new TicketFixReleasedV1(e.ticketId().value(), e.issueKey(), e.version(), e.releasedAt());
			case TicketFixDeclined e ->
				new TicketFixDeclinedV1(e.ticketId().value(), e.issueKey(), e.explanation(), e.declinedAt());
			case TicketMerged e ->
				new TicketMergedV1(e.ticketId().value(), e.survivingTicketId().value(), e.mergedAt());
			case CustomerReminded e ->
				new CustomerRemindedV1(e.ticketId().value(), e.question(), e.closesAt(), e.remindedAt());
			case TicketReopened e ->
				new TicketReopenedV1(e.ticketId().value(), e.reopenCount(), e.reopenedAt(), e.agent(), e.assigned());
			case TicketRated e -> new TicketRatedV1(e.ticketId().value(), e.score(), e.comment(), e.ratedAt());
			case TicketClosed e -> new TicketClosedV1(e.ticketId().value(), e.reason().wireName(), e.closedAt());
			case IssueReported e ->
				new IssueReportedV1(e.issueKey().value(), e.title(), e.description(), e.reportedBy(), e.reportedAt());
			case TicketLinked e -> new IssueTicketLinkedV1(e.issueKey().value(), e.ticketId().value(), e.linkedAt());
			case IssueConfirmed e -> new IssueConfirmedV1(e.issueKey().value(), e.by(), e.confirmedAt());
			case FixScheduled e ->
				new IssueFixScheduledV1(e.issueKey().value(), e.targetVersion(), e.by(), e.scheduledAt());
			case IssueReleased e -> new IssueReleasedV1(e.issueKey().value(), e.releaseId(), e.version(),
					e.linkedTickets(), e.releasedAt());
			case FixDeclined e -> new IssueFixDeclinedV1(e.issueKey().value(), e.explanation(), e.linkedTickets(),
					e.by(), e.declinedAt());
			default -> null;
		});
	}

}
