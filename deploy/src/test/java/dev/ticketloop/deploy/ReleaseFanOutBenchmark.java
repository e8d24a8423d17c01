package dev.ticketloop.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.notification.NotificationDeliveredV1;
import dev.ticketloop.contracts.ticket.TicketFixReleasedV1;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.ticketservice.issue.Releases;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The release fan-out at scale on the embedded default (real Kafka broker, MongoDB
 * stand-in in memory, GreenMail SMTP), all three services in this JVM: N tickets linked
 * to one issue (set up through commands, not measured), then one release. Prints the time
 * until every customer's notification was requested (the fix-released event on the ticket
 * topic), until every mail was delivered (the receipt on the receipts topic and the mail
 * at the SMTP server), and the duplicates and losses (both must be 0). Baseline in the
 * same run: the raw produce/consume rate of the same broker is in the event store and
 * Kafka figures of docs/benchmarks.md; here the setup rate (tickets opened and linked per
 * second through the same command bus) is printed for comparison.
 */
public final class ReleaseFanOutBenchmark {

	private ReleaseFanOutBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int n = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		TestInfrastructure infrastructure = TestInfrastructure.get();
		try (EmbeddedSmtp smtp = EmbeddedSmtp.start(0)) {
			SystemConfig config = new SystemConfig(infrastructure.kafkaBootstrapServers(),
					infrastructure.mongoConnectionString(), TestInfrastructure.uniqueDatabase("bench") + "-",
					smtp.host(), smtp.port(), 0, 0, 0,
					List.of(new SystemConfig.ApiKey("agent", "bench-agent-key-0001", "AGENT", null)), Map.of());
			try (RunningSystem system = RunningSystem.start(config)) {
				run(n, system, smtp, infrastructure.kafkaBootstrapServers());
			}
		}
		System.exit(0);
	}

	private static void run(int n, RunningSystem system, EmbeddedSmtp smtp, String kafka) throws Exception {
		CommandGateway commands = system.ticketService().getBean(CommandGateway.class);
		String issue = "BENCH-" + Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT);
		long setupStart = System.nanoTime();
		List<String> tickets = BenchmarkSetup.linkedTickets(commands, issue, n);
		System.out.printf("setup: tickets opened and escalated to the issue after %.1f s%n",
				(System.nanoTime() - setupStart) / 1e9);
		com.mongodb.client.MongoCollection<org.bson.Document> issues = system.ticketService()
			.getBean(com.mongodb.client.MongoDatabase.class)
			.getCollection("issue_views");
		while (true) {
			org.bson.Document view = issues.find(com.mongodb.client.model.Filters.eq("_id", issue)).first();
			if (view != null && view.get("linkedTickets", 0) >= n) {
				break;
			}
			Thread.sleep(200);
		}
		System.out.printf("setup: all linked on the issue after %.1f s%n", (System.nanoTime() - setupStart) / 1e9);
		// every acknowledgement delivered, so only the release's mails follow
		while (smtp.receivedMessages().size() < n) {
			Thread.sleep(200);
		}
		double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
		System.out.printf("setup: %d tickets opened, triaged, acknowledged and linked in %.1f s (%.0f tickets/s)%n", n,
				setupSeconds, n / setupSeconds);

		CloudEventCodec codec = new CloudEventCodec();
		Map<String, Integer> requested = new ConcurrentHashMap<>();
		Map<String, Integer> receipts = new ConcurrentHashMap<>();
		long[] requestedAt = new long[1];
		long[] receiptsAt = new long[1];
		AtomicBoolean watching = new AtomicBoolean(true);
		Set<String> ours = Set.copyOf(tickets);
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				kafka, ConsumerConfig.GROUP_ID_CONFIG, "bench-" + issue, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"latest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new StringDeserializer(),
				new ByteArrayDeserializer());
		consumer.subscribe(List.of(Topics.TICKET_EVENTS, Topics.NOTIFICATION_RECEIPTS));
		while (consumer.assignment().isEmpty()) {
			consumer.poll(Duration.ofMillis(100));
		}
		consumer.seekToEnd(consumer.assignment());
		consumer.assignment().forEach(consumer::position);

		long start = System.nanoTime();
		Releases.Outcome outcome = system.ticketService()
			.getBean(Releases.class)
			.apply(new Releases.Release("bench-release", "9.9.9", List.of(issue), "benchmark"));
		System.out.println("release: " + outcome.issues());
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (watching.get() && System.nanoTime() < deadline) {
			for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
				CloudEvent event = codec.read(record.value()).orElse(null);
				if (event == null || !ours.contains(record.key())) {
					continue;
				}
				if (event.data() instanceof TicketFixReleasedV1) {
					requested.merge(record.key(), 1, Integer::sum);
					if (requested.size() == n && requestedAt[0] == 0) {
						requestedAt[0] = System.nanoTime();
					}
				}
				else if (event.data() instanceof NotificationDeliveredV1 receipt
						&& "fix_released".equals(receipt.reason())) {
					receipts.merge(record.key(), 1, Integer::sum);
					if (receipts.size() == n && receiptsAt[0] == 0) {
						receiptsAt[0] = System.nanoTime();
						watching.set(false);
					}
				}
			}
		}
		consumer.close();
		org.bson.Document job = system.ticketService()
			.getBean(com.mongodb.client.MongoDatabase.class)
			.getCollection("issue_fanouts")
			.find(com.mongodb.client.model.Filters.eq("issueKey", issue))
			.first();
		String stored = (job != null && job.getDate("finishedAt") != null) ? String.format("%.1f s",
				(job.getDate("finishedAt").getTime() - job.getDate("createdAt").getTime()) / 1e3) : "-";
		// GreenMail lists received mail per mailbox, not in arrival order: pick the
		// release's
		// mails by their subject, never by position
		List<MimeMessage> mails = new ArrayList<>();
		for (MimeMessage mail : smtp.receivedMessages()) {
			if (mail.getSubject().startsWith("Fixed:")) {
				mails.add(mail);
			}
		}
		Map<String, Integer> perRecipient = new HashMap<>();
		for (MimeMessage mail : mails) {
			perRecipient.merge(mail.getAllRecipients()[0].toString(), 1, Integer::sum);
		}
		long duplicateRequests = requested.values().stream().filter((c) -> c > 1).count();
		long duplicateMails = perRecipient.values().stream().filter((c) -> c > 1).count();
		System.out.println();
		System.out.printf("| figure | value | goal |%n|---|---|---|%n");
		System.out.printf("| linked tickets | %d | 10,000 |%n", n);
		System.out.printf("| fan-out job: every ticket's fix-released event stored (job created to done) | %s | |%n",
				stored);
		System.out.printf("| all notifications requested (fix-released events on Kafka) | %s | <= 10 s |%n",
				seconds(start, requestedAt[0]));
		System.out.printf("| all notifications delivered (receipts on Kafka) | %s | <= 30 s |%n",
				seconds(start, receiptsAt[0]));
		System.out.printf("| fan-out rate (requested) | %s | |%n",
				(requestedAt[0] > 0) ? String.format("%.0f tickets/s", n / ((requestedAt[0] - start) / 1e9)) : "-");
		System.out.printf("| mails received by the SMTP server | %d | %d |%n", mails.size(), n);
		System.out.printf("| tickets requested twice | %d | 0 |%n", duplicateRequests);
		System.out.printf("| customers mailed twice | %d | 0 |%n", duplicateMails);
		System.out.printf("| tickets never requested | %d | 0 |%n", n - requested.size());
		System.out.printf("| customers never mailed | %d | 0 |%n", n - perRecipient.size());
		System.out.printf("| baseline: setup through the same command bus | %.0f tickets/s | |%n", n / setupSeconds);
	}

	private static String seconds(long start, long end) {
		return (end == 0) ? "not reached in 5 min" : String.format("%.1f s", (end - start) / 1e9);
	}

}
