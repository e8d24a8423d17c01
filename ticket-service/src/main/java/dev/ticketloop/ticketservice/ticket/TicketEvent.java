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

}
