package dev.ticketloop.example.consumer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import dev.ticketloop.contracts.Topics;
import dev.ticketloop.example.consumer.TicketStatusConsumer.Counts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the tickets' statuses as their events arrive, until Ctrl-C; then the whole
 * table.
 */
@Command(name = "example-consumer", sortOptions = false, description = { "Rebuilds every ticket's status from "
		+ Topics.TICKET_EVENTS + " alone and prints it " + "as events arrive, until Ctrl-C." })
public final class Main implements Callable<Integer> {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	@Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092",
			description = "Kafka brokers (default: ${DEFAULT-VALUE}, where bin/run puts its broker).")
	String bootstrapServers;

	@Option(names = "--group", defaultValue = "ticket-status-example",
			description = "Consumer group; its committed offsets say where reading goes on (default: ${DEFAULT-VALUE}).")
	String group;

	@Option(names = "--from-beginning",
			description = "Read the topic from its beginning whatever the group committed: the statuses are kept in memory only.")
	boolean fromBeginning;

	@Option(names = "--ticket", paramLabel = "<id>", description = "Print this ticket only.")
	String ticket;

	@Option(names = "--topic", defaultValue = Topics.TICKET_EVENTS,
			description = "Topic to read (default: ${DEFAULT-VALUE}); a republish job's replay topic works too.")
	String topic;

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	private final PrintStream out;

	Main(PrintStream out) {
		this.out = out;
	}

	public static void main(String[] args) {
		int exitCode = new CommandLine(new Main(System.out)).execute(args);
		if (exitCode != 0) {
			System.exit(exitCode);
		}
	}

	@Override
	public Integer call() throws InterruptedException {
		TicketStatuses statuses = new TicketStatuses();
		TicketStatusConsumer consumer = TicketStatusConsumer.connect(
				new TicketStatusConsumer.Settings(this.bootstrapServers, this.group, this.topic, this.fromBeginning),
				statuses, new Printer());
		Thread reader = Thread.currentThread();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			consumer.stop();
			try {
				reader.join(STOP_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "stop-consumer"));
		this.out.printf("Reading %s from %s as group %s%s. Ctrl-C stops.%n%n", this.topic, this.bootstrapServers,
				this.group, this.fromBeginning ? ", from the beginning" : "");
		this.out.println(TicketTable.header());
		consumer.run();
		this.out.println();
		this.out.println(TicketTable.header());
		List<TicketState> shown = (this.ticket != null) ? statuses.ticket(this.ticket).stream().toList()
				: statuses.all();
		shown.forEach((state) -> this.out.println(TicketTable.row(state)));
		if (this.ticket != null && shown.isEmpty()) {
			this.out.printf("(no event of ticket %s was read)%n", this.ticket);
		}
		this.out.println(summary(consumer.counts()));
		this.out.flush();
		return 0;
	}

	private static String summary(Counts counts) {
		return String.format(
				"%d records: %d events applied, %d duplicates ignored, %d of unknown types skipped, "
						+ "%d not ticket events, %d unreadable",
				counts.records(), counts.applied(), counts.duplicates(), counts.unknownTypes(),
				counts.notTicketEvents(), counts.unreadable());
	}

	/** Prints, on the consumer's thread, each change of the tickets shown. */
	private final class Printer implements TicketStatusConsumer.Listener {

		@Override
		public void changed(TicketState state) {
			if (Main.this.ticket == null || Main.this.ticket.equals(state.ticketId())) {
				Main.this.out.println(TicketTable.row(state));
			}
		}

		@Override
		public void caughtUp(Counts counts) {
			Main.this.out.println("-- caught up; " + summary(counts));
		}

	}

}
