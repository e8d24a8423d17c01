package dev.ticketloop.ticketservice.issue;

import dev.ticketloop.ticketservice.ticket.TicketId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What can be asked of an {@link EngineeringIssue}. */
public sealed interface IssueCommand {

	IssueKey issueKey();

	/**
	 * A new known problem: from an escalation (with its first ticket) or from engineering
	 * (without).
	 */
	record ReportIssue(@TargetAggregateIdentifier IssueKey issueKey, String title, String description,
			TicketId firstTicket, String reportedBy) implements IssueCommand {
	}

	/**
	 * Another ticket suffers from this issue. Linking the same ticket twice is a no-op.
	 */
	record LinkTicket(@TargetAggregateIdentifier IssueKey issueKey, TicketId ticketId) implements IssueCommand {
	}

	/**
	 * Answers the issue's status without changing it: whether the issue exists, before a
	 * ticket is linked to it.
	 */
	record DescribeIssue(@TargetAggregateIdentifier IssueKey issueKey) implements IssueCommand {
	}

	/** Engineering reproduced the problem. */
	record ConfirmIssue(@TargetAggregateIdentifier IssueKey issueKey, String by) implements IssueCommand {
	}

	/** A fix is planned for a version (again with another version: rescheduled). */
	record ScheduleFix(@TargetAggregateIdentifier IssueKey issueKey, String targetVersion,
			String by) implements IssueCommand {
	}

	/**
	 * A release contains the fix. The same release again changes nothing; another release
	 * of an already released issue neither.
	 */
	record ReleaseFix(@TargetAggregateIdentifier IssueKey issueKey, String releaseId, String version,
			String by) implements IssueCommand {
	}

	/** Engineering will not fix it; linked customers get this explanation. */
	record DeclineFix(@TargetAggregateIdentifier IssueKey issueKey, String explanation,
			String by) implements IssueCommand {
	}

}
