package dev.ticketloop.routingservice.triage;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.ticketloop.routingservice.sla.SlaPolicies;
import dev.ticketloop.routingservice.sla.SlaPolicy;
import dev.ticketloop.routingservice.sla.SlaTarget;
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
 * The triage of one ticket (same id as the ticket): its priority and first-response due
 * time from the SLA policy of the customer's tier and channel, counted on the policy's
 * business-hours calendar. A ticket is triaged once: the same ticket arriving again (a
 * redelivered event) finds the decision taken and changes nothing.
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
	public void handle(TriageTicket command, SlaPolicies policies, Clock clock) {
		if (this.decided) {
			return;
		}
		SlaPolicy policy = policies.named(command.policy())
			.orElseThrow(() -> new IllegalArgumentException("No SLA policy " + command.policy()));
		Instant firstResponseDue = policy.calendar().plus(command.openedAt(), policy.limit(SlaTarget.FIRST_RESPONSE));
		apply(new TriageDecided(command.ticketId(), "triage-" + command.ticketId(), policy.priority(), firstResponseDue,
				policy.name(), clock.instant(), command.customerTier(), null, null, List.of(), null));
	}

	@EventSourcingHandler
	void on(TriageDecided event) {
		this.ticketId = event.ticketId();
		this.decided = true;
	}

}
