package dev.ticketloop.ticketservice.ticket;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** What happened to a {@link Ticket}: its history, kept whole and replayable. */
public sealed interface TicketEvent {

	TicketId ticketId();

	@Revision("1")
	record TicketOpened(TicketId ticketId, Channel channel, String customerRef, Contact contact, String locale,
			String subject, String body, Instant openedAt) implements TicketEvent {
	}

	@Revision("1")
	record TicketTriaged(TicketId ticketId, String decisionId, Priority priority, Instant firstResponseDueAt,
			Instant triagedAt) implements TicketEvent {
	}

	@Revision("1")
	record CustomerNotified(TicketId ticketId, String notificationId, String reason, String channel,
			Instant deliveredAt) implements TicketEvent {
	}

	@Revision("1")
	record TicketAssigned(TicketId ticketId, String agent, String previousAgent,
			Instant assignedAt) implements TicketEvent {
	}

	@Revision("1")
	record ClarificationRequested(TicketId ticketId, String agent, String question,
			Instant requestedAt) implements TicketEvent {
	}

	/**
	 * @param answersClarification whether it answers a clarification request (the ticket
	 * goes back to the agent)
	 */
	@Revision("1")
	record CustomerMessageReceived(TicketId ticketId, String body, boolean answersClarification,
			Instant receivedAt) implements TicketEvent {
	}

	@Revision("1")
	record AgentReplied(TicketId ticketId, String agent, String body, Instant repliedAt) implements TicketEvent {
	}

	/**
	 * @param singleReply resolved with at most one reply, no clarification and no
	 * reopening: a known question answered at once
	 */
	@Revision("1")
	record TicketResolved(TicketId ticketId, String agent, String resolution, boolean singleReply,
			Instant resolvedAt) implements TicketEvent {
	}

	/**
	 * @param reopenCount how often this ticket has been reopened, this time included
	 */
	@Revision("1")
	record TicketReopened(TicketId ticketId, String reason, int reopenCount,
			Instant reopenedAt) implements TicketEvent {
	}

	@Revision("1")
	record TicketRated(TicketId ticketId, int score, String comment, Instant ratedAt) implements TicketEvent {
	}

	@Revision("1")
	record TicketClosed(TicketId ticketId, TicketCommand.CloseReason reason, Instant closedAt) implements TicketEvent {
	}

}
