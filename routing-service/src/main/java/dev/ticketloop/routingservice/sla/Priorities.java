package dev.ticketloop.routingservice.sla;

import java.util.List;

/** Ticket priorities, lowest first: a breach moves a ticket one step up. */
public final class Priorities {

	public static final List<String> ORDER = List.of("low", "normal", "high", "urgent");

	private Priorities() {
	}

	/** One step up, or the same at the top. */
	public static String raise(String priority) {
		int i = ORDER.indexOf(priority);
		return (i < 0 || i == ORDER.size() - 1) ? priority : ORDER.get(i + 1);
	}

}
