package dev.ticketloop.routingservice.triage;

import java.time.Clock;
import java.time.Instant;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.ticketloop.routingservice.classification.Suggestion;
import dev.ticketloop.routingservice.sla.SlaPolicies;
import dev.ticketloop.routingservice.sla.SlaPolicy;
import dev.ticketloop.routingservice.sla.SlaTarget;
import dev.ticketloop.routingservice.triage.TriageCommand.AlignAssignment;
import dev.ticketloop.routingservice.triage.TriageCommand.AssignToAgent;
import dev.ticketloop.routingservice.triage.TriageCommand.RecordAnswerSignal;
import dev.ticketloop.routingservice.triage.TriageCommand.RecordTemplateUse;
import dev.ticketloop.routingservice.triage.TriageCommand.RecordAssignment;
import dev.ticketloop.routingservice.triage.TriageCommand.ReturnToQueue;
import dev.ticketloop.routingservice.triage.TriageCommand.TriageTicket;
import dev.ticketloop.routingservice.triage.TriageEvent.AnswerOutcomeDecided;
import dev.ticketloop.routingservice.triage.TriageEvent.AssignmentDecided;
import dev.ticketloop.routingservice.triage.TriageEvent.AssignmentRecorded;
import dev.ticketloop.routingservice.triage.TriageEvent.ReturnedToQueue;
import dev.ticketloop.routingservice.triage.TriageEvent.SuggestionMade;
import dev.ticketloop.routingservice.triage.TriageEvent.TemplateUsed;
import dev.ticketloop.routingservice.triage.TriageEvent.TriageDecided;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Routing's view of one ticket (same id as the ticket): its triage (priority and
 * first-response due time from the SLA policy of the customer's tier and channel, counted
 * on the policy's business-hours calendar; language, category, team) and who it is with.
 * A ticket is triaged once: the same ticket arriving again (a redelivered event) finds
 * the decision taken and changes nothing; an assignment to the agent it is already with
 * changes nothing either.
 */
@Aggregate
public class Triage {

	@AggregateIdentifier
	private String ticketId;

	private boolean decided;

	/** Who has the ticket, or is about to (decided, not yet reported back). */
	private String agent;

	private int assignments;

	/**
	 * The agent a ticket returned to the queue was with: ticket-service still shows them
	 * until the next assignment, which names them as the agent before.
	 */
	private String returnedFrom;

	/**
	 * Each template use reported, by how and when: a report redelivered changes nothing.
	 */
	private final Set<String> templateUses = new HashSet<>();

	/** The template routing answered the ticket with, if it did. */
	private String answeredWith;

	private int answeredWithVersion;

	private boolean outcomeDecided;

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
		Instant now = clock.instant();
		apply(new TriageDecided(command.ticketId(), "triage-" + command.ticketId(), policy.priority(), firstResponseDue,
				policy.name(), now, command.customerTier(), command.language(), command.category(), command.tags(),
				command.team()));
		int n = 0;
		for (Suggestion s : (command.suggestions() != null) ? command.suggestions() : List.<Suggestion>of()) {
			apply(new SuggestionMade(command.ticketId(), "suggest-" + command.ticketId() + "-" + (++n), s.kind(),
					s.ref(), s.title(), s.score(), s.action(), s.answer(), now, s.version(), s.confidence(),
					s.heldBack()));
		}
	}

	@CommandHandler
	public void handle(RecordAssignment command) {
		if (command.agent().equals(this.agent)) {
			return;
		}
		apply(new AssignmentRecorded(this.ticketId, command.agent(), command.assignedAt()));
	}

	@CommandHandler
	public void handle(AlignAssignment command) {
		if (Objects.equals(command.agent(), this.agent)
				|| (this.agent == null && Objects.equals(command.agent(), this.returnedFrom))) {
			// the same, or returned to the queue from that agent: waiting for another
			return;
		}
		apply(new AssignmentRecorded(this.ticketId, command.agent(), command.at()));
	}

	@CommandHandler
	public boolean handle(AssignToAgent command, Clock clock) {
		if (command.agent().equals(this.agent) || !Objects.equals(command.expectedAgent(), this.agent)) {
			return false;
		}
		apply(new AssignmentDecided(this.ticketId, "assign-" + this.ticketId + "-" + (this.assignments + 1),
				command.agent(), (this.agent != null) ? this.agent : this.returnedFrom, command.reason(),
				clock.instant()));
		return true;
	}

	@CommandHandler
	public void handle(ReturnToQueue command, Clock clock) {
		if (this.agent == null || !this.agent.equals(command.expectedAgent())) {
			return;
		}
		apply(new ReturnedToQueue(this.ticketId, this.agent, command.reason(), clock.instant()));
	}

	@CommandHandler
	public void handle(RecordTemplateUse command) {
		if (!this.templateUses.add(command.how() + "@" + command.at())) {
			return; // reported already
		}
		apply(new TemplateUsed(this.ticketId, command.templateId(), command.version(), command.how(), command.at()));
	}

	@CommandHandler
	public void handle(RecordAnswerSignal command) {
		if (this.answeredWith == null || this.outcomeDecided) {
			return; // not answered automatically, or decided already
		}
		apply(new AnswerOutcomeDecided(this.ticketId, this.answeredWith, this.answeredWithVersion, command.helped(),
				command.signal(), command.at()));
	}

	@EventSourcingHandler
	void on(TemplateUsed event) {
		this.templateUses.add(event.how() + "@" + event.usedAt());
		if (TemplateUsed.AUTO_ANSWER.equals(event.how())) {
			this.answeredWith = event.templateId();
			this.answeredWithVersion = (event.version() != null) ? event.version() : 0;
		}
	}

	@EventSourcingHandler
	void on(AnswerOutcomeDecided event) {
		this.outcomeDecided = true;
	}

	@EventSourcingHandler
	void on(TriageDecided event) {
		this.ticketId = event.ticketId();
		this.decided = true;
	}

	@EventSourcingHandler
	void on(AssignmentDecided event) {
		this.agent = event.agent();
		this.returnedFrom = null;
		this.assignments++;
	}

	@EventSourcingHandler
	void on(AssignmentRecorded event) {
		this.agent = event.agent();
		this.returnedFrom = null;
	}

	@EventSourcingHandler
	void on(ReturnedToQueue event) {
		this.returnedFrom = this.agent;
		this.agent = null;
	}

}
