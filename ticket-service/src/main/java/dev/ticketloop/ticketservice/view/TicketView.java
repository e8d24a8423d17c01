package dev.ticketloop.ticketservice.view;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A ticket as agents and adapters see it: its current state and its whole history, read
 * from the read model (eventually consistent with the ticket, usually within
 * milliseconds).
 */
public record TicketView(String ticketId, String channel, String customerRef, ContactView contact, String locale,
		String subject, String body, String status, String priority, Instant firstResponseDueAt, String assignee,
		int reopenCount, Boolean singleReplyResolution, Integer rating, Instant openedAt, Instant resolvedAt,
		Instant closedAt, Instant updatedAt, long version, List<HistoryEntry> history) {

	public record ContactView(String email, String name) {
	}

	/**
	 * One event of the ticket's history.
	 *
	 * @param sequence the event's position in the ticket's stream (0 = opened)
	 * @param type what happened, e.g. {@code TicketOpened}
	 * @param details the facts of the event worth showing
	 */
	public record HistoryEntry(long sequence, String type, Instant at, Map<String, Object> details) {
	}

}
