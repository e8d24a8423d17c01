package dev.ticketloop.insightsservice.facts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.model.Updates;
import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.engineering.IssueConfirmedV1;
import dev.ticketloop.contracts.engineering.IssueFixDeclinedV1;
import dev.ticketloop.contracts.engineering.IssueFixScheduledV1;
import dev.ticketloop.contracts.engineering.IssueReleasedV1;
import dev.ticketloop.contracts.engineering.IssueReportedV1;
import dev.ticketloop.contracts.engineering.IssueTicketLinkedV1;
import dev.ticketloop.contracts.routing.SlaBreachedV1;
import dev.ticketloop.contracts.routing.SlaTargetMetV1;
import dev.ticketloop.contracts.routing.TriageDecidedV1;
import dev.ticketloop.contracts.ticket.AgentRepliedV1;
import dev.ticketloop.contracts.ticket.ClarificationRequestedV1;
import dev.ticketloop.contracts.ticket.CustomerMessageReceivedV1;
import dev.ticketloop.contracts.ticket.TicketAssignedV1;
import dev.ticketloop.contracts.ticket.TicketClosedV1;
import dev.ticketloop.contracts.ticket.TicketEscalatedV1;
import dev.ticketloop.contracts.ticket.TicketFixScheduledV1;
import dev.ticketloop.contracts.ticket.TicketMergedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketRatedV1;
import dev.ticketloop.contracts.ticket.TicketReopenedV1;
import dev.ticketloop.contracts.ticket.TicketResolvedV1;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What a published event adds to its ticket's fact sheet, as one MongoDB update that can
 * be applied any number of times, in any order with the ticket's other events: fields
 * that never change are set, and every event that can happen more than once (a reply, a
 * resolution, a rating, an SLA target met) is kept under its CloudEvent id. A record
 * delivered twice, or an event published twice, changes nothing the second time; a
 * routing decision read before the ticket's opening lands on the same sheet.
 */
public final class FactUpdates {

	private FactUpdates() {
	}

	/**
	 * What a sheet is about: a ticket, an engineering issue, or a ticket's text (kept
	 * apart from its sheet, which the totals read often).
	 */
	public enum Subject {

		TICKET, ISSUE, TEXT

	}

	/** The most of a ticket's body kept for grouping similar tickets. */
	static final int TEXT_LENGTH = 1_000;

	/** The most of a customer's message kept on the sheet, for its tags. */
	static final int MESSAGE_LENGTH = 500;

	/** The update of one sheet: a ticket's, or an issue's. */
	public record FactUpdate(Subject subject, String id, Bson update) {

		FactUpdate(String ticketId, Bson update) {
			this(Subject.TICKET, ticketId, update);
		}

		static FactUpdate issue(String issueKey, Bson update) {
			return new FactUpdate(Subject.ISSUE, issueKey, Updates.combine(update, Updates.inc("v", 1L)));
		}

	}

	/** The updates the event makes: none when it says nothing the reports count. */
	public static List<FactUpdate> of(CloudEvent event) {
		Optional<FactUpdate> sheet = sheet(event);
		if (event.data() instanceof TicketOpenedV1 e) {
			return List.of(sheet.orElseThrow(), text(e));
		}
		return sheet.map(List::of).orElse(List.of());
	}

	private static FactUpdate text(TicketOpenedV1 e) {
		String body = (e.body() != null) ? e.body() : "";
		return new FactUpdate(Subject.TEXT, e.ticketId(),
				Updates.combine(Updates.set("openedAt", date(e.openedAt())), Updates.set("subject", e.subject()),
						Updates.set("body", body.substring(0, Math.min(body.length(), TEXT_LENGTH))),
						Updates.set("locale", e.locale())));
	}

	private static Optional<FactUpdate> sheet(CloudEvent event) {
		String id = key(event.id());
		return Optional.ofNullable(switch (event.data()) {
			case TicketOpenedV1 e -> new FactUpdate(e.ticketId(),
					Updates.combine(Updates.set("openedAt", date(e.openedAt())), Updates.set("day", day(e.openedAt())),
							Updates.set("channel", e.channel()), Updates.set("tier", e.customerTier()),
							Updates.set("platform", e.platform()), Updates.set("productVersion", e.productVersion()),
							Updates.set("locale", e.locale()), Updates.set("customerRef", e.customerRef())));
			// an issue's linked tickets are known from the tickets' sheets: a change to
			// one
			// of them marks its issues changed (FactStore)
			case IssueTicketLinkedV1 e -> new FactUpdate(e.ticketId(), Updates.set("issues." + key(e.issueKey()),
					new Document("key", e.issueKey()).append("at", date(e.linkedAt()))));
			case IssueReportedV1 e -> FactUpdate.issue(e.issueKey(),
					Updates.combine(Updates.set("title", e.title()), Updates.set("reportedAt", date(e.reportedAt())),
							Updates.set("states." + id, state("reported", e.reportedAt(), null))));
			case IssueConfirmedV1 e ->
				FactUpdate.issue(e.issueKey(), Updates.set("states." + id, state("confirmed", e.confirmedAt(), null)));
			case IssueFixScheduledV1 e -> FactUpdate.issue(e.issueKey(),
					Updates.set("states." + id, state("fix-scheduled", e.scheduledAt(), e.targetVersion())));
			case IssueReleasedV1 e -> FactUpdate.issue(e.issueKey(),
					Updates.set("states." + id, state("released", e.releasedAt(), e.version())));
			case IssueFixDeclinedV1 e ->
				FactUpdate.issue(e.issueKey(), Updates.set("states." + id, state("declined", e.declinedAt(), null)));
			case TriageDecidedV1 e when e.reason() == null || "triage".equals(e.reason()) ->
				new FactUpdate(e.ticketId(),
						Updates.combine(Updates.set("policy", e.policy()), Updates.set("language", e.language()),
								Updates.set("category", e.category()), Updates.set("team", e.team()),
								Updates.set("triageTier", e.customerTier())));
			case TicketAssignedV1 e -> new FactUpdate(e.ticketId(), Updates.set("assignments." + id,
					new Document("agent", e.agent()).append("at", date(e.assignedAt()))));
			case AgentRepliedV1 e -> new FactUpdate(e.ticketId(), Updates.set("replies." + id,
					new Document("at", date(e.repliedAt())).append("templateId", e.templateId())));
			case CustomerMessageReceivedV1 e -> new FactUpdate(e.ticketId(), Updates.set("messages." + id,
					new Document("at", date(e.receivedAt())).append("text", shortened(e.body(), MESSAGE_LENGTH))));
			case ClarificationRequestedV1 e ->
				new FactUpdate(e.ticketId(), Updates.set("clarifications." + id, date(e.requestedAt())));
			case TicketEscalatedV1 e -> new FactUpdate(e.ticketId(), Updates.set("escalations." + id,
					new Document("issueKey", e.issueKey()).append("at", date(e.escalatedAt()))));
			case TicketFixScheduledV1 e ->
				new FactUpdate(e.ticketId(), Updates.set("fixScheduled." + id, date(e.scheduledAt())));
			case TicketResolvedV1 e -> new FactUpdate(e.ticketId(),
					Updates.set("resolutions." + id,
							new Document("at", date(e.resolvedAt())).append("singleReply", e.singleReply())
								.append("automatic", Boolean.TRUE.equals(e.automatic()))
								.append("cause", (e.cause() != null) ? e.cause() : "agent")
								.append("templateId", e.templateId())));
			case TicketReopenedV1 e ->
				new FactUpdate(e.ticketId(), Updates.set("reopenings." + id, date(e.reopenedAt())));
			case TicketClosedV1 e -> new FactUpdate(e.ticketId(),
					Updates.set("closings." + id, new Document("at", date(e.closedAt())).append("reason", e.reason())));
			case TicketMergedV1 e -> new FactUpdate(e.ticketId(), Updates.set("mergedInto", e.survivingTicketId()));
			case TicketRatedV1 e -> new FactUpdate(e.ticketId(), Updates.set("ratings." + id,
					new Document("score", e.score()).append("comment", e.comment()).append("at", date(e.ratedAt()))));
			case SlaTargetMetV1 e -> new FactUpdate(e.ticketId(),
					Updates.set("sla." + id,
							new Document("target", e.target()).append("policy", e.policy())
								.append("kind", "met")
								.append("within", e.withinTarget())
								.append("elapsed", e.elapsedSeconds())
								.append("at", date(e.metAt()))));
			case SlaBreachedV1 e -> new FactUpdate(e.ticketId(),
					Updates.set("sla." + id,
							new Document("target", e.target()).append("policy", e.policy())
								.append("kind", "breached")
								.append("at", date(e.raisedAt()))));
			default -> null;
		});
	}

	private static String shortened(String text, int length) {
		return (text == null || text.length() <= length) ? text : text.substring(0, length);
	}

	private static Document state(String state, Instant at, String version) {
		return new Document("state", state).append("at", date(at)).append("version", version);
	}

	/**
	 * The UTC day a ticket counts in: the day it was opened (reports follow the tickets
	 * opened in a period through everything that happened to them).
	 */
	public static String day(Instant openedAt) {
		return openedAt.atOffset(ZoneOffset.UTC).toLocalDate().toString();
	}

	/** A CloudEvent id as a field name (no dots, no leading dollar). */
	static String key(String eventId) {
		return "e" + eventId.replace('.', '_').replace('$', '_');
	}

	private static Date date(Instant instant) {
		return (instant != null) ? Date.from(instant) : null;
	}

	/** The updates of several events, in the order given. */
	public static List<FactUpdate> of(List<CloudEvent> events) {
		List<FactUpdate> updates = new ArrayList<>();
		events.forEach((event) -> updates.addAll(of(event)));
		return updates;
	}

}
