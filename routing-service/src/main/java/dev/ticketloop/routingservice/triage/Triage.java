package dev.ticketloop.routingservice.triage;

import java.time.Clock;

import dev.ticketloop.routingservice.triage.TriageCommand.TriageTicket;
import dev.ticketloop.routingservice.triage.TriageEvent.TriageDecided;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The triage of one ticket (same id as the ticket). A ticket is triaged once: the same
 * ticket arriving again (a redelivered event) finds the decision taken and changes
 * nothing.
 */
@Aggregate
public class Triage {

	@AggregateIdentifier
	private String ticketId;

	private boolean decided;

	protected Triage() {
		// for Axon
	}

	@CommandHandler
	@CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
	public void handle(TriageTicket command, TriagePolicies policies, Clock clock) {
		if (this.decided) {
			return;
		}
		TriagePolicies.Policy policy = policies.forChannel(command.channel());
		apply(new TriageDecided(command.ticketId(), "triage-" + command.ticketId(), policy.priority(),
				command.openedAt().plus(policy.firstResponse()), policy.name(), clock.instant()));
	}

	@EventSourcingHandler
	void on(TriageDecided event) {
		this.ticketId = event.ticketId();
		this.decided = true;
	}

}
