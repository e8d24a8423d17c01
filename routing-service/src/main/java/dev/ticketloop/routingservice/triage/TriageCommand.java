package dev.ticketloop.routingservice.triage;

import java.time.Instant;
import java.util.List;

import dev.ticketloop.routingservice.classification.Suggestion;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What can be asked of a {@link Triage}. */
public sealed interface TriageCommand {

	String ticketId();

	/**
	 * A new ticket arrived and needs a priority, a first-response due time and a queue.
	 *
	 * @param policy the SLA policy chosen for the customer's tier and channel
	 * @param language the language of the customer's text (detected, else their locale's)
	 * @param category the category the rules found, if any
	 * @param team the team whose queue it joins
	 */
	record TriageTicket(@TargetAggregateIdentifier String ticketId, String channel, Instant openedAt,
			String customerTier, String policy, String language, String category, List<String> tags, String team,
			List<Suggestion> suggestions) implements TriageCommand {

		public TriageTicket(String ticketId, String channel, Instant openedAt, String customerTier, String policy) {
			this(ticketId, channel, openedAt, customerTier, policy, null, null, List.of(), null, List.of());
		}

	}

	/** An agent took the ticket (in ticket-service: by hand, or applying a decision). */
	record RecordAssignment(@TargetAggregateIdentifier String ticketId, String agent,
			Instant assignedAt) implements TriageCommand {
	}

	/**
	 * Who the ticket is with as ticket-service sees it when the customer reopens it
	 * ({@code agent} {@code null}: nobody): routing's view follows, in case a decision of
	 * its own was refused meanwhile (a ticket that was resolved takes no assignment).
	 */
	record AlignAssignment(@TargetAggregateIdentifier String ticketId, String agent,
			Instant at) implements TriageCommand {
	}

	/**
	 * The dispatcher gives the ticket to an agent.
	 *
	 * @param reason {@code available} (the best agent free now) or {@code reassigned}
	 * (the agent before went away)
	 * @param expectedAgent who the dispatcher saw with the ticket (null: nobody); the
	 * queue it reads lags behind, so the assignment is refused when the ticket has moved
	 * on since
	 */
	record AssignToAgent(@TargetAggregateIdentifier String ticketId, String agent, String expectedAgent,
			String reason) implements TriageCommand {
	}

	/**
	 * The agent went away and nobody else can take the ticket yet: back to the queue
	 * (refused when the ticket is no longer with {@code expectedAgent}).
	 */
	record ReturnToQueue(@TargetAggregateIdentifier String ticketId, String expectedAgent,
			String reason) implements TriageCommand {
	}

	/**
	 * ticket-service reports a template used for the ticket ({@code how}: see
	 * {@code TemplateUsed}); {@code at} is when, which tells a redelivered report apart.
	 */
	record RecordTemplateUse(@TargetAggregateIdentifier String ticketId, String templateId, Integer version, String how,
			Instant at) implements TriageCommand {
	}

	/**
	 * Something the customer did after the ticket was answered that tells whether the
	 * answer helped ({@code helped}); it decides the outcome of an automatic answer once.
	 */
	record RecordAnswerSignal(@TargetAggregateIdentifier String ticketId, String signal, boolean helped,
			Instant at) implements TriageCommand {
	}

}
