package dev.ticketloop.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.ticketloop.cli.TicketloopCli.Connection;
import dev.ticketloop.cli.TicketloopCli.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The commands for a service's history: export, republish, jobs, audit. */
final class HistoryCommands {

	private HistoryCommands() {
	}

	@Command(name = "export", mixinStandardHelpOptions = true,
			description = "Export a service's event store as JSON lines (one event per line, in order of position), "
					+ "by time range and aggregate type, to standard output or a file.")
	static final class Export implements Callable<Integer> {

		@Mixin
		Connection connection;

		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "SERVICE", description = "ticket-service, routing-service or notification-service")
		String service;

		@Option(names = "--from", description = "Events at or after this instant (ISO-8601).")
		Instant from;

		@Option(names = "--to", description = "Events before this instant (ISO-8601).")
		Instant to;

		@Option(names = "--type", description = "Only this aggregate type (e.g. Ticket, EngineeringIssue).")
		String aggregateType;

		@Option(names = { "-f", "--file" }, description = "Write to this file instead of standard output.")
		Path file;

		@Override
		public Integer call() throws IOException {
			StringBuilder query = new StringBuilder();
			append(query, "from", (this.from != null) ? this.from.toString() : null);
			append(query, "to", (this.to != null) ? this.to.toString() : null);
			append(query, "aggregateType", this.aggregateType);
			Api api = this.connection.api(Service.of(this.service));
			PrintWriter err = this.spec.commandLine().getErr();
			long began = System.nanoTime();
			OutputStream target = (this.file != null) ? new FileOutputStream(this.file.toFile())
					: new NonClosing(System.out);
			LineCounter counter;
			try (OutputStream out = counter = new LineCounter(new BufferedOutputStream(target, 1 << 16), err,
					this.file != null)) {
				api.stream("/operations/events" + query, "application/x-ndjson", out);
			}
			double seconds = (System.nanoTime() - began) / 1e9;
			err.printf(Locale.ROOT, "\r%d events exported in %.1f s (%.0f events/s)%s%n", counter.lines, seconds,
					counter.lines / Math.max(seconds, 0.001), (this.file != null) ? " to " + this.file : "");
			return ExitCodes.OK;
		}

		private static void append(StringBuilder query, String name, String value) {
			if (value != null) {
				query.append(query.isEmpty() ? '?' : '&')
					.append(name)
					.append('=')
					.append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
			}
		}

	}

	/** Counts the lines going through, and shows the count now and then. */
	private static final class LineCounter extends FilterOutputStream {

		long lines;

		private final PrintWriter err;

		private final boolean show;

		private long shownAt = System.nanoTime();

		LineCounter(OutputStream out, PrintWriter err, boolean show) {
			super(out);
			this.err = err;
			this.show = show;
		}

		@Override
		public void write(int b) throws IOException {
			this.out.write(b);
			count(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.out.write(b, off, len);
			for (int i = off; i < off + len; i++) {
				count(b[i]);
			}
		}

		private void count(int b) {
			if (b == '\n') {
				this.lines++;
				if (this.show && (this.lines & 1023) == 0 && System.nanoTime() - this.shownAt > 500_000_000L) {
					this.err.print("\r" + this.lines + " events");
					this.err.flush();
					this.shownAt = System.nanoTime();
				}
			}
		}

	}

	/** Standard output, flushed but left open. */
	private static final class NonClosing extends FilterOutputStream {

		NonClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.out.write(b, off, len);
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

	@Command(name = "republish", mixinStandardHelpOptions = true,
			description = "Republish a service's published language for a time range (same CloudEvents ids and keys) "
					+ "onto the public topics or a replay topic, and follow the job with a progress bar. The job "
					+ "survives restarts of the service; one runs at a time.")
	static final class Republish implements Callable<Integer> {

		@Mixin
		Connection connection;

		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "SERVICE", description = "ticket-service, routing-service or notification-service")
		String service;

		@Option(names = "--from", required = true, description = "Events at or after this instant (ISO-8601).")
		Instant from;

		@Option(names = "--to", description = "Events before this instant (ISO-8601; default now).")
		Instant to;

		@Option(names = "--replay-topic",
				description = "Onto ticketloop.replay.<NAME> (created, 7 days' retention) instead of the public topics.")
		String replayTopic;

		@Option(names = "--rate", description = "At most this many records a second (default 5000).")
		Integer rate;

		@Option(names = "--no-wait", description = "Start the job and return.")
		boolean noWait;

		@Option(names = "--timeout", defaultValue = "PT4H",
				description = "Give up following after this long (ISO-8601, default ${DEFAULT-VALUE}); the job goes on.")
		Duration timeout;

		@Override
		public Integer call() throws InterruptedException {
			Api api = this.connection.api(Service.of(this.service));
			ObjectNode request = Api.JSON.createObjectNode().put("from", this.from.toString());
			if (this.to != null) {
				request.put("to", this.to.toString());
			}
			if (this.replayTopic != null) {
				request.put("replayTopic", this.replayTopic);
			}
			if (this.rate != null) {
				request.put("rate", this.rate);
			}
			JsonNode job = api.post("/operations/republish", request.toString());
			String path = "/operations/jobs/" + Api.segment(job.get("id").asString());
			return Jobs.follow(api, path, job, this.noWait, this.timeout, this.connection.json(), this.spec);
		}

	}

	@Command(name = "jobs", mixinStandardHelpOptions = true,
			description = "List a service's jobs (republish), show one, cancel one, or follow one to its end.")
	static final class Jobs implements Callable<Integer> {

		@Mixin
		Connection connection;

		@Spec
		CommandSpec spec;

		@Parameters(index = "0", paramLabel = "SERVICE")
		String service;

		@Parameters(index = "1", arity = "0..1", paramLabel = "ACTION", defaultValue = "list",
				description = "list (default), show, follow or cancel")
		String action;

		@Parameters(index = "2", arity = "0..1", paramLabel = "JOB-ID")
		String id;

		@Override
		public Integer call() throws InterruptedException {
			Api api = this.connection.api(Service.of(this.service));
			PrintWriter out = this.spec.commandLine().getOut();
			switch (this.action) {
				case "list" -> {
					JsonNode jobs = api.get("/operations/jobs");
					if (this.connection.json()) {
						out.println(jobs.toPrettyString());
						return ExitCodes.OK;
					}
					List<String[]> rows = new ArrayList<>();
					rows.add(new String[] { "JOB", "STATE", "BY", "SUBMITTED", "DONE", "TO DO", "ERROR" });
					jobs.forEach((j) -> rows.add(new String[] { j.get("id").asString(), j.get("state").asString(),
							j.path("submittedBy").asString("-"), j.path("submittedAt").asString("-"),
							j.path("progress").path("done").asString("0"),
							j.path("progress").path("toDo").asString("0"), j.path("lastError").asString("-") }));
					Tables.print(out, rows);
					return ExitCodes.OK;
				}
				case "show" -> {
					out.println(api.get(path()).toPrettyString());
					return ExitCodes.OK;
				}
				case "follow" -> {
					return follow(api, path(), api.get(path()), false, Duration.ofHours(4), this.connection.json(),
							this.spec);
				}
				case "cancel" -> {
					JsonNode job = api.post(path() + "/cancel", null);
					out.println(this.connection.json() ? job.toPrettyString()
							: job.get("id").asString() + ": " + job.get("state").asString());
					return ExitCodes.OK;
				}
				default -> throw new Api.Failure(ExitCodes.USAGE, "ACTION: list, show, follow or cancel");
			}
		}

		private String path() {
			if (this.id == null) {
				throw new Api.Failure(ExitCodes.USAGE, "JOB-ID: required to " + this.action);
			}
			return "/operations/jobs/" + Api.segment(this.id);
		}

		/** Shows the job's progress until it ends; exit code by how it ended. */
		static int follow(Api api, String path, JsonNode job, boolean noWait, Duration timeout, boolean json,
				CommandSpec spec) throws InterruptedException {
			PrintWriter out = spec.commandLine().getOut();
			PrintWriter err = spec.commandLine().getErr();
			long began = System.nanoTime();
			JsonNode current = job;
			while (!noWait && "RUNNING".equals(current.get("state").asString())) {
				if (!json) {
					err.print("\r" + Progress.bar(progressOf(current)));
					err.flush();
				}
				if (System.nanoTime() - began > timeout.toNanos()) {
					err.println();
					throw new Api.Failure(ExitCodes.UNAVAILABLE,
							"The job was not done after " + timeout + "; it goes on: jobs show " + current.get("id"));
				}
				Thread.sleep(500);
				current = api.get(path);
			}
			String state = current.get("state").asString();
			if (json) {
				out.println(current.toPrettyString());
			}
			else {
				if (!noWait) {
					err.println("\r" + Progress.bar(progressOf(current)));
				}
				out.printf(Locale.ROOT, "%s: %s, %d records published, %d positions read%s%n",
						current.get("id").asString(), state, current.path("counters").path("published").asLong(),
						current.path("counters").path("read").asLong(),
						current.path("lastError").isString() ? ", " + current.get("lastError").asString() : "");
			}
			return switch (state) {
				case "DONE", "RUNNING" -> ExitCodes.OK;
				case "CANCELLED" -> ExitCodes.REFUSED;
				default -> ExitCodes.UNAVAILABLE;
			};
		}

		private static JsonNode progressOf(JsonNode job) {
			ObjectNode progress = ((ObjectNode) job.path("progress")).deepCopy();
			progress.put("state", "DONE".equals(job.get("state").asString()) ? "DONE" : "RUNNING");
			return progress;
		}

	}

	@Command(name = "audit", mixinStandardHelpOptions = true,
			description = "What operators did in a service, newest first: who, when, what, the answer.")
	static final class Audit implements Callable<Integer> {

		@Mixin
		Connection connection;

		@Spec
		CommandSpec spec;

		@Parameters(paramLabel = "SERVICE")
		String service;

		@Option(names = "--limit", defaultValue = "50", description = "At most this many (default ${DEFAULT-VALUE}).")
		int limit;

		@Option(names = "--before", description = "Older than this record's id (the `next` of a page).")
		String before;

		@Override
		public Integer call() {
			JsonNode page = this.connection.api(Service.of(this.service))
				.get("/operations/audit?limit=" + this.limit
						+ ((this.before != null) ? "&before=" + Api.segment(this.before) : ""));
			PrintWriter out = this.spec.commandLine().getOut();
			if (this.connection.json()) {
				out.println(page.toPrettyString());
				return ExitCodes.OK;
			}
			List<String[]> rows = new ArrayList<>();
			rows.add(new String[] { "AT", "WHO", "ROLE", "ACTION", "REQUEST", "STATUS" });
			page.get("actions")
				.forEach((a) -> rows.add(new String[] { a.get("at").asString(), a.get("who").asString(),
						a.get("role").asString(), a.get("action").asString(),
						a.get("method").asString() + " " + a.get("path").asString()
								+ (a.path("query").isString() ? "?" + a.get("query").asString() : ""),
						a.get("status").asString() }));
			Tables.print(out, rows);
			if (page.path("next").isString()) {
				out.println("more: --before " + page.get("next").asString());
			}
			return ExitCodes.OK;
		}

	}

}
