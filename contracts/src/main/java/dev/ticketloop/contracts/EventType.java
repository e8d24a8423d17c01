package dev.ticketloop.contracts;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ticketloop.contracts.engineering.IssueConfirmedV1;
import dev.ticketloop.contracts.engineering.IssueFixDeclinedV1;
import dev.ticketloop.contracts.engineering.IssueFixScheduledV1;
import dev.ticketloop.contracts.engineering.IssueReleasedV1;
import dev.ticketloop.contracts.engineering.IssueReportedV1;
import dev.ticketloop.contracts.engineering.IssueTicketLinkedV1;
import dev.ticketloop.contracts.engineering.ReleasePublishedV1;
import dev.ticketloop.contracts.insights.EmergingIssueV1;
import dev.ticketloop.contracts.insights.WeeklyReportV1;
import dev.ticketloop.contracts.notification.NotificationAbandonedV1;
import dev.ticketloop.contracts.notification.NotificationDeliveredV1;
import dev.ticketloop.contracts.notification.SurveyAnsweredV1;
import dev.ticketloop.contracts.routing.AssignmentDecidedV1;
import dev.ticketloop.contracts.routing.SlaBreachedV1;
import dev.ticketloop.contracts.routing.SlaTargetMetV1;
import dev.ticketloop.contracts.routing.SlaWarningV1;
import dev.ticketloop.contracts.routing.SuggestionMadeV1;
import dev.ticketloop.contracts.routing.TemplateApprovedV1;
import dev.ticketloop.contracts.routing.TemplateRetiredV1;
import dev.ticketloop.contracts.routing.TriageDecidedV1;
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

/**
 * The catalogue of published event types: CloudEvents {@code type}, the topic it travels
 * on, its data class and the JSON Schema describing that data
 * ({@code /schemas/<type>.json} on the classpath, also the CloudEvents
 * {@code dataschema}).
 */
public enum EventType {

	TICKET_OPENED("dev.ticketloop.ticket.opened.v1", Topics.TICKET_EVENTS, TicketOpenedV1.class),

	TICKET_TRIAGED("dev.ticketloop.ticket.triaged.v1", Topics.TICKET_EVENTS, TicketTriagedV1.class),

	CUSTOMER_NOTIFIED("dev.ticketloop.ticket.customer-notified.v1", Topics.TICKET_EVENTS, CustomerNotifiedV1.class),

	TICKET_ASSIGNED("dev.ticketloop.ticket.assigned.v1", Topics.TICKET_EVENTS, TicketAssignedV1.class),

	CLARIFICATION_REQUESTED("dev.ticketloop.ticket.clarification-requested.v1", Topics.TICKET_EVENTS,
			ClarificationRequestedV1.class),

	CUSTOMER_MESSAGE_RECEIVED("dev.ticketloop.ticket.customer-message-received.v1", Topics.TICKET_EVENTS,
			CustomerMessageReceivedV1.class),

	AGENT_REPLIED("dev.ticketloop.ticket.agent-replied.v1", Topics.TICKET_EVENTS, AgentRepliedV1.class),

	TICKET_RESOLVED("dev.ticketloop.ticket.resolved.v1", Topics.TICKET_EVENTS, TicketResolvedV1.class),

	TICKET_REOPENED("dev.ticketloop.ticket.reopened.v1", Topics.TICKET_EVENTS, TicketReopenedV1.class),

	TICKET_RATED("dev.ticketloop.ticket.rated.v1", Topics.TICKET_EVENTS, TicketRatedV1.class),

	TICKET_CLOSED("dev.ticketloop.ticket.closed.v1", Topics.TICKET_EVENTS, TicketClosedV1.class),

	TICKET_ESCALATED("dev.ticketloop.ticket.escalated.v1", Topics.TICKET_EVENTS, TicketEscalatedV1.class),

	TICKET_FIX_SCHEDULED("dev.ticketloop.ticket.fix-scheduled.v1", Topics.TICKET_EVENTS, TicketFixScheduledV1.class),

	TICKET_FIX_RELEASED("dev.ticketloop.ticket.fix-released.v1", Topics.TICKET_EVENTS, TicketFixReleasedV1.class),

	TICKET_FIX_DECLINED("dev.ticketloop.ticket.fix-declined.v1", Topics.TICKET_EVENTS, TicketFixDeclinedV1.class),

	TICKET_MERGED("dev.ticketloop.ticket.merged.v1", Topics.TICKET_EVENTS, TicketMergedV1.class),

	CUSTOMER_REMINDED("dev.ticketloop.ticket.customer-reminded.v1", Topics.TICKET_EVENTS, CustomerRemindedV1.class),

	RELEASE_PUBLISHED("dev.ticketloop.engineering.release-published.v1", Topics.ENGINEERING_RELEASES,
			ReleasePublishedV1.class),

	ISSUE_REPORTED("dev.ticketloop.engineering.issue-reported.v1", Topics.ENGINEERING_ISSUES, IssueReportedV1.class),

	ISSUE_TICKET_LINKED("dev.ticketloop.engineering.issue-ticket-linked.v1", Topics.ENGINEERING_ISSUES,
			IssueTicketLinkedV1.class),

	ISSUE_CONFIRMED("dev.ticketloop.engineering.issue-confirmed.v1", Topics.ENGINEERING_ISSUES, IssueConfirmedV1.class),

	ISSUE_FIX_SCHEDULED("dev.ticketloop.engineering.issue-fix-scheduled.v1", Topics.ENGINEERING_ISSUES,
			IssueFixScheduledV1.class),

	ISSUE_RELEASED("dev.ticketloop.engineering.issue-released.v1", Topics.ENGINEERING_ISSUES, IssueReleasedV1.class),

	ISSUE_FIX_DECLINED("dev.ticketloop.engineering.issue-fix-declined.v1", Topics.ENGINEERING_ISSUES,
			IssueFixDeclinedV1.class),

	TRIAGE_DECIDED("dev.ticketloop.routing.triage-decided.v1", Topics.ROUTING_DECISIONS, TriageDecidedV1.class),

	SLA_WARNING("dev.ticketloop.routing.sla-warning.v1", Topics.ROUTING_DECISIONS, SlaWarningV1.class),

	SLA_BREACHED("dev.ticketloop.routing.sla-breached.v1", Topics.ROUTING_DECISIONS, SlaBreachedV1.class),

	SLA_TARGET_MET("dev.ticketloop.routing.sla-target-met.v1", Topics.ROUTING_DECISIONS, SlaTargetMetV1.class),

	ASSIGNMENT_DECIDED("dev.ticketloop.routing.assignment-decided.v1", Topics.ROUTING_DECISIONS,
			AssignmentDecidedV1.class),

	SUGGESTION_MADE("dev.ticketloop.routing.suggestion-made.v1", Topics.ROUTING_DECISIONS, SuggestionMadeV1.class),

	TEMPLATE_APPROVED("dev.ticketloop.routing.template-approved.v1", Topics.ROUTING_TEMPLATES,
			TemplateApprovedV1.class),

	TEMPLATE_RETIRED("dev.ticketloop.routing.template-retired.v1", Topics.ROUTING_TEMPLATES, TemplateRetiredV1.class),

	NOTIFICATION_DELIVERED("dev.ticketloop.notification.delivered.v1", Topics.NOTIFICATION_RECEIPTS,
			NotificationDeliveredV1.class),

	NOTIFICATION_ABANDONED("dev.ticketloop.notification.abandoned.v1", Topics.NOTIFICATION_RECEIPTS,
			NotificationAbandonedV1.class),

	SURVEY_ANSWERED("dev.ticketloop.notification.survey-answered.v1", Topics.NOTIFICATION_RECEIPTS,
			SurveyAnsweredV1.class),

	WEEKLY_REPORT("dev.ticketloop.insights.weekly-report.v1", Topics.INSIGHTS_REPORTS, WeeklyReportV1.class),

	EMERGING_ISSUE("dev.ticketloop.insights.emerging-issue.v1", Topics.INSIGHTS_REPORTS, EmergingIssueV1.class);

	private static final Map<String, EventType> BY_TYPE = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

	private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(EventType::dataClass, Function.identity()));

	private final String type;

	private final String topic;

	private final Class<? extends IntegrationEvent> dataClass;

	EventType(String type, String topic, Class<? extends IntegrationEvent> dataClass) {
		this.type = type;
		this.topic = topic;
		this.dataClass = dataClass;
	}

	public String type() {
		return this.type;
	}

	public String topic() {
		return this.topic;
	}

	public Class<? extends IntegrationEvent> dataClass() {
		return this.dataClass;
	}

	/**
	 * The schema's location relative to the classpath root, used as CloudEvents
	 * dataschema.
	 */
	public String schemaPath() {
		return "schemas/" + this.type + ".json";
	}

	/** The schema's {@code $id}, used as the CloudEvents {@code dataschema}. */
	public String schemaUri() {
		return "https://ticketloop.dev/" + schemaPath();
	}

	public static Optional<EventType> ofType(String type) {
		return Optional.ofNullable(BY_TYPE.get(type));
	}

	public static EventType of(IntegrationEvent data) {
		EventType type = BY_CLASS.get(data.getClass());
		if (type == null) {
			throw new IllegalArgumentException("Not a published event: " + data.getClass().getName());
		}
		return type;
	}

}
