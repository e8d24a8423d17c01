package dev.ticketloop.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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

/** One fixed example of every published event, the basis of the snapshot tests. */
final class Samples {

	static final String TICKET = "0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10";

	static final Instant AT = Instant.parse("2026-11-23T09:15:30Z");

	static final Map<EventType, IntegrationEvent> BY_TYPE = Map.ofEntries(
			Map.entry(EventType.TICKET_ASSIGNED, new TicketAssignedV1(TICKET, "maria", AT.plusSeconds(60))),
			Map.entry(EventType.CLARIFICATION_REQUESTED,
					new ClarificationRequestedV1(TICKET, "¿Qué navegador usa?", AT.plusSeconds(120))),
			Map.entry(EventType.CUSTOMER_MESSAGE_RECEIVED,
					new CustomerMessageReceivedV1(TICKET, "Firefox 140", true, AT.plusSeconds(180))),
			Map.entry(EventType.AGENT_REPLIED,
					new AgentRepliedV1(TICKET, "maria", "Borre la caché, por favor.", AT.plusSeconds(240),
							"clear-cache", 2)),
			Map.entry(EventType.TICKET_RESOLVED,
					new TicketResolvedV1(TICKET, "Caché", false, AT.plusSeconds(300), "agent", "clear-cache", 2,
							false)),
			Map.entry(EventType.TICKET_REOPENED, new TicketReopenedV1(TICKET, 1, AT.plusSeconds(360), "agent", true)),
			Map.entry(EventType.TICKET_RATED, new TicketRatedV1(TICKET, 4, "Rápido", AT.plusSeconds(420))),
			Map.entry(EventType.TICKET_CLOSED, new TicketClosedV1(TICKET, "confirmed", AT.plusSeconds(480))),
			Map.entry(EventType.TICKET_ESCALATED,
					new TicketEscalatedV1(TICKET, "ISS-7K3QF2MA", false, AT.plusSeconds(500))),
			Map.entry(EventType.TICKET_FIX_SCHEDULED,
					new TicketFixScheduledV1(TICKET, "ISS-7K3QF2MA", "4.2.0", AT.plusSeconds(600))),
			Map.entry(EventType.TICKET_FIX_RELEASED,
					new TicketFixReleasedV1(TICKET, "ISS-7K3QF2MA", "4.2.0", AT.plusSeconds(700))),
			Map.entry(EventType.TICKET_FIX_DECLINED,
					new TicketFixDeclinedV1(TICKET, "ISS-7K3QF2MA", "Export to XLS is retired; CSV stays.",
							AT.plusSeconds(700))),
			Map.entry(EventType.TICKET_MERGED,
					new TicketMergedV1(TICKET, "5c1d9a3e-8b7f-4e2a-9d6c-1a2b3c4d5e6f", AT.plusSeconds(550))),
			Map.entry(EventType.CUSTOMER_REMINDED,
					new CustomerRemindedV1(TICKET, "¿Qué navegador usa?", AT.plusSeconds(604_800),
							AT.plusSeconds(259_200))),
			Map.entry(EventType.RELEASE_PUBLISHED,
					new ReleasePublishedV1("release-4.2.0", "4.2.0", List.of("ISS-7K3QF2MA", "ISS-2B8D1X0C"),
							AT.plusSeconds(650))),
			Map.entry(EventType.ISSUE_REPORTED,
					new IssueReportedV1("ISS-7K3QF2MA", "XLSX export does nothing",
							"The export button has no effect for XLSX", "maria", AT.plusSeconds(500))),
			Map.entry(EventType.ISSUE_TICKET_LINKED,
					new IssueTicketLinkedV1("ISS-7K3QF2MA", TICKET, AT.plusSeconds(500))),
			Map.entry(EventType.ISSUE_CONFIRMED, new IssueConfirmedV1("ISS-7K3QF2MA", "dev-lead", AT.plusSeconds(520))),
			Map.entry(EventType.ISSUE_FIX_SCHEDULED,
					new IssueFixScheduledV1("ISS-7K3QF2MA", "4.2.0", "engineering-ci", AT.plusSeconds(600))),
			Map.entry(EventType.ISSUE_RELEASED,
					new IssueReleasedV1("ISS-7K3QF2MA", "release-4.2.0", "4.2.0", 3, AT.plusSeconds(690))),
			Map.entry(EventType.EMERGING_ISSUE,
					new EmergingIssueV1("emerging-3f9a1c07b2d4", AT, AT.minusSeconds(86_400), AT, 9, 1, 6,
							List.of("upload", "photo", "crash", "android"),
							List.of(new EmergingIssueV1.Example(TICKET, "App crashes when I upload a photo",
									AT.minusSeconds(600), "en", "android")),
							List.of(new EmergingIssueV1.Count("mobile", 8), new EmergingIssueV1.Count("unknown", 2)),
							List.of(new EmergingIssueV1.Count("android", 10)))),
			Map.entry(EventType.WEEKLY_REPORT, new WeeklyReportV1("weekly-2026-W47", "2026-W47", "2026-11-16",
					"2026-11-22", AT.plusSeconds(3_600), 412, 380, 0.61,
					List.of(new WeeklyReportV1.KnownIssue("ISS-7K3QF2MA", "Export to XLS fails", "fix-scheduled",
							"4.3.0", AT.minusSeconds(86_400), 37, 31, 12, 9, 14, 2.4, 0.5,
							List.of(new WeeklyReportV1.Count("export", 30), new WeeklyReportV1.Count("billing", 7)),
							List.of(new WeeklyReportV1.Count("windows", 21), new WeeklyReportV1.Count("macos", 16)))),
					List.of(new WeeklyReportV1.Question("billing", 120, 98)),
					List.of(new WeeklyReportV1.Question("clear-cache", 44, 51)))),
			Map.entry(EventType.ISSUE_FIX_DECLINED,
					new IssueFixDeclinedV1("ISS-7K3QF2MA", "Export to XLS is retired; CSV stays.", 3, "dev-lead",
							AT.plusSeconds(690))),
			Map.entry(EventType.TICKET_OPENED,
					new TicketOpenedV1(TICKET, "email", "cust-4711", "ana@example.com", "Ana", "es-MX",
							"No puedo exportar", "El botón de exportar no hace nada.", AT, "America/Mexico_City", "vip",
							"android", "4.2.1")),
			Map.entry(EventType.TICKET_TRIAGED,
					new TicketTriagedV1(TICKET, "triage-" + TICKET, "normal", AT.plusSeconds(86_400),
							AT.plusSeconds(2))),
			Map.entry(EventType.CUSTOMER_NOTIFIED,
					new CustomerNotifiedV1(TICKET, TICKET + ":acknowledgement", "acknowledgement", "email",
							AT.plusSeconds(3))),
			Map.entry(EventType.TRIAGE_DECIDED,
					new TriageDecidedV1(TICKET, "triage-" + TICKET, "normal", AT.plusSeconds(86_400), "standard",
							AT.plusSeconds(1), "triage", "standard", "es", "billing", List.of("invoice", "duplicate"),
							"billing")),
			Map.entry(EventType.NOTIFICATION_DELIVERED,
					new NotificationDeliveredV1(TICKET, TICKET + ":acknowledgement", "acknowledgement", "email",
							AT.plusSeconds(3))),
			Map.entry(EventType.SLA_WARNING,
					new SlaWarningV1(TICKET, "first_response", "vip", AT.plusSeconds(1_350), AT.plusSeconds(1_800),
							AT.plusSeconds(1_350))),
			Map.entry(EventType.SLA_BREACHED,
					new SlaBreachedV1(TICKET, "first_response", "vip", AT.plusSeconds(1_800), AT.plusSeconds(1_800))),
			Map.entry(EventType.SLA_TARGET_MET,
					new SlaTargetMetV1(TICKET, "first_response", "vip", false, 2_400, 1_800, AT.plusSeconds(2_400))),
			Map.entry(EventType.ASSIGNMENT_DECIDED,
					new AssignmentDecidedV1(TICKET, "assign-" + TICKET + "-1", "maria", null, "available",
							AT.plusSeconds(5))),
			Map.entry(EventType.SUGGESTION_MADE,
					new SuggestionMadeV1(TICKET, "suggest-" + TICKET + "-1", "known-issue", "ISS-7K3QF2MA",
							"XLSX export does nothing", 0.72, "link", null, AT.plusSeconds(2))),
			Map.entry(EventType.TEMPLATE_APPROVED,
					new TemplateApprovedV1("release-iss-7k3qf2ma", 2,
							"Fixed in version 4.2.0: XLSX export does nothing", "release", "ISS-7K3QF2MA",
							Map.of("en", "Good news: it is fixed in version {{version}}.", "es",
									"Buenas noticias: está corregido en la versión {{version}}."),
							"lena", AT.plusSeconds(600))),
			Map.entry(EventType.TEMPLATE_RETIRED,
					new TemplateRetiredV1("release-iss-7k3qf2ma", "ISS-7K3QF2MA", "lena", AT.plusSeconds(9_000))),
			Map.entry(EventType.NOTIFICATION_ABANDONED,
					new NotificationAbandonedV1(TICKET, TICKET + ":fix_released:evt-7", "fix_released", "chat", 1,
							"permanent", "HTTP 410 from the chat adapter's callback", AT.plusSeconds(700))),
			Map.entry(EventType.SURVEY_ANSWERED, new SurveyAnsweredV1(TICKET, TICKET + ":csat_survey:evt-5", 5,
					"¡Muy rápido, gracias!", AT.plusSeconds(900))));

	private Samples() {
	}

}
