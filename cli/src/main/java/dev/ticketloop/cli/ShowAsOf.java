package dev.ticketloop.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * Shows one thing now, or as it was at an instant (the services compute it from its
 * events): its fields, then what {@link #details} adds.
 */
abstract class ShowAsOf implements Callable<Integer> {

	@Mixin
	TicketloopCli.Connection connection;

	@Spec
	CommandSpec spec;

	@Option(names = "--as-of", description = "The instant (ISO-8601), e.g. 2026-12-01T09:00:00Z.")
	Instant asOf;

	abstract Kind kind();

	/** The id, key or ticket id given. */
	abstract String id();

	/** The fields shown first, those with a value. */
	abstract List<String> fields();

	/** What follows the fields: tables, by default none. */
	void details(PrintWriter out, JsonNode thing) {
	}

	@Override
	public Integer call() {
		JsonNode thing = this.connection.api(kind().service)
			.get(kind().path(id()) + ((this.asOf != null) ? "?asOf=" + this.asOf : ""));
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.connection.json()) {
			out.println(thing.toPrettyString());
			return ExitCodes.OK;
		}
		out.printf("%s %s%s%n", kind().wireName(), id(), (this.asOf != null) ? " as of " + this.asOf : "");
		for (String field : fields()) {
			JsonNode value = thing.path(field);
			if (!value.isMissingNode() && !value.isNull()) {
				out.printf("  %-16s %s%n", field, value.isValueNode() ? value.asString() : value.toString());
			}
		}
		details(out, thing);
		out.flush();
		return ExitCodes.OK;
	}

}
