package dev.ticketloop.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code bin/ticketloop}: what operators do with the services from a terminal or a
 * script, over the services' REST APIs (the operator's key), tables by default and JSON
 * with {@code --output json}.
 */
@Command(name = "ticketloop", mixinStandardHelpOptions = true, version = "ticketloop 0.1.0",
		description = "Operate ticketloop: event processors, replays, tickets, issues, SLA clocks and notifications as "
				+ "they were, their events, dead letters, exports, republishing for other teams, jobs and the "
				+ "operators' audit.",
		subcommands = { TicketloopCli.Processors.class, TicketloopCli.Replay.class, TicketloopCli.Pause.class,
				TicketloopCli.Resume.class, TicketloopCli.Ticket.class, ShowIssue.class, ShowSlaClock.class,
				ShowNotification.class, TicketloopCli.Events.class, TicketloopCli.DeadLetters.class,
				TicketloopCli.DeadLetterTopics.class, HistoryCommands.Export.class, HistoryCommands.Republish.class,
				HistoryCommands.Jobs.class, HistoryCommands.Audit.class, TicketloopCli.Insights.class },
		footerHeading = "%nExit codes:%n",
		footer = { "  0 done", "  2 usage: a wrong option, no key", "  3 denied: the key is not valid or may not",
				"  4 not found", "  5 refused in the current state (e.g. a processor with side effects)",
				"  6 a service unreachable or failing",
				"%nThe key and the services' URLs come from the options or from TICKETLOOP_API_KEY,",
				"TICKETLOOP_TICKET_SERVICE, TICKETLOOP_ROUTING_SERVICE, TICKETLOOP_NOTIFICATION_SERVICE,",
				"TICKETLOOP_INSIGHTS_SERVICE." })
public final class TicketloopCli {

	public static void main(String[] args) {
		System.exit(commandLine().execute(args));
	}

	/** The tool, with its exit codes for failures. */
	public static CommandLine commandLine() {
		CommandLine line = new CommandLine(new TicketloopCli());
		line.setCaseInsensitiveEnumValuesAllowed(true);
		line.setExecutionExceptionHandler((ex, command, parsed) -> {
			if (ex instanceof Api.Failure failure) {
				command.getErr().println(failure.getMessage());
				return failure.exitCode;
			}
			command.getErr().println("Failed: " + ex);
			return ExitCodes.UNAVAILABLE;
		});
		return line;
	}

	/** The service a command talks to. */
	enum Service {

		ticket("ticket-service"), routing("routing-service"), notification("notification-service"),
		insights("insights-service");

		final String fullName;

		Service(String fullName) {
			this.fullName = fullName;
		}

		static Service of(String name) {
			for (Service service : values()) {
				if (service.name().equals(name) || service.fullName.equals(name)) {
					return service;
				}
			}
			throw new Api.Failure(ExitCodes.USAGE, "Unknown service '" + name
					+ "': ticket-service, routing-service, notification-service or insights-service");
		}

	}

	enum Output {

		table, json

	}

	/** Where the services are, the key, the output format: every command has them. */
	static final class Connection {

		@Option(names = "--ticket-service", defaultValue = "${env:TICKETLOOP_TICKET_SERVICE:-http://localhost:8081}",
				description = "ticket-service's URL (default ${DEFAULT-VALUE}).")
		String ticketService;

		@Option(names = "--routing-service", defaultValue = "${env:TICKETLOOP_ROUTING_SERVICE:-http://localhost:8082}",
				description = "routing-service's URL (default ${DEFAULT-VALUE}).")
		String routingService;

		@Option(names = "--notification-service",
				defaultValue = "${env:TICKETLOOP_NOTIFICATION_SERVICE:-http://localhost:8083}",
				description = "notification-service's URL (default ${DEFAULT-VALUE}).")
		String notificationService;

		@Option(names = "--insights-service",
				defaultValue = "${env:TICKETLOOP_INSIGHTS_SERVICE:-http://localhost:8084}",
				description = "insights-service's URL (default ${DEFAULT-VALUE}).")
		String insightsService;

		@Option(names = "--key", defaultValue = "${env:TICKETLOOP_API_KEY}",
				description = "The operator's API key (default: TICKETLOOP_API_KEY).")
		String key;

		@Option(names = { "-o", "--output" }, defaultValue = "table",
				description = "table or json (default ${DEFAULT-VALUE}).")
		Output output;

		Api api(Service service) {
			String url = switch (service) {
				case ticket -> this.ticketService;
				case routing -> this.routingService;
				case notification -> this.notificationService;
				case insights -> this.insightsService;
			};
			return new Api(url, this.key);
		}

		boolean json() {
			return this.output == Output.json;
		}

	}

	@Command(name = "processors", mixinStandardHelpOptions = true,
			description = "List a service's event processors: state, lag, segments, replays.")
	static final class Processors implements Callable<Integer> {

		@Mixin
		Connection connection;

		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "SERVICE", description = "ticket-service, routing-service or notification-service")
		String service;

		@Override
		public Integer call() {
			JsonNode processors = this.connection.api(Service.of(this.service)).get("/operations/processors");
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.connection.json()) {
				out.println(processors.toPrettyString());
				return ExitCodes.OK;
			}
			List<String[]> rows = new ArrayList<>();
			rows.add(new String[] { "PROCESSOR", "STATE", "HERE", "HEAD", "LAG", "LAG S", "SEGMENTS", "OWNERS",
					"REPLAYABLE", "REPLAY" });
			for (JsonNode p : processors) {
				List<String> owners = new ArrayList<>();
				p.get("segments").forEach((s) -> {
					String owner = s.path("owner").asString("-");
					if (!owners.contains(owner)) {
						owners.add(owner);
					}
				});
				rows.add(new String[] { p.get("name").asString(), p.get("state").asString(),
						p.get("runningHere").asBoolean() ? "running" : "stopped", p.get("head").asString(),
						p.get("lagEvents").asString(), p.path("lagSeconds").asString("?"),
						String.valueOf(p.get("segments").size()), String.join(",", owners), replayable(p),
						replayState(p) });
			}
			Tables.print(out, rows);
			return ExitCodes.OK;
		}

		private static String replayable(JsonNode processor) {
			if (!processor.get("replayable").asBoolean()) {
				return "never (side effects)";
			}
			return processor.path("replayableFromPosition").asBoolean() ? "from any event" : "from the beginning";
		}

		private static String replayState(JsonNode processor) {
			JsonNode replay = processor.path("replay");
			return (replay.isMissingNode() || replay.isNull()) ? "-" : replay.get("state").asString();
		}

	}

	@Command(name = "replay", mixinStandardHelpOptions = true,
			description = {
					"Replay a processor (rebuild its read model from the beginning, or from a global position "
							+ "or a time) and follow it with a progress bar: events done of all, rate, time left.",
					"From a later event, the records built from the events before it stay as they are: only "
							+ "processors whose read model tolerates that may (processors: REPLAYABLE)." })
	static final class Replay implements Callable<Integer> {

		/** Where the replay starts: the beginning unless one of these is given. */
		static final class Start {

			@Option(names = "--from-position", paramLabel = "N",
					description = "From this global position: that event and every later one.")
			Long position;

			@Option(names = "--from-time", paramLabel = "INSTANT",
					description = "From the first event at or after this instant (ISO-8601), e.g. 2026-12-01T09:00:00Z.")
			Instant time;

		}

		@Mixin
		Connection connection;

		@Spec
		CommandSpec spec;

		@Parameters(index = "0", paramLabel = "SERVICE")
		String service;

		@Parameters(index = "1", paramLabel = "PROCESSOR")
		String processor;

		@ArgGroup(exclusive = true, multiplicity = "0..1")
		Start start;

		@Option(names = "--no-wait", description = "Start the replay and return.")
		boolean noWait;

		@Option(names = "--timeout", defaultValue = "PT1H",
				description = "Give up following the replay after this long (ISO-8601, default ${DEFAULT-VALUE}); "
						+ "the replay goes on.")
		Duration timeout;

		@Override
		public Integer call() throws InterruptedException {
			Api api = this.connection.api(Service.of(this.service));
			String path = "/operations/processors/" + Api.segment(this.processor);
			JsonNode started = api.post(path + "/replay", body());
			PrintWriter out = this.spec.commandLine().getOut();
			PrintWriter err = this.spec.commandLine().getErr();
			JsonNode current = started;
			long began = System.nanoTime();
			while (!this.noWait && !"DONE".equals(current.path("replay").path("state").asString(""))) {
				if ("FAILED".equals(current.path("replay").path("state").asString(""))) {
					throw new Api.Failure(ExitCodes.UNAVAILABLE, "The replay failed: " + current.path("replay"));
				}
				if (!this.connection.json()) {
					err.print("\r" + Progress.bar(current.path("replay")));
					err.flush();
				}
				if (System.nanoTime() - began > this.timeout.toNanos()) {
					err.println();
					throw new Api.Failure(ExitCodes.UNAVAILABLE, "The replay was not done after " + this.timeout
							+ "; it goes on: follow it with processors.");
				}
				Thread.sleep(500);
				current = api.get(path);
			}
			Duration took = Duration.ofNanos(System.nanoTime() - began);
			if (this.connection.json()) {
				out.println(current.toPrettyString());
			}
			else {
				if (!this.noWait) {
					err.println("\r" + Progress.bar(current.path("replay")));
				}
				JsonNode replay = current.path("replay");
				out.printf(Locale.ROOT, "%s of %s: %s, %d events from %s, %.1f events/s, %.1f s%n", this.processor,
						Service.of(this.service).fullName, replay.path("state").asString(),
						replay.path("done").asLong(), replay.path("from").asString("the beginning"),
						replay.path("eventsPerSecond").asDouble(0), took.toMillis() / 1000.0);
			}
			return ExitCodes.OK;
		}

		/** The start asked for, or no body for the beginning. */
		private String body() {
			if (this.start == null) {
				return null;
			}
			var body = Api.JSON.createObjectNode();
			if (this.start.position != null) {
				body.put("fromPosition", this.start.position);
			}
			if (this.start.time != null) {
				body.put("fromTime", this.start.time.toString());
			}
			return body.toString();
		}

	}

	/** Pause or resume: the same call with another verb. */
	abstract static class StateChange implements Callable<Integer> {

		@Mixin
		Connection connection;

		@Spec
		CommandSpec spec;

		@Parameters(index = "0", paramLabel = "SERVICE")
		String service;

		@Parameters(index = "1", paramLabel = "PROCESSOR")
		String processor;

		abstract String action();

		@Override
		public Integer call() {
			JsonNode p = this.connection.api(Service.of(this.service))
				.post("/operations/processors/" + Api.segment(this.processor) + "/" + action(), null);
			this.spec.commandLine()
				.getOut()
				.println(this.connection.json() ? p.toPrettyString()
						: this.processor + ": " + p.get("state").asString());
			return ExitCodes.OK;
		}

	}

	@Command(name = "pause", mixinStandardHelpOptions = true,
			description = "Pause a processor on every instance (it keeps its position).")
	static final class Pause extends StateChange {

		@Override
		String action() {
			return "pause";
		}

	}

	@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a processor on every instance.")
	static final class Resume extends StateChange {

		@Override
		String action() {
			return "resume";
		}

	}

	@Command(name = "ticket", mixinStandardHelpOptions = true,
			description = "Show a ticket, now or as it was at an instant (computed from its events).")
	static final class Ticket implements Callable<Integer> {

		@Mixin
		Connection connection;

		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "TICKET-ID")
		String id;

		@Option(names = "--as-of", description = "The instant (ISO-8601), e.g. 2026-12-01T09:00:00Z.")
		Instant asOf;

		@Override
		public Integer call() {
			JsonNode ticket = this.connection.api(Service.ticket)
				.get("/tickets/" + Api.segment(this.id) + ((this.asOf != null) ? "?asOf=" + this.asOf : ""));
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.connection.json()) {
				out.println(ticket.toPrettyString());
				return ExitCodes.OK;
			}
			out.printf("Ticket %s%s%n", ticket.get("ticketId").asString(),
					(this.asOf != null) ? " as of " + this.asOf : "");
			for (String field : List.of("status", "channel", "locale", "subject", "priority", "assignee", "issueKey",
					"openedAt", "resolvedAt", "closedAt", "version")) {
				JsonNode value = ticket.path(field);
				if (!value.isMissingNode() && !value.isNull()) {
					out.printf("  %-11s %s%n", field, value.asString());
				}
			}
			List<String[]> rows = new ArrayList<>();
			rows.add(new String[] { "SEQ", "AT", "EVENT" });
			ticket.path("history")
				.forEach((h) -> rows.add(new String[] { h.get("sequence").asString(), h.get("at").asString(),
						h.get("type").asString() }));
			Tables.print(out, rows);
			return ExitCodes.OK;
		}

	}

	@Command(name = "events", mixinStandardHelpOptions = true,
			description = "List the domain events of a ticket, an engineering issue, a ticket's SLA clock or a "
					+ "notification, with their global positions in the service's event store.")
	static final class Events implements Callable<Integer> {

		@Mixin
		Connection connection;

		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "ID",
				description = "The ticket's id (also for its SLA clock), the issue's key or the notification's id.")
		String id;

		@Option(names = "--kind", defaultValue = "ticket", converter = Kind.Converter.class,
				description = "ticket, issue, sla-clock or notification (default ${DEFAULT-VALUE}).")
		Kind kind;

		@Option(names = "--after", description = "After this sequence number.")
		Long after;

		@Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE}).")
		int limit;

		@Override
		public Integer call() {
			JsonNode page = this.connection.api(this.kind.service)
				.get(this.kind.path(this.id) + "/events?limit=" + this.limit
						+ ((this.after != null) ? "&after=" + this.after : ""));
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.connection.json()) {
				out.println(page.toPrettyString());
				return ExitCodes.OK;
			}
			List<String[]> rows = new ArrayList<>();
			rows.add(new String[] { "SEQ", "POSITION", "TIMESTAMP", "TYPE", "REVISION" });
			page.get("events")
				.forEach((e) -> rows.add(new String[] { e.get("sequence").asString(),
						e.path("globalPosition").asString("-"), e.get("timestamp").asString(), e.get("type").asString(),
						e.path("revision").asString("-") }));
			Tables.print(out, rows);
			if (!page.path("next").isNull() && !page.path("next").isMissingNode()) {
				out.println("more: --after " + page.get("next").asString());
			}
			return ExitCodes.OK;
		}

	}

	@Command(name = "dlt", mixinStandardHelpOptions = true,
			description = {
					"Records a service's consumers could not read or handle, kept on the dead-letter topics "
							+ "(<topic>.dlt): list them (why, where from, when), show one with its value, re-drive it "
							+ "to its topic or discard it.",
					"A dead letter is named <dead-letter topic>/<partition>/<offset>, as the list shows it." })
	static final class DeadLetterTopics implements Callable<Integer> {

		@Mixin
		Connection connection;

		@Spec
		CommandSpec spec;

		@Parameters(index = "0", paramLabel = "SERVICE",
				description = "ticket-service, routing-service, notification-service or insights-service")
		String service;

		@Parameters(index = "1", paramLabel = "ACTION", description = "topics, list, show, redrive or discard")
		String action;

		@Parameters(index = "2", arity = "0..1", paramLabel = "DEAD-LETTER",
				description = "<dead-letter topic>/<partition>/<offset>")
		String id;

		@Option(names = "--topic", description = "list: only the dead letters of this topic")
		String topic;

		@Option(names = "--state", description = "list: pending, redriven or discarded")
		String state;

		@Option(names = "--note", description = "discard: why")
		String note;

		@Override
		public Integer call() {
			Api api = this.connection.api(Service.of(this.service));
			PrintWriter out = this.spec.commandLine().getOut();
			JsonNode answer = switch (this.action) {
				case "topics" -> api.get("/operations/dead-letter-topics");
				case "list" -> api.get("/operations/dead-letter-records" + query());
				case "show" -> api.get(path());
				case "redrive" -> api.post(path() + "/redrive", null);
				case "discard" -> api.post(path() + "/discard",
						(this.note != null) ? Api.JSON.createObjectNode().put("note", this.note).toString() : null);
				default -> throw new Api.Failure(ExitCodes.USAGE, "ACTION: topics, list, show, redrive or discard");
			};
			if (this.connection.json() || !(this.action.equals("list") || this.action.equals("topics"))) {
				out.println(answer.toPrettyString());
				return ExitCodes.OK;
			}
			List<String[]> rows = new ArrayList<>();
			if (this.action.equals("topics")) {
				rows.add(new String[] { "TOPIC", "DEAD-LETTER TOPIC", "RECORDS", "PENDING" });
				answer.forEach((t) -> rows
					.add(new String[] { t.path("topic").asString(""), t.path("deadLetterTopic").asString(""),
							t.path("records").asString("0"), t.path("pending").asString("0") }));
			}
			else {
				rows.add(new String[] { "DEAD LETTER", "KEY", "FROM", "WHEN", "STATE", "REASON" });
				answer.path("items")
					.forEach((d) -> rows.add(new String[] {
							d.path("deadLetterTopic").asString("")
									+ "/" + d.path("partition").asString("") + "/" + d.path("offset").asString(""),
							d.path("key").asString("-"),
							d.path("originalTopic").asString("") + "/" + d.path("originalPartition").asString("?") + "/"
									+ d.path("originalOffset").asString("?"),
							d.path("deadLetteredAt").asString(""), d.path("state").asString(""),
							abbreviated(d.path("reason").asString("")) }));
			}
			Tables.print(out, rows);
			return ExitCodes.OK;
		}

		private String query() {
			List<String> parameters = new ArrayList<>();
			if (this.topic != null) {
				parameters
					.add("topic=" + java.net.URLEncoder.encode(this.topic, java.nio.charset.StandardCharsets.UTF_8));
			}
			if (this.state != null) {
				parameters
					.add("state=" + java.net.URLEncoder.encode(this.state, java.nio.charset.StandardCharsets.UTF_8));
			}
			return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
		}

		private String path() {
			if (this.id == null || !this.id.matches("[A-Za-z0-9._-]+/\\d+/\\d+")) {
				throw new Api.Failure(ExitCodes.USAGE, "DEAD-LETTER: <dead-letter topic>/<partition>/<offset>");
			}
			String[] parts = this.id.split("/");
			return "/operations/dead-letter-records/" + Api.segment(parts[0]) + "/" + parts[1] + "/" + parts[2];
		}

		private static String abbreviated(String text) {
			return (text.length() > 80) ? text.substring(0, 79) + "…" : text;
		}

	}

	@Command(name = "dead-letters", mixinStandardHelpOptions = true,
			description = "List notifications given up on; retry or discard one.")
	static final class DeadLetters implements Callable<Integer> {

		@Mixin
		Connection connection;

		@Spec
		CommandSpec spec;

		@Parameters(index = "0", paramLabel = "ACTION", description = "list, retry or discard")
		String action;

		@Parameters(index = "1", arity = "0..1", paramLabel = "NOTIFICATION-ID")
		String id;

		@Option(names = "--note", description = "Why it is discarded.")
		String note;

		@Override
		public Integer call() {
			Api api = this.connection.api(Service.notification);
			PrintWriter out = this.spec.commandLine().getOut();
			JsonNode answer = switch (this.action) {
				case "list" -> api.get("/dead-letters");
				case "retry" -> api.post("/dead-letters/" + Api.segment(required()) + "/retry", null);
				case "discard" -> api.post("/dead-letters/" + Api.segment(required()) + "/discard",
						(this.note != null) ? Api.JSON.createObjectNode().put("note", this.note).toString() : null);
				default -> throw new Api.Failure(ExitCodes.USAGE, "ACTION: list, retry or discard");
			};
			if (this.connection.json() || !this.action.equals("list")) {
				out.println(answer.toPrettyString());
				return ExitCodes.OK;
			}
			List<String[]> rows = new ArrayList<>();
			rows.add(new String[] { "NOTIFICATION", "TICKET", "REASON", "CHANNEL", "FAILURE" });
			answer.path("items")
				.forEach((d) -> rows.add(new String[] { d.path("notificationId").asString(""),
						d.path("ticketId").asString(""), d.path("reason").asString(""), d.path("channel").asString(""),
						d.path("failure").asString("") }));
			Tables.print(out, rows);
			return ExitCodes.OK;
		}

		private String required() {
			if (this.id == null) {
				throw new Api.Failure(ExitCodes.USAGE, "NOTIFICATION-ID: required to " + this.action);
			}
			return this.id;
		}

	}

	@Command(name = "insights", mixinStandardHelpOptions = true,
			description = { "The read models of insights-service (ADR 17):",
					"  replay   every instance stops reading, the consumer group goes back to the beginning of the "
							+ "topics, the reports are refilled from what the topics hold",
					"  status   the latest replay: stopping until the group is reset, then running",
					"  rebuild  every day added up again from the tickets' fact sheets" })
	static final class Insights implements Callable<Integer> {

		@Mixin
		Connection connection;

		@Spec
		CommandSpec spec;

		@Parameters(index = "0", paramLabel = "ACTION", description = "replay, status or rebuild")
		String action;

		@Override
		public Integer call() {
			Api api = this.connection.api(Service.insights);
			JsonNode answer = switch (this.action) {
				case "replay" -> api.post("/operations/insights/replay", null);
				case "status" -> api.get("/operations/insights/replay");
				case "rebuild" -> api.post("/operations/insights/rebuild", null);
				default -> throw new Api.Failure(ExitCodes.USAGE, "ACTION: replay, status or rebuild");
			};
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.connection.json()) {
				out.println(answer.toPrettyString());
			}
			else if (this.action.equals("rebuild")) {
				out.printf("%s days to add up again%n", answer.path("days").asString("0"));
			}
			else {
				out.printf("replay %s: %s (requested %s by %s%s)%n", answer.path("generation").asString(""),
						answer.path("state").asString(""), answer.path("requestedAt").asString(""),
						answer.path("requestedBy").asString(""),
						answer.path("resetAt").isMissingNode() || answer.path("resetAt").isNull() ? ""
								: ", reset " + answer.path("resetAt").asString(""));
			}
			return ExitCodes.OK;
		}

	}

}
