package dev.ticketloop.example.consumer;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.TicketIntegrationEvent;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.ticket.CustomerMessageReceivedV1;
import dev.ticketloop.contracts.ticket.CustomerNotifiedV1;
import dev.ticketloop.contracts.ticket.TicketEscalatedV1;
import dev.ticketloop.contracts.ticket.TicketFixDeclinedV1;
import dev.ticketloop.contracts.ticket.TicketFixReleasedV1;
import dev.ticketloop.contracts.ticket.TicketFixScheduledV1;
import dev.ticketloop.contracts.ticket.TicketMergedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;

import static dev.ticketloop.example.consumer.TicketStatus.AWAITING_CUSTOMER;
import static dev.ticketloop.example.consumer.TicketStatus.AWAITING_RELEASE;
import static dev.ticketloop.example.consumer.TicketStatus.CLOSED;
import static dev.ticketloop.example.consumer.TicketStatus.CUSTOMER_NOTIFIED;
import static dev.ticketloop.example.consumer.TicketStatus.ESCALATED;
import static dev.ticketloop.example.consumer.TicketStatus.FIX_DECLINED;
import static dev.ticketloop.example.consumer.TicketStatus.FIX_RELEASED;
import static dev.ticketloop.example.consumer.TicketStatus.IN_PROGRESS;
import static dev.ticketloop.example.consumer.TicketStatus.MERGED;
import static dev.ticketloop.example.consumer.TicketStatus.NEW;
import static dev.ticketloop.example.consumer.TicketStatus.RESOLVED;
import static dev.ticketloop.example.consumer.TicketStatus.TRIAGED;

/**
 * Every ticket's state, folded from the events of {@value Topics#TICKET_EVENTS}, with no
 * Kafka in sight: {@link #next} is the fold of one event into one ticket's state,
 * {@link #apply} adds the deduplication on the CloudEvents id that at-least-once delivery
 * needs (an event may arrive twice, after a producer's retry or a republish, and a
 * republished old event must not set a ticket back).
 * <p>
 * In memory and not thread-safe: one consumer thread applies events, readers look after
 * it stopped or from its callbacks. The ids seen are kept for good, so memory grows with
 * the events read; a real consumer keeps its state and the ids it applied in its own
 * store, in the same transaction.
 */
public final class TicketStatuses {

	/** What {@link #apply} did with an event. */
	public enum Outcome {

		/** The ticket's state follows it now. */
		APPLIED,

		/** The event was applied before (same CloudEvents id): nothing changed. */
		DUPLICATE,

		/**
		 * A published event that is not one of the ticket topic's (routing's, for
		 * example): nothing changed.
		 */
		NOT_A_TICKET_EVENT

	}

	private final Map<String, TicketState> tickets = new LinkedHashMap<>();

	private final Set<String> appliedEventIds = new HashSet<>();

	/** Applies an event once: a second one with the same id changes nothing. */
	public Outcome apply(CloudEvent event) {
		if (!Topics.TICKET_EVENTS.equals(event.eventType().topic())
				|| !(event.data() instanceof TicketIntegrationEvent data)) {
			return Outcome.NOT_A_TICKET_EVENT;
		}
		if (!this.appliedEventIds.add(event.id())) {
			return Outcome.DUPLICATE;
		}
		this.tickets.compute(data.ticketId(),
				(ticketId, state) -> next((state != null) ? state : TicketState.unseen(ticketId), event));
		return Outcome.APPLIED;
	}

	public Optional<TicketState> ticket(String ticketId) {
		return Optional.ofNullable(this.tickets.get(ticketId));
	}

	/** All tickets, in the order their first event was read. */
	public List<TicketState> all() {
		return List.copyOf(this.tickets.values());
	}

	/**
	 * The fold: a ticket's state after one more of its events. The status follows
	 * ticket-service's own rule ({@code TicketStatus.after}), which needs nothing the
	 * published events do not carry.
	 * @param state the state before; {@link TicketState#status()} null when unknown
	 * @param event an event of this ticket, read from {@value Topics#TICKET_EVENTS}
	 */
	public static TicketState next(TicketState state, CloudEvent event) {
		TicketStatus current = state.status();
		TicketState counted = state.counted(event.time());
		IntegrationEvent data = event.data();
		// a switch over the catalogue, with no default: a new event type in a new
		// contracts version does not compile until it is decided here (the event records
		// are not a sealed type, the catalogue enum is)
		return switch (event.eventType()) {
			case TICKET_OPENED -> {
				TicketOpenedV1 opened = (TicketOpenedV1) data;
				yield counted.opened(opened.channel(), opened.locale());
			}
			case TICKET_TRIAGED -> counted.withStatus((current == NEW) ? TRIAGED : current);
			case TICKET_ASSIGNED -> counted.withStatus((current == NEW || current == TRIAGED) ? IN_PROGRESS : current);
			case CLARIFICATION_REQUESTED -> counted.withStatus(AWAITING_CUSTOMER);
			case CUSTOMER_MESSAGE_RECEIVED ->
				((CustomerMessageReceivedV1) data).answersClarification() ? counted.withStatus(IN_PROGRESS) : counted;
			case TICKET_RESOLVED -> counted.withStatus(RESOLVED);
			case TICKET_REOPENED -> counted.withStatus(IN_PROGRESS);
			case TICKET_CLOSED -> counted.withStatus(CLOSED);
			case TICKET_ESCALATED -> counted.withIssue(((TicketEscalatedV1) data).issueKey())
				.withStatus((current == MERGED) ? MERGED : ESCALATED);
			case TICKET_FIX_SCHEDULED -> counted.withIssue(((TicketFixScheduledV1) data).issueKey())
				.withStatus((current == MERGED) ? MERGED : AWAITING_RELEASE);
			// a ticket an agent settled meanwhile keeps its status: its customer is told,
			// the ticket is not resolved again
			case TICKET_FIX_RELEASED -> counted.withIssue(((TicketFixReleasedV1) data).issueKey())
				.withStatus(followsIssue(current) ? FIX_RELEASED : current);
			case TICKET_FIX_DECLINED -> counted.withIssue(((TicketFixDeclinedV1) data).issueKey())
				.withStatus(followsIssue(current) ? FIX_DECLINED : current);
			case TICKET_MERGED -> counted.mergedInto(((TicketMergedV1) data).survivingTicketId());
			case CUSTOMER_NOTIFIED -> counted.withStatus(
					((current == FIX_RELEASED || current == FIX_DECLINED) && closesTheLoop((CustomerNotifiedV1) data))
							? CUSTOMER_NOTIFIED : current);
			case AGENT_REPLIED, TICKET_RATED, CUSTOMER_REMINDED -> counted;
			// the other topics' events: apply never passes them here
			case RELEASE_PUBLISHED, ISSUE_REPORTED, ISSUE_TICKET_LINKED, ISSUE_CONFIRMED, ISSUE_FIX_SCHEDULED,
					ISSUE_RELEASED, ISSUE_FIX_DECLINED, TRIAGE_DECIDED, SLA_WARNING, SLA_BREACHED, SLA_TARGET_MET,
					ASSIGNMENT_DECIDED, SUGGESTION_MADE, TEMPLATE_APPROVED, TEMPLATE_RETIRED, NOTIFICATION_DELIVERED,
					NOTIFICATION_ABANDONED, SURVEY_ANSWERED, WEEKLY_REPORT, EMERGING_ISSUE ->
				state;
		};
	}

	private static boolean followsIssue(TicketStatus status) {
		return status != null && status.followsIssue();
	}

	/**
	 * Whether the delivery receipt told the customer of the released or declined fix.
	 * These reason names are notification-service's; the schema gives only an example
	 * ({@code acknowledgement}).
	 */
	private static boolean closesTheLoop(CustomerNotifiedV1 notified) {
		return "fix_released".equals(notified.reason()) || "fix_declined".equals(notified.reason());
	}

}
