package dev.ticketloop.deploy.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.notification.NotificationDeliveredV1;
import dev.ticketloop.contracts.ticket.TicketFixReleasedV1;
import dev.ticketloop.deploy.RunningSystem;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.ticketservice.issue.IssueCommand.ReportIssue;
import dev.ticketloop.ticketservice.issue.IssueKey;
import dev.ticketloop.ticketservice.issue.Releases;
import dev.ticketloop.ticketservice.ticket.Channel;
import dev.ticketloop.ticketservice.ticket.Contact;
import dev.ticketloop.ticketservice.ticket.TicketCommand.EscalateTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.OpenTicket;
import dev.ticketloop.ticketservice.ticket.TicketId;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;

/**
 * The release fan-out: N tickets linked to one issue (set up through ticket-service's
 * command bus from 8 threads, each triaged by routing-service and acknowledged by mail;
 * not measured as the figure), then one release. Figures: time until every customer's
 * notification was requested (the fix-released event on the ticket topic) and delivered
 * (the receipt on the receipts topic, the mail at the SMTP server); duplicates and
 * losses, which must be 0.
 */
final class FanOutScenario {

	static final String SCENARIO = "2 release fan-out";

	static final int GOAL_TICKETS = 10_000;

	private FanOutScenario() {
	}

	/** What the run found wrong: must be all 0. */
	record Defects(long requestedTwice, long neverRequested, long mailedTwice, long neverMailed) {

		long total() {
			return this.requestedTwice + this.neverRequested + this.mailedTwice + this.neverMailed;
		}

	}

	static Defects run(Report report, RunningSystem system, EmbeddedSmtp smtp, String kafka, int n) throws Exception {
		CommandGateway commands = system.ticketService().getBean(CommandGateway.class);
		MongoDatabase database = system.ticketService().getBean(MongoDatabase.class);
		String issue = "BENCH-" + Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT);
		long setupStart = System.nanoTime();
		List<String> tickets = linkedTickets(commands, issue, n);
		MongoCollection<Document> issues = database.getCollection("issue_views");
		await(() -> {
			Document view = issues.find(Filters.eq("_id", issue)).first();
			return view != null && view.get("linkedTickets", 0) >= n;
		});
		// every acknowledgement delivered, so only the release's mails follow
		String mailbox = issue.toLowerCase(Locale.ROOT) + "-";
		await(() -> ours(smtp, mailbox).size() >= n);
		double setupSeconds = Baselines.seconds(setupStart);
		System.out.printf("  setup: %d tickets opened, triaged, acknowledged and linked in %.1f s%n", n, setupSeconds);

		CloudEventCodec codec = new CloudEventCodec();
		Map<String, Integer> requested = new ConcurrentHashMap<>();
		Map<String, Integer> receipts = new ConcurrentHashMap<>();
		long requestedAt = 0;
		long receiptsAt = 0;
		Set<String> ours = Set.copyOf(tickets);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.GROUP_ID_CONFIG, "bench-" + issue,
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
						2000),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.TICKET_EVENTS, Topics.NOTIFICATION_RECEIPTS));
			while (consumer.assignment().isEmpty()) {
				consumer.poll(Duration.ofMillis(100));
			}
			consumer.seekToEnd(consumer.assignment());
			consumer.assignment().forEach(consumer::position);

			long start = System.nanoTime();
			system.ticketService()
				.getBean(Releases.class)
				.apply(new Releases.Release("bench-release-" + issue, "9.9.9", List.of(issue), "benchmark"));
			long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
			while (receiptsAt == 0 && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					CloudEvent event = codec.read(record.value()).orElse(null);
					if (event == null || !ours.contains(record.key())) {
						continue;
					}
					if (event.data() instanceof TicketFixReleasedV1) {
						requested.merge(record.key(), 1, Integer::sum);
						if (requested.size() == n && requestedAt == 0) {
							requestedAt = System.nanoTime();
						}
					}
					else if (event.data() instanceof NotificationDeliveredV1 receipt
							&& "fix_released".equals(receipt.reason())) {
						receipts.merge(record.key(), 1, Integer::sum);
						if (receipts.size() == n && receiptsAt == 0) {
							receiptsAt = System.nanoTime();
						}
					}
				}
			}
			Document job = database.getCollection("issue_fanouts").find(Filters.eq("issueKey", issue)).first();
			// GreenMail lists received mail per mailbox, not in arrival order: pick the
			// release's mails by their recipients and subject, never by position
			Map<String, Integer> perRecipient = new HashMap<>();
			for (MimeMessage mail : ours(smtp, mailbox)) {
				if (mail.getSubject().startsWith("Fixed:")) {
					perRecipient.merge(mail.getAllRecipients()[0].toString(), 1, Integer::sum);
				}
			}
			Defects defects = new Defects(requested.values().stream().filter((c) -> c > 1).count(),
					n - requested.size(), perRecipient.values().stream().filter((c) -> c > 1).count(),
					n - perRecipient.size());

			report.add(Report.Figure.of(SCENARIO, "linked tickets", n, "tickets"));
			if (job != null && job.getDate("finishedAt") != null) {
				report.add(Report.Figure.of(SCENARIO, "fan-out job: every ticket's event stored",
						(job.getDate("finishedAt").getTime() - job.getDate("createdAt").getTime()) / 1e3, "s"));
			}
			Report.Figure requestedFigure = Report.Figure.of(SCENARIO, "all notifications requested (on Kafka)",
					elapsed(start, requestedAt), "s");
			Report.Figure deliveredFigure = Report.Figure.of(SCENARIO,
					"all notifications delivered (receipts on Kafka)", elapsed(start, receiptsAt), "s");
			if (n >= GOAL_TICKETS) {
				requestedFigure = requestedFigure.goal("<= 10 s for 10,000", 10, false);
				deliveredFigure = deliveredFigure.goal("<= 30 s for 10,000", 30, false);
			}
			else {
				requestedFigure = requestedFigure.note("the goals are for 10,000 tickets");
			}
			report.add(requestedFigure);
			report.add(deliveredFigure);
			report.add(Report.Figure
				.of(SCENARIO, "tickets delivered per second", n / elapsed(start, receiptsAt), "tickets/s")
				.against(report.measured(Baselines.SCENARIO, Baselines.KAFKA_PRODUCE)));
			report.add(
					Report.Figure
						.of(SCENARIO, "duplicates (requested or mailed twice)",
								defects.requestedTwice() + defects.mailedTwice(), "tickets")
						.goal("0", 0, false));
			report.add(
					Report.Figure
						.of(SCENARIO, "lost (never requested or never mailed)",
								defects.neverRequested() + defects.neverMailed(), "tickets")
						.goal("0", 0, false));
			report.add(Report.Figure.of(SCENARIO, "setup rate (open, triage, acknowledge, link)", n / setupSeconds,
					"tickets/s"));
			return defects;
		}
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
		String mailbox = issue.toLowerCase(Locale.ROOT);
		try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < n; i++) {
				TicketId ticket = TicketId.newId();
				tickets.add(ticket.value());
				int customer = i;
				pending.add(clients.submit(() -> {
					commands.sendAndWait(new OpenTicket(ticket, Channel.EMAIL, "bench-" + customer,
							new Contact(mailbox + "-" + customer + "@example.com", "Customer " + customer),
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

	/** The mail to this scenario's customers (addresses starting with the prefix). */
	private static List<MimeMessage> ours(EmbeddedSmtp smtp, String prefix) {
		List<MimeMessage> mails = new ArrayList<>();
		for (MimeMessage mail : smtp.receivedMessages()) {
			try {
				if (mail.getAllRecipients()[0].toString().startsWith(prefix)) {
					mails.add(mail);
				}
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return mails;
	}

	private static double elapsed(long start, long end) {
		return (end == 0) ? Double.NaN : (end - start) / 1e9;
	}

	private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Setup did not finish in 15 minutes");
			}
			Thread.sleep(200);
		}
	}

}
