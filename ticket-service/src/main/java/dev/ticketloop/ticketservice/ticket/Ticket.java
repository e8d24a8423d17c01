package dev.ticketloop.ticketservice.ticket;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import dev.ticketloop.ticketservice.ticket.TicketCommand.AddCustomerMessage;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ApplyTriageDecision;
import dev.ticketloop.ticketservice.ticket.TicketCommand.AssignTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.OpenTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RateTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RecordCustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ReopenTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ReplyToCustomer;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RequestClarification;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ResolveTicket;
import dev.ticketloop.ticketservice.ticket.TicketEvent.AgentReplied;
import dev.ticketloop.ticketservice.ticket.TicketEvent.ClarificationRequested;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerMessageReceived;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketAssigned;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketClosed;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketOpened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketRated;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketReopened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketResolved;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketTriaged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer's issue, from intake to the closed loop. Event-sourced: command handlers
 * validate and apply, event-sourcing handlers only assign state. Messages from other
 * services arrive at least once, so applying them is idempotent (a decision or a receipt
 * already recorded changes nothing). What is not possible in the current state is refused
 * with an {@link IllegalTicketTransitionException} and records nothing.
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

	protected Ticket() {
		// for Axon
	}

	@CommandHandler
	public Ticket(OpenTicket command, Clock clock) {
		apply(new TicketOpened(command.ticketId(), command.channel(), command.customerRef(), command.contact(),
				command.locale().toLanguageTag(), command.subject(), command.body(), clock.instant()));
	}

	@CommandHandler
	public void handle(ApplyTriageDecision command, Clock clock) {
		if (this.appliedDecisions.contains(command.decisionId())) {
			return;
		}
		apply(new TicketTriaged(this.id, command.decisionId(), command.priority(), command.firstResponseDueAt(),
				clock.instant()));
	}

	@CommandHandler
	public void handle(RecordCustomerNotified command) {
		if (this.recordedNotifications.contains(command.notificationId())) {
			return;
		}
		apply(new CustomerNotified(this.id, command.notificationId(), command.reason(), command.channel(),
				command.deliveredAt()));
	}

	@CommandHandler
	public TicketStatus handle(AssignTicket command, Clock clock) {
		requireOpen("be assigned");
		if (!command.agent().equals(this.agent)) {
			apply(new TicketAssigned(this.id, command.agent(), this.agent, clock.instant()));
		}
		return this.status;
	}

	@CommandHandler
	public TicketStatus handle(RequestClarification command, Clock clock) {
		require(this.status == TicketStatus.IN_PROGRESS, "ask the customer for clarification");
		apply(new ClarificationRequested(this.id, command.agent(), command.question(), clock.instant()));
		return this.status;
	}

	@CommandHandler
	public TicketStatus handle(AddCustomerMessage command, Clock clock) {
		requireVisibleTo(command.actingChannel());
		require(this.status != TicketStatus.CLOSED, "take new messages (open a new ticket)");
		apply(new CustomerMessageReceived(this.id, command.body(), this.status == TicketStatus.AWAITING_CUSTOMER,
				clock.instant()));
		return this.status;
	}

	@CommandHandler
	public TicketStatus handle(ReplyToCustomer command, Clock clock) {
		require(this.status == TicketStatus.IN_PROGRESS || this.status == TicketStatus.AWAITING_CUSTOMER,
				"be replied to before it is assigned, or after it is resolved");
		apply(new AgentReplied(this.id, command.agent(), command.body(), clock.instant()));
		return this.status;
	}

	@CommandHandler
	public TicketStatus handle(ResolveTicket command, Clock clock) {
		require(this.status == TicketStatus.IN_PROGRESS || this.status == TicketStatus.AWAITING_CUSTOMER
				|| this.status == TicketStatus.TRIAGED, "be resolved");
		boolean singleReply = this.agentReplies <= 1 && !this.clarificationAsked && this.reopenCount == 0;
		apply(new TicketResolved(this.id, command.agent(), command.resolution(), singleReply, clock.instant()));
		return this.status;
	}

	@CommandHandler
	public TicketStatus handle(ReopenTicket command, Clock clock) {
		requireVisibleTo(command.actingChannel());
		require(this.status == TicketStatus.RESOLVED, "be reopened (only a resolved ticket can)");
		apply(new TicketReopened(this.id, command.reason(), this.reopenCount + 1, clock.instant()));
		return this.status;
	}

	@CommandHandler
	public TicketStatus handle(RateTicket command, Clock clock) {
		requireVisibleTo(command.actingChannel());
		require(this.status == TicketStatus.RESOLVED || this.status == TicketStatus.CLOSED,
				"be rated before it is resolved");
		require(!this.rated, "be rated twice");
		if (command.score() < 1 || command.score() > 5) {
			throw new IllegalArgumentException("score: must be between 1 and 5");
		}
		apply(new TicketRated(this.id, command.score(), command.comment(), clock.instant()));
		return this.status;
	}

	@CommandHandler
	public TicketStatus handle(CloseTicket command, Clock clock) {
		requireVisibleTo(command.actingChannel());
		require(this.status == TicketStatus.RESOLVED, "be closed before it is resolved");
		apply(new TicketClosed(this.id, command.reason(), clock.instant()));
		return this.status;
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
	void on(TicketEvent event) {
		this.status = TicketStatus.after(this.status, event);
		switch (event) {
			case TicketOpened e -> {
				this.id = e.ticketId();
				this.channel = e.channel();
			}
			case TicketTriaged e -> this.appliedDecisions.add(e.decisionId());
			case CustomerNotified e -> this.recordedNotifications.add(e.notificationId());
			case TicketAssigned e -> this.agent = e.agent();
			case ClarificationRequested e -> this.clarificationAsked = true;
			case AgentReplied e -> this.agentReplies++;
			case TicketReopened e -> this.reopenCount = e.reopenCount();
			case TicketRated e -> this.rated = true;
			default -> {
				// the status is all that changes
			}
		}
	}

	TicketStatus status() {
		return this.status;
	}

}
