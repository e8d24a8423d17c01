package dev.ticketloop.deploy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

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

	static List<String> linkedTickets(CommandGateway commands, String issue, int n) {
		commands.sendAndWait(new ReportIssue(IssueKey.of(issue), "Benchmark issue", null, null, "benchmark"));
		List<String> tickets = new ArrayList<>(n);
		List<CompletableFuture<Object>> pending = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			TicketId ticket = TicketId.newId();
			tickets.add(ticket.value());
			pending.add(commands
				.send(new OpenTicket(ticket, Channel.EMAIL, "bench-" + i,
						new Contact("customer-" + i + "@example.com", "Customer " + i), Locale.ENGLISH, "Export broken",
						"Export does nothing"))
				.thenCompose((r) -> commands.send(new EscalateTicket(ticket, "bench", issue, true, null, null, null))));
			if (pending.size() == 64) {
				pending.forEach(CompletableFuture::join);
				pending.clear();
			}
		}
		pending.forEach(CompletableFuture::join);
		return tickets;
	}

}
