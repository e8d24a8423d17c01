package dev.ticketloop.example.consumer;

import java.time.Instant;

/**
 * What the published events tell of one ticket.
 *
 * @param ticketId the ticket
 * @param status where it stands; {@code null} while unknown: its opened event was not
 * read (it is older than the topic's retention, or the consumer group started later) and
 * no event since decided the status
 * @param fromOpening whether its opened event was read, so that the status follows its
 * whole history
 * @param channel where it came from ({@code email}, {@code chat}, {@code app},
 * {@code social}), {@code null} before the opened event was read
 * @param locale the customer's language (BCP 47), {@code null} as the channel
 * @param issueKey the engineering issue it is linked to (escalated, or a fix scheduled,
 * released or declined), {@code null} while none
 * @param mergedInto the ticket it was merged into as a duplicate, {@code null} when not
 * merged
 * @param lastEventAt when the latest event read happened (its CloudEvents {@code time})
 * @param events how many distinct events of the ticket were read (duplicates not counted)
 */
public record TicketState(String ticketId, TicketStatus status, boolean fromOpening, String channel, String locale,
		String issueKey, String mergedInto, Instant lastEventAt, int events) {

	/** A ticket no event has been read of yet. */
	static TicketState unseen(String ticketId) {
		return new TicketState(ticketId, null, false, null, null, null, null, null, 0);
	}

	TicketState counted(Instant at) {
		return new TicketState(this.ticketId, this.status, this.fromOpening, this.channel, this.locale, this.issueKey,
				this.mergedInto, at, this.events + 1);
	}

	TicketState opened(String channel, String locale) {
		return new TicketState(this.ticketId, TicketStatus.NEW, true, channel, locale, this.issueKey, this.mergedInto,
				this.lastEventAt, this.events);
	}

	TicketState withStatus(TicketStatus status) {
		return new TicketState(this.ticketId, status, this.fromOpening, this.channel, this.locale, this.issueKey,
				this.mergedInto, this.lastEventAt, this.events);
	}

	TicketState withIssue(String issueKey) {
		return new TicketState(this.ticketId, this.status, this.fromOpening, this.channel, this.locale, issueKey,
				this.mergedInto, this.lastEventAt, this.events);
	}

	TicketState mergedInto(String survivingTicketId) {
		return new TicketState(this.ticketId, TicketStatus.MERGED, this.fromOpening, this.channel, this.locale,
				this.issueKey, survivingTicketId, this.lastEventAt, this.events);
	}

}
