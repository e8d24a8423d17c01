package dev.ticketloop.ticketservice.ticket;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.ticketloop.contracts.ticket.CsatScore;
import dev.ticketloop.ticketservice.ticket.TicketCommand.AddCustomerMessage;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ApplyAssignmentDecision;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ApplyTriageDecision;
import dev.ticketloop.ticketservice.ticket.TicketCommand.AssignTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.AttachDuplicate;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseAfterQuietPeriod;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseReason;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseUnanswered;
import dev.ticketloop.ticketservice.ticket.TicketCommand.EscalateTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.FollowIssue;
import dev.ticketloop.ticketservice.ticket.TicketCommand.MergeTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.OpenTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RateTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RecordCustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RecordNotificationFailure;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RemindCustomer;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ReopenTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ReplyToCustomer;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RequestClarification;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ResolveTicket;
import dev.ticketloop.ticketservice.ticket.TicketEvent.AgentReplied;
import dev.ticketloop.ticketservice.ticket.TicketEvent.ClarificationRequested;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerMessageReceived;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerNotificationFailed;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerReminded;
import dev.ticketloop.ticketservice.ticket.TicketEvent.DuplicateAttached;
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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer's issue, from intake to the closed loop. Event-sourced: command handlers
 * validate and apply, event-sourcing handlers only assign state. Messages from other
 * services arrive at least once, so applying them is idempotent (a decision or a receipt
 * already recorded changes nothing). What is not possible in the current state is refused
 * with an {@link IllegalTicketTransitionException} that says why, and records nothing;
 * anything asked of a closed ticket with a {@link TicketClosedException}.
 */
@Aggregate
public class Ticket {

	@AggregateIdentifier
	private TicketId id;

	private TicketStatus status;

	private Channel channel;

	private String agent;

	private int agentReplies;

	private boolean clarificationAsked;

	private int reopenCount;

	private boolean rated;

	private final Set<String> appliedDecisions = new HashSet<>();

	private final Set<String> recordedNotifications = new HashSet<>();

	/** The engineering issue this ticket follows, null while it follows none. */
	private String issueKey;

	/** The last issue event applied, -1 before any. */
	private long issueSequence = -1;

	/** The version released or the explanation declined, while the customer is told. */
	private String issueOutcome;

	private boolean issueSettled;

	private TicketId mergedInto;

	private final List<TicketId> duplicates = new ArrayList<>();

	/** The sequence number of the open clarification request, -1 when none is open. */
	private long clarificationRound = -1;

	private String question;

	private long remindedRound = -1;

	/** The sequence number of the latest resolution. */
	private long resolutionRound = -1;

	protected Ticket() {
		// for Axon
	}

	@CommandHandler
	public Ticket(OpenTicket command, Clock clock) {
		command.contact().requireReachableOn(command.channel());
		apply(new TicketOpened(command.ticketId(), command.channel(), command.customerRef(), command.contact(),
				command.locale().toLanguageTag(), command.subject(), command.body(), clock.instant(),
				command.customerTier(), command.environment()));
	}

	@CommandHandler
	public void handle(ApplyTriageDecision command, Clock clock) {
		if (this.appliedDecisions.contains(command.decisionId())) {
			return;
		}
		apply(new TicketTriaged(this.id, command.decisionId(), command.priority(), command.firstResponseDueAt(),
				clock.instant()));
	}

	/**
	 * A delivery receipt. The receipt of the fix-released or fix-declined message closes
	 * the engineering loop: the ticket is resolved at once.
	 */
	@CommandHandler
	public void handle(RecordNotificationFailure command, Clock clock) {
		if (this.recordedNotifications.contains(command.notificationId() + "#" + command.attempts())) {
			return;
		}
		apply(new CustomerNotificationFailed(this.id, command.notificationId(), command.reason(), command.channel(),
				command.attempts(), command.failure(), command.detail(), clock.instant()));
	}

	@CommandHandler
	public void handle(RecordCustomerNotified command, Clock clock) {
		if (this.recordedNotifications.contains(command.notificationId())) {
			return;
		}
		apply(new CustomerNotified(this.id, command.notificationId(), command.reason(), command.channel(),
				command.deliveredAt()));
		if (this.status == TicketStatus.CUSTOMER_NOTIFIED) {
			boolean released = "fix_released".equals(command.reason());
			String resolution = released ? "Fixed in version " + this.issueOutcome + " (" + this.issueKey + ")."
					: "Will not be fixed (" + this.issueKey + "): " + this.issueOutcome;
			apply(new TicketResolved(this.id, null, resolution, false, clock.instant(),
					released ? ResolutionCause.FIX_RELEASED : ResolutionCause.FIX_DECLINED));
		}
	}

	@CommandHandler
	public TicketStatus handle(AssignTicket command, Clock clock) {
		requireNotClosed("be assigned");
		requireOpen("be assigned");
		if (!command.agent().equals(this.agent)) {
			apply(new TicketAssigned(this.id, command.agent(), this.agent, clock.instant()));
		}
		return this.status;
	}

	@CommandHandler
	public TicketStatus handle(ApplyAssignmentDecision command, Clock clock) {
		requireNotClosed("be assigned");
		requireOpen("be assigned");
		if (!command.agent().equals(this.agent)) {
			require(Objects.equals(command.previousAgent(), this.agent), "take routing's assignment to "
					+ command.agent() + " (it is with " + this.agent + " now, not " + command.previousAgent() + ")");
			apply(new TicketAssigned(this.id, command.agent(), this.agent, clock.instant()));
		}
		return this.status;
	}

	@CommandHandler
	public TicketStatus handle(RequestClarification command, Clock clock) {
		requireNotClosed("ask the customer for clarification");
		require(this.status != TicketStatus.AWAITING_CUSTOMER,
				"ask the customer again before they answer the last question");
		require(this.status == TicketStatus.IN_PROGRESS,
				(this.status == TicketStatus.NEW || this.status == TicketStatus.TRIAGED)
						? "ask the customer for clarification before it is assigned"
						: "ask the customer for clarification (only while an agent works on it)");
		apply(new ClarificationRequested(this.id, command.agent(), command.question(), clock.instant()));
		return this.status;
	}

	@CommandHandler
	public TicketStatus handle(AddCustomerMessage command, Clock clock) {
		requireVisibleTo(command.actingChannel());
		requireNotClosed("take new messages");
		apply(new CustomerMessageReceived(this.id, command.body(), this.status == TicketStatus.AWAITING_CUSTOMER,
				clock.instant()));
		return this.status;
	}

	@CommandHandler
	public TicketStatus handle(ReplyToCustomer command, Clock clock) {
		requireNotClosed("be replied to");
		require(this.status.mayReply(), whyNoReply());
		apply(new AgentReplied(this.id, command.agent(), command.body(), clock.instant(), command.template()));
		return this.status;
	}

	/**
	 * An agent resolves the ticket, also while it waits for engineering (a workaround);
	 * the customer is then not told again when the fix ships.
	 */
	@CommandHandler
	public TicketStatus handle(ResolveTicket command, Clock clock) {
		requireNotClosed("be resolved");
		if (this.status == TicketStatus.RESOLVED) {
			throw new IllegalTicketTransitionException(this.status,
					"Ticket " + this.id + " is already resolved (reopen it to work on it again).");
		}
		require(this.status.mayResolve(),
				(this.status == TicketStatus.NEW) ? "be resolved before it is triaged" : "be resolved");
		boolean singleReply = this.agentReplies <= 1 && !this.clarificationAsked && this.reopenCount == 0
				&& this.issueKey == null;
		apply(new TicketResolved(this.id, command.agent(), command.resolution(), singleReply, clock.instant(),
				ResolutionCause.AGENT, command.template()));
		return this.status;
	}

	@CommandHandler
	public TicketStatus handle(ReopenTicket command, Clock clock) {
		requireVisibleTo(command.actingChannel());
		requireNotClosed("be reopened");
		require(this.status == TicketStatus.RESOLVED, "be reopened (only a resolved ticket can)");
		apply(new TicketReopened(this.id, command.reason(), this.reopenCount + 1, clock.instant(), this.agent));
		return this.status;
	}

	/** The customer's rating; rating a resolved ticket also closes it. */
	@CommandHandler
	public TicketStatus handle(RateTicket command, Clock clock) {
		requireVisibleTo(command.actingChannel());
		require(this.status == TicketStatus.RESOLVED || this.status == TicketStatus.CLOSED,
				"be rated before it is resolved");
		require(!this.rated, "be rated twice");
		apply(new TicketRated(this.id, CsatScore.require(command.score()), command.comment(), clock.instant()));
		if (this.status == TicketStatus.RESOLVED) {
			apply(new TicketClosed(this.id, CloseReason.RATED, clock.instant()));
		}
		return this.status;
	}

	@CommandHandler
	public TicketStatus handle(CloseTicket command, Clock clock) {
		requireVisibleTo(command.actingChannel());
		requireNotClosed(null);
		require(this.status == TicketStatus.RESOLVED
				|| (this.status == TicketStatus.MERGED && command.reason() == CloseReason.MANUAL),
				"be closed before it is resolved");
		apply(new TicketClosed(this.id, command.reason(), clock.instant()));
		return this.status;
	}

	/**
	 * Links the ticket to an engineering issue. A ticket can be escalated once, or again
	 * after its issue was released or declined (the fix did not help: a new issue).
	 */
	@CommandHandler
	public TicketStatus handle(EscalateTicket command, Clock clock) {
		if (command.issueKey().equals(this.issueKey) && !this.issueSettled) {
			return this.status; // a retry: already linked to this issue
		}
		if (command.viaSurvivor() != null) {
			if (this.status != TicketStatus.MERGED || !command.viaSurvivor().equals(this.mergedInto)) {
				return this.status; // no longer the survivor's duplicate: nothing to
									// follow
			}
		}
		else {
			requireNotClosed("be escalated");
			require(this.issueKey == null || this.issueSettled,
					"be escalated again while it waits for " + this.issueKey);
			require(this.status.mayEscalate(), "be escalated");
		}
		apply(new TicketEscalated(this.id, command.issueKey(), command.knownIssue(), command.agent(), command.title(),
				command.description(), command.viaSurvivor(), List.copyOf(this.duplicates), clock.instant()));
		return this.status;
	}

	/**
	 * The issue moved on. Applied once per issue event and only while the ticket waits
	 * for that issue; otherwise (an agent resolved it meanwhile, it follows another
	 * issue, an older event arrives late) nothing happens.
	 * @return whether the ticket recorded it
	 */
	@CommandHandler
	public boolean handle(FollowIssue command, Clock clock) {
		if (!command.issueKey().equals(this.issueKey) || command.issueSequence() <= this.issueSequence) {
			return false;
		}
		boolean outcome = command.progress() != FollowIssue.Progress.FIX_SCHEDULED;
		if (!TicketStatus.FOLLOWING_ISSUE.contains(this.status) && !(outcome && this.issueOutcome == null)) {
			// a ticket settled meanwhile (a workaround, a reopening) is still told the
			// issue's outcome once, but not every step on the way
			return false;
		}
		switch (command.progress()) {
			case FIX_SCHEDULED -> apply(new TicketFixScheduled(this.id, this.issueKey, command.detail(),
					command.issueSequence(), clock.instant()));
			case FIX_RELEASED -> apply(new TicketFixReleased(this.id, this.issueKey, command.detail(),
					command.issueSequence(), clock.instant()));
			case FIX_DECLINED -> apply(new TicketFixDeclined(this.id, this.issueKey, command.detail(),
					command.issueSequence(), clock.instant()));
		}
		return true;
	}

	@CommandHandler
	public TicketStatus handle(MergeTicket command, Clock clock) {
		requireNotClosed("be merged");
		require(!command.survivingTicketId().equals(this.id), "be merged into itself");
		require(this.status.mayMerge(), "be merged");
		// an issue that ended (fix released or declined) tells the ticket nothing more;
		// one
		// still open would go on telling a merged duplicate, so it stays the ticket's own
		require(this.issueKey == null || this.issueOutcome != null,
				"be merged (it follows engineering issue " + this.issueKey + " itself)");
		apply(new TicketMerged(this.id, command.survivingTicketId(), command.agent(), clock.instant()));
		return this.status;
	}

	@CommandHandler
	public void handle(AttachDuplicate command, Clock clock) {
		if (!this.duplicates.contains(command.duplicateTicketId())) {
			apply(new DuplicateAttached(this.id, command.duplicateTicketId(), this.issueSettled ? null : this.issueKey,
					clock.instant()));
		}
	}

	@CommandHandler
	public void handle(RemindCustomer command, Clock clock) {
		if (this.status == TicketStatus.AWAITING_CUSTOMER && command.round() == this.clarificationRound
				&& this.remindedRound != command.round()) {
			apply(new CustomerReminded(this.id, this.question, command.closesAt(), clock.instant()));
		}
	}

	@CommandHandler
	public void handle(CloseUnanswered command, Clock clock) {
		if (this.status == TicketStatus.AWAITING_CUSTOMER && command.round() == this.clarificationRound) {
			apply(new TicketClosed(this.id, CloseReason.UNANSWERED, clock.instant()));
		}
	}

	@CommandHandler
	public void handle(CloseAfterQuietPeriod command, Clock clock) {
		if (this.status == TicketStatus.RESOLVED && command.round() == this.resolutionRound) {
			apply(new TicketClosed(this.id, CloseReason.QUIET_PERIOD, clock.instant()));
		}
	}

	/** Why an agent's reply is refused in this state. */
	private String whyNoReply() {
		return switch (this.status) {
			case NEW, TRIAGED -> "be replied to before it is assigned";
			case RESOLVED -> "be replied to after it is resolved (reopen it first)";
			case MERGED -> "be replied to (it is merged into " + this.mergedInto + ": reply there)";
			case FIX_RELEASED, FIX_DECLINED, CUSTOMER_NOTIFIED ->
				"be replied to while the customer is told engineering's outcome";
			case IN_PROGRESS, AWAITING_CUSTOMER, ESCALATED, AWAITING_RELEASE, CLOSED -> "be replied to";
		};
	}

	/** Closed is final: whatever is asked, the refusal says the ticket is closed. */
	private void requireNotClosed(String action) {
		if (this.status == TicketStatus.CLOSED) {
			throw new TicketClosedException(this.id, action);
		}
	}

	private void requireOpen(String action) {
		require(this.status.isOpen(), action);
	}

	private void require(boolean allowed, String action) {
		if (!allowed) {
			throw new IllegalTicketTransitionException(this.id, this.status, action);
		}
	}

	private void requireVisibleTo(String actingChannel) {
		if (actingChannel != null && !actingChannel.equals(this.channel.wireName())) {
			throw new TicketNotVisibleException(this.id);
		}
	}

	/**
	 * Every event moves the status by the one rule of {@link TicketStatus#after} (which
	 * the read model follows too), and some leave facts the ticket's decisions need.
	 */
	@EventSourcingHandler
	void on(TicketEvent event, @SequenceNumber long sequence) {
		this.status = TicketStatus.after(this.status, event);
		switch (event) {
			case TicketOpened e -> {
				this.id = e.ticketId();
				this.channel = e.channel();
			}
			case TicketTriaged e -> this.appliedDecisions.add(e.decisionId());
			case CustomerNotified e -> this.recordedNotifications.add(e.notificationId());
			case CustomerNotificationFailed e ->
				this.recordedNotifications.add(e.notificationId() + "#" + e.attempts());
			case TicketAssigned e -> this.agent = e.agent();
			case ClarificationRequested e -> {
				this.clarificationAsked = true;
				this.clarificationRound = sequence;
				this.question = e.question();
			}
			case CustomerReminded e -> this.remindedRound = this.clarificationRound;
			case AgentReplied e -> this.agentReplies++;
			case TicketResolved e -> {
				this.resolutionRound = sequence;
				this.issueSettled = this.issueKey != null;
			}
			case TicketReopened e -> this.reopenCount = e.reopenCount();
			case TicketRated e -> this.rated = true;
			case TicketEscalated e -> {
				this.issueKey = e.issueKey();
				this.issueSequence = -1;
				this.issueSettled = false;
				this.issueOutcome = null;
			}
			case TicketFixScheduled e -> this.issueSequence = e.issueSequence();
			case TicketFixReleased e -> {
				this.issueSequence = e.issueSequence();
				this.issueOutcome = e.version();
			}
			case TicketFixDeclined e -> {
				this.issueSequence = e.issueSequence();
				this.issueOutcome = e.explanation();
			}
			case TicketMerged e -> this.mergedInto = e.survivingTicketId();
			case DuplicateAttached e -> this.duplicates.add(e.duplicateTicketId());
			// the status is all these change: every event is named, so a new one is a
			// compile error here until it is decided what it leaves behind
			case CustomerMessageReceived e -> {
			}
			case TicketClosed e -> {
			}
		}
		if (this.status != TicketStatus.AWAITING_CUSTOMER) {
			this.clarificationRound = -1;
		}
	}

	TicketStatus status() {
		return this.status;
	}

}
