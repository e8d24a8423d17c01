package dev.ticketloop.ticketservice.ticket;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import dev.ticketloop.ticketservice.ticket.TicketCommand.ApplyTriageDecision;
import dev.ticketloop.ticketservice.ticket.TicketCommand.OpenTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RecordCustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketEvent.CustomerNotified;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketOpened;
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
 * already recorded changes nothing).
 */
@Aggregate
public class Ticket {

	@AggregateIdentifier
	private TicketId id;

	private TicketStatus status;

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

	@EventSourcingHandler
	void on(TicketOpened event) {
		this.id = event.ticketId();
		this.status = TicketStatus.NEW;
	}

	@EventSourcingHandler
	void on(TicketTriaged event) {
		this.appliedDecisions.add(event.decisionId());
		this.status = TicketStatus.TRIAGED;
	}

	@EventSourcingHandler
	void on(CustomerNotified event) {
		this.recordedNotifications.add(event.notificationId());
	}

	TicketStatus status() {
		return this.status;
	}

}
