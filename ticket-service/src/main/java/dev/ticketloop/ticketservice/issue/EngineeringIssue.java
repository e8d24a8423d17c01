package dev.ticketloop.ticketservice.issue;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import dev.ticketloop.ticketservice.issue.IssueCommand.ConfirmIssue;
import dev.ticketloop.ticketservice.issue.IssueCommand.DeclineFix;
import dev.ticketloop.ticketservice.issue.IssueCommand.DescribeIssue;
import dev.ticketloop.ticketservice.issue.IssueCommand.LinkTicket;
import dev.ticketloop.ticketservice.issue.IssueCommand.ReleaseFix;
import dev.ticketloop.ticketservice.issue.IssueCommand.ReportIssue;
import dev.ticketloop.ticketservice.issue.IssueCommand.ScheduleFix;
import dev.ticketloop.ticketservice.issue.IssueEvent.FixDeclined;
import dev.ticketloop.ticketservice.issue.IssueEvent.FixScheduled;
import dev.ticketloop.ticketservice.issue.IssueEvent.IssueConfirmed;
import dev.ticketloop.ticketservice.issue.IssueEvent.IssueReleased;
import dev.ticketloop.ticketservice.issue.IssueEvent.IssueReported;
import dev.ticketloop.ticketservice.issue.IssueEvent.TicketLinked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The known problem many tickets link to (Zendesk's problem ticket, Freshdesk's tracker
 * item): reported, confirmed, a fix scheduled, then released or declined. It is the one
 * place that decides which tickets a release reaches: a ticket is linked before or after
 * the release in the issue's own order, and a ticket linked after some progress carries
 * that progress in its {@link TicketLinked} event. The linked tickets themselves are told
 * by {@link IssueFanOut}, which reads them from this issue's history.
 * <p>
 * Snapshotted every {@value IssueConfiguration#SNAPSHOT_THRESHOLD} events and cached, as
 * a well-known issue collects thousands of links.
 */
@Aggregate(snapshotTriggerDefinition = IssueConfiguration.SNAPSHOT_TRIGGER, cache = IssueConfiguration.CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
		isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class EngineeringIssue {

	@AggregateIdentifier
	private IssueKey key;

	private IssueStatus status;

	private String targetVersion;

	private String releaseId;

	private IssueProgress progress;

	private Set<String> linked = new HashSet<>();

	/**
	 * For Axon and for snapshots: without {@link JsonCreator} Jackson would take the
	 * public command-handling constructor as the creator and fail on every snapshot read.
	 */
	@JsonCreator
	protected EngineeringIssue() {
	}

	@CommandHandler
	public EngineeringIssue(ReportIssue command, Clock clock) {
		apply(new IssueReported(command.issueKey(), command.title(), command.description(), command.reportedBy(),
				clock.instant()));
		if (command.firstTicket() != null) {
			apply(new TicketLinked(command.issueKey(), command.firstTicket(), null, clock.instant()));
		}
	}

	@CommandHandler
	public IssueStatus handle(DescribeIssue command) {
		return this.status;
	}

	@CommandHandler
	public IssueStatus handle(LinkTicket command, Clock clock) {
		if (!this.linked.contains(command.ticketId().value())) {
			apply(new TicketLinked(this.key, command.ticketId(), this.progress, clock.instant()));
		}
		return this.status;
	}

	@CommandHandler
	public IssueStatus handle(ConfirmIssue command, Clock clock) {
		require(this.status == IssueStatus.REPORTED, "be confirmed (only a reported issue can)");
		apply(new IssueConfirmed(this.key, command.by(), clock.instant()));
		return this.status;
	}

	@CommandHandler
	public IssueStatus handle(ScheduleFix command, Clock clock) {
		require(!this.status.isFinal(), "get a fix scheduled");
		if (!command.targetVersion().equals(this.targetVersion)) {
			apply(new FixScheduled(this.key, command.targetVersion(), command.by(), clock.instant()));
		}
		return this.status;
	}

	/**
	 * @return whether this release released the issue (false: it already was)
	 */
	@CommandHandler
	public boolean handle(ReleaseFix command, Clock clock) {
		if (this.status == IssueStatus.RELEASED) {
			return false; // the same release again, or a later one: already told
		}
		require(this.status != IssueStatus.WONT_FIX, "be released (engineering declined to fix it)");
		apply(new IssueReleased(this.key, command.releaseId(), command.version(), this.linked.size(), command.by(),
				clock.instant()));
		return true;
	}

	@CommandHandler
	public IssueStatus handle(DeclineFix command, Clock clock) {
		require(!this.status.isFinal(), "be declined");
		apply(new FixDeclined(this.key, command.explanation(), this.linked.size(), command.by(), clock.instant()));
		return this.status;
	}

	private void require(boolean allowed, String action) {
		if (!allowed) {
			throw new IllegalIssueTransitionException(this.key, this.status, action);
		}
	}

	@EventSourcingHandler
	void on(IssueEvent event, @SequenceNumber long sequence) {
		switch (event) {
			case IssueReported e -> {
				this.key = e.issueKey();
				this.status = IssueStatus.REPORTED;
			}
			case TicketLinked e -> this.linked.add(e.ticketId().value());
			case IssueConfirmed e -> this.status = IssueStatus.CONFIRMED;
			case FixScheduled e -> {
				this.status = IssueStatus.FIX_SCHEDULED;
				this.targetVersion = e.targetVersion();
				this.progress = new IssueProgress(IssueProgress.Kind.FIX_SCHEDULED, e.targetVersion(), sequence);
			}
			case IssueReleased e -> {
				this.status = IssueStatus.RELEASED;
				this.releaseId = e.releaseId();
				this.progress = new IssueProgress(IssueProgress.Kind.RELEASED, e.version(), sequence);
			}
			case FixDeclined e -> {
				this.status = IssueStatus.WONT_FIX;
				this.progress = new IssueProgress(IssueProgress.Kind.DECLINED, e.explanation(), sequence);
			}
		}
	}

	IssueStatus status() {
		return this.status;
	}

	int linkedTickets() {
		return this.linked.size();
	}

}
