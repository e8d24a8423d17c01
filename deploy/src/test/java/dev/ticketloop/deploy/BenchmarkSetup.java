package dev.ticketloop.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.ticketloop.ticketservice.issue.IssueCommand.ReportIssue;
import dev.ticketloop.ticketservice.issue.IssueKey;
import dev.ticketloop.ticketservice.ticket.Channel;
import dev.ticketloop.ticketservice.ticket.Contact;
import dev.ticketloop.ticketservice.ticket.TicketCommand.EscalateTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.OpenTicket;
import dev.ticketloop.ticketservice.ticket.TicketId;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Opens tickets and links them to one issue through ticket-service's command bus. */
final class BenchmarkSetup {

	private BenchmarkSetup() {
	}

	/**
	 * Opens n tickets and escalates each to the issue, from 8 threads (the command bus
	 * runs a command in the caller's thread, as HTTP intake would on its request
	 * threads).
	 */
	static List<String> linkedTickets(CommandGateway commands, String issue, int n) throws InterruptedException {
		commands.sendAndWait(new ReportIssue(IssueKey.of(issue), "Benchmark issue", null, null, "benchmark"));
		List<String> tickets = new ArrayList<>(n);
		List<Future<?>> pending = new ArrayList<>(n);
		try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < n; i++) {
				TicketId ticket = TicketId.newId();
				tickets.add(ticket.value());
				int customer = i;
				pending.add(clients.submit(() -> {
					commands.sendAndWait(new OpenTicket(ticket, Channel.EMAIL, "bench-" + customer,
							new Contact("customer-" + customer + "@example.com", "Customer " + customer),
							Locale.ENGLISH, "Export broken", "Export does nothing"));
					commands.sendAndWait(new EscalateTicket(ticket, "bench", issue, true, null, null, null));
				}));
			}
			for (Future<?> future : pending) {
				try {
					future.get();
				}
				catch (ExecutionException ex) {
					throw new IllegalStateException("Setup failed", ex.getCause());
				}
			}
		}
		return tickets;
	}

}
