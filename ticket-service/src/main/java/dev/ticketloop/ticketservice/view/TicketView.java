package dev.ticketloop.ticketservice.view;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A ticket as agents and adapters see it: its current state and its whole history, read
 * from the read model (eventually consistent with the ticket, usually within
 * milliseconds).
 *
 * @param platform where the customer uses the product ({@code ios}, {@code android},
 * {@code web}...), if the adapter said
 * @param productVersion the version of the product they run, if the adapter said
 * @param issueKey the engineering issue it follows, if escalated (or merged into a ticket
 * that is)
 * @param targetVersion the version a fix is scheduled for
 * @param fixVersion the version the fix shipped in
 * @param mergedInto the surviving ticket, if this one was merged as a duplicate
 * @param duplicates the tickets merged into this one
 */
public record TicketView(String ticketId, String channel, String customerRef, String customerTier, String platform,
		String productVersion, ContactView contact, String locale, String subject, String body, String status,
		String priority, Instant firstResponseDueAt, String assignee, int reopenCount, Boolean singleReplyResolution,
		Integer rating, Instant openedAt, Instant resolvedAt, Instant closedAt, Instant updatedAt, String issueKey,
		String targetVersion, String fixVersion, String mergedInto, List<String> duplicates, long version,
		List<HistoryEntry> history) {

	public record ContactView(String email, String name, String timeZone) {
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
