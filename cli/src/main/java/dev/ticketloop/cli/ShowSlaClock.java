package dev.ticketloop.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "sla-clock", mixinStandardHelpOptions = true,
		description = "Show a ticket's SLA clock, now or as it was at an instant (computed from its events).")
final class ShowSlaClock extends ShowAsOf {

	@Parameters(paramLabel = "TICKET-ID")
	String ticketId;

	@Override
	Kind kind() {
		return Kind.SLA_CLOCK;
	}

	@Override
	String id() {
		return this.ticketId;
	}

	@Override
	List<String> fields() {
		return List.of("policy", "calendar", "priority", "openedAt", "awaitingCustomer", "awaitingRelease", "resolved",
				"ended", "version");
	}

	@Override
	void details(PrintWriter out, JsonNode clock) {
		List<String[]> targets = new ArrayList<>();
		targets.add(new String[] { "TARGET", "PHASE", "LIMIT", "ELAPSED", "RUNNING SINCE", "WARNED", "BREACHED" });
		clock.path("targets")
			.forEach((t) -> targets.add(new String[] { t.path("target").asString(), t.path("phase").asString(),
					t.path("limit").asString(""), t.path("elapsed").asString(""), t.path("runningSince").asString("-"),
					t.path("warned").asString(), t.path("breached").asString() }));
		Tables.print(out, targets);
		List<String[]> due = new ArrayList<>();
		due.add(new String[] { "DUE", "TARGET", "AT" });
		clock.path("deadlines")
			.forEach((d) -> due
				.add(new String[] { d.path("kind").asString(), d.path("target").asString(), d.path("at").asString() }));
		clock.path("met")
			.forEach((m) -> due.add(new String[] { m.path("withinTarget").asBoolean() ? "met" : "met late",
					m.path("target").asString(), m.path("metAt").asString() }));
		if (due.size() > 1) {
			Tables.print(out, due);
		}
	}

}
