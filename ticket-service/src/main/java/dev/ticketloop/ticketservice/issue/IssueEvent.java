package dev.ticketloop.ticketservice.issue;

import java.time.Instant;

import dev.ticketloop.ticketservice.ticket.TicketId;
import org.axonframework.serialization.Revision;

/** What happened to an {@link EngineeringIssue}. */
public sealed interface IssueEvent {

	IssueKey issueKey();

	@Revision("1")
	record IssueReported(IssueKey issueKey, String title, String description, String reportedBy,
			Instant reportedAt) implements IssueEvent {
	}

	/**
	 * @param progress the issue's latest progress at the time of linking, null while
	 * there is none: a ticket linked late catches up with it
	 */
	@Revision("1")
	record TicketLinked(IssueKey issueKey, TicketId ticketId, IssueProgress progress,
			Instant linkedAt) implements IssueEvent {
	}

	@Revision("1")
	record IssueConfirmed(IssueKey issueKey, String by, Instant confirmedAt) implements IssueEvent {
	}

	@Revision("1")
	record FixScheduled(IssueKey issueKey, String targetVersion, String by, Instant scheduledAt) implements IssueEvent {
	}

	@Revision("1")
	record IssueReleased(IssueKey issueKey, String releaseId, String version, int linkedTickets, String by,
			Instant releasedAt) implements IssueEvent {
	}

	@Revision("1")
	record FixDeclined(IssueKey issueKey, String explanation, int linkedTickets, String by,
			Instant declinedAt) implements IssueEvent {
	}

}
