package dev.ticketloop.ticketservice.issue;

import dev.ticketloop.ticketservice.issue.IssueCommand.DescribeIssue;
import dev.ticketloop.ticketservice.issue.IssueCommand.LinkTicket;
import dev.ticketloop.ticketservice.issue.IssueCommand.ReportIssue;
import dev.ticketloop.ticketservice.issue.IssueEvent.TicketLinked;
import dev.ticketloop.ticketservice.ticket.TicketCommand.AttachDuplicate;
import dev.ticketloop.ticketservice.ticket.TicketCommand.EscalateTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.FollowIssue;
import dev.ticketloop.ticketservice.ticket.TicketEvent.DuplicateAttached;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketEscalated;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketMerged;
import dev.ticketloop.ticketservice.ticket.TicketId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Keeps tickets and engineering issues linked, reacting to their events (at least once;
 * every command it sends is idempotent):
 * <ul>
 * <li>a ticket escalated: its issue is reported (new) or the ticket is linked (known),
 * and so are the duplicates merged into it;</li>
 * <li>a ticket merged into another: the survivor learns of its duplicate, and a duplicate
 * attached to a ticket that already follows an issue follows it too;</li>
 * <li>a ticket linked to an issue that already moved on (fix scheduled, released,
 * declined): the ticket catches up at once.</li>
 * </ul>
 * It sends commands, so it never replays.
 */
@Component
@ProcessingGroup(IssueLinks.PROCESSING_GROUP)
@DisallowReplay
class IssueLinks {

	static final String PROCESSING_GROUP = "issue-links";

	private static final Logger log = LoggerFactory.getLogger(IssueLinks.class);

	private final CommandGateway commands;

	IssueLinks(CommandGateway commands) {
		this.commands = commands;
	}

	@EventHandler
	void on(TicketEscalated event) {
		IssueKey issue = IssueKey.of(event.issueKey());
		if (event.knownIssue() || exists(issue)) {
			try {
				this.commands.sendAndWait(new LinkTicket(issue, event.ticketId()));
			}
			catch (AggregateNotFoundException ex) {
				// checked when the ticket was escalated; only an issue deleted from the
				// store gets here: nothing to follow, and retrying would not help
				log.error("Ticket {} was escalated to issue {}, which does not exist", event.ticketId(), issue);
			}
		}
		else {
			this.commands.sendAndWait(
					new ReportIssue(issue, event.title(), event.description(), event.ticketId(), event.agent()));
		}
		for (TicketId duplicate : event.duplicates()) {
			followSurvivor(duplicate, event.ticketId(), event.issueKey());
		}
	}

	@EventHandler
	void on(TicketMerged event) {
		this.commands.sendAndWait(new AttachDuplicate(event.survivingTicketId(), event.ticketId()));
	}

	@EventHandler
	void on(DuplicateAttached event) {
		if (event.issueKey() != null) {
			followSurvivor(event.duplicateTicketId(), event.ticketId(), event.issueKey());
		}
	}

	@EventHandler
	void on(TicketLinked event) {
		IssueProgress progress = event.progress();
		if (progress != null) {
			this.commands.sendAndWait(new FollowIssue(event.ticketId(), event.issueKey().value(),
					IssueFanOut.toTicketProgress(progress.kind()), progress.detail(), progress.sequence()));
		}
	}

	private void followSurvivor(TicketId duplicate, TicketId survivor, String issueKey) {
		this.commands.sendAndWait(new EscalateTicket(duplicate, null, issueKey, true, null, null, survivor));
	}

	private boolean exists(IssueKey issue) {
		try {
			this.commands.sendAndWait(new DescribeIssue(issue));
			return true;
		}
		catch (AggregateNotFoundException ex) {
			return false;
		}
	}

}
