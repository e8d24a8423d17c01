package dev.ticketloop.example.consumer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Tickets as rows of a plain-text table. */
final class TicketTable {

	private static final String FORMAT = "%-36s  %-17s  %-7s  %-6s  %-13s  %6s  %s";

	private TicketTable() {
	}

	static String header() {
		return String.format(FORMAT, "TICKET", "STATUS", "CHANNEL", "LOCALE", "ISSUE", "EVENTS", "LAST EVENT");
	}

	/**
	 * One ticket. An unknown status is {@code ?}; a status known though the opening was
	 * not read is marked {@code *} (it follows the events read, but earlier ones were
	 * not).
	 */
	static String row(TicketState ticket) {
		String status = (ticket.status() != null) ? ticket.status().name() : "?";
		if (ticket.status() != null && !ticket.fromOpening()) {
			status += "*";
		}
		if (ticket.mergedInto() != null) {
			status += " > " + ticket.mergedInto().substring(0, Math.min(8, ticket.mergedInto().length()));
		}
		Instant last = ticket.lastEventAt();
		return String.format(FORMAT, ticket.ticketId(), status, dash(ticket.channel()), dash(ticket.locale()),
				dash(ticket.issueKey()), ticket.events(),
				(last != null) ? last.truncatedTo(ChronoUnit.SECONDS).toString() : "-");
	}

	private static String dash(String value) {
		return Objects.requireNonNullElse(value, "-");
	}

}
