package dev.ticketloop.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.ticketloop.contracts.TopicSpec.CleanupPolicy;

/**
 * Kafka topics of the published language. Versioned: an incompatible change gets a new
 * topic, never a silent change of an existing one. Every record is keyed by its subject
 * (the ticket id on the ticket, routing and notification topics, the release id or the
 * issue key on the engineering topics), so all events of one subject keep their order.
 */
public final class Topics {

	/** Facts about tickets, published by ticket-service. */
	public static final String TICKET_EVENTS = "ticketloop.ticket.events.v1";

	/**
	 * Routing's decisions about tickets (triage: priority, due times, category; SLA
	 * warnings, breaches and targets met; assignments and suggestions), published by
	 * routing-service.
	 */
	public static final String ROUTING_DECISIONS = "ticketloop.routing.decisions.v1";

	/**
	 * The answer template library as routing-service approves and retires it, keyed by
	 * template id and compacted (the latest record of a template is its state): what
	 * notification-service tells a released fix's customers with. Read from the
	 * beginning.
	 */
	public static final String ROUTING_TEMPLATES = "ticketloop.routing.templates.v1";

	/**
	 * Delivery receipts, one per notified recipient (delivered, or abandoned to the
	 * dead-letter store), and customers' survey answers, published by
	 * notification-service.
	 */
	public static final String NOTIFICATION_RECEIPTS = "ticketloop.notification.receipts.v1";

	/**
	 * Releases shipped by engineering, published by engineering's CI and consumed by
	 * ticket-service. Keyed by release id (the one topic not keyed by ticket).
	 */
	public static final String ENGINEERING_RELEASES = "ticketloop.engineering.releases.v1";

	/**
	 * Engineering issues as support sees them (reported, tickets linked, confirmed, fix
	 * scheduled, released, declined), published by ticket-service for engineering's
	 * tools. Keyed by issue key.
	 */
	public static final String ENGINEERING_ISSUES = "ticketloop.engineering.issues.v1";

	/**
	 * insights-service's reports for other teams (the weekly report to engineering,
	 * emerging problems), keyed by report id and compacted: the latest record of a report
	 * is its content, and every week's report stays.
	 */
	public static final String INSIGHTS_REPORTS = "ticketloop.insights.reports.v1";

	/** How long the event topics keep records unless a deployment says otherwise. */
	public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

	/**
	 * Every topic of the published language with its settings: the one place they are
	 * stated.
	 */
	public static final List<TopicSpec> ALL = List.of(
			new TopicSpec(TICKET_EVENTS, "Facts about tickets: opened, triaged, answered, escalated, resolved, closed.",
					"ticket id", "ticket-service",
					List.of("routing-service", "notification-service", "insights-service"), CleanupPolicy.DELETE,
					DEFAULT_RETENTION, true),
			new TopicSpec(ROUTING_DECISIONS,
					"Routing's decisions about tickets: triage, SLA warnings, breaches and targets met, assignments, suggestions.",
					"ticket id", "routing-service", List.of("ticket-service", "insights-service"), CleanupPolicy.DELETE,
					DEFAULT_RETENTION, true),
			new TopicSpec(ROUTING_TEMPLATES,
					"The approved answer template library, the latest record of a template being its state.",
					"template id", "routing-service", List.of("notification-service", "insights-service"),
					CleanupPolicy.COMPACT, null, false),
			new TopicSpec(NOTIFICATION_RECEIPTS,
					"Delivery receipts (delivered or abandoned) per notified recipient, and survey answers.",
					"ticket id", "notification-service", List.of("ticket-service"), CleanupPolicy.DELETE,
					DEFAULT_RETENTION, true),
			new TopicSpec(ENGINEERING_RELEASES, "Releases shipped by engineering, with the issues they fix.",
					"release id", "engineering's CI", List.of("ticket-service"), CleanupPolicy.DELETE,
					DEFAULT_RETENTION, true),
			new TopicSpec(ENGINEERING_ISSUES,
					"Engineering issues as support sees them: reported, tickets linked, confirmed, fix scheduled, released, declined.",
					"issue key", "ticket-service", List.of("routing-service", "insights-service"), CleanupPolicy.DELETE,
					DEFAULT_RETENTION, true),
			new TopicSpec(INSIGHTS_REPORTS,
					"Reports for other teams: the weekly report to engineering and emerging problems, the latest record of a report being its content.",
					"report id (weekly-<ISO week>, emerging-<id>)", "insights-service", List.of("engineering's tools"),
					CleanupPolicy.COMPACT, null, false));

	/** The spec of a topic of the published language. */
	public static Optional<TopicSpec> spec(String name) {
		return ALL.stream().filter((spec) -> spec.name().equals(name)).findFirst();
	}

	private Topics() {
	}

}
