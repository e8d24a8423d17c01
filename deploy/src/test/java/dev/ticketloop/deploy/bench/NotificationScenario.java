package dev.ticketloop.deploy.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.EventType;
import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.notification.NotificationDeliveredV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketTriagedV1;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.notificationservice.NotificationServiceApplication;
import dev.ticketloop.testsupport.TestInfrastructure;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Notifications through the real SMTP server (issue 6): notification-service alone (its
 * own database, the shared broker, GreenMail) is handed N new tickets as ticket-service
 * would publish them (opened, then triaged: each asks for an acknowledgement in the
 * customer's language). Latency is from the triage event's publication to its delivery
 * receipt on Kafka (the mail accepted by the SMTP server and recorded); the rate is N
 * over the whole window. Run twice: a burst (everything published at once: the
 * throughput) and paced at the goal rate (the latency when the service keeps up). The
 * baseline, in the same run: raw Jakarta Mail sending to the same SMTP server over one
 * connection.
 */
final class NotificationScenario {

	static final String SCENARIO = "6 notifications";

	private NotificationScenario() {
	}

	/** What the run found wrong: must be all 0. */
	record Defects(long mailedTwice, long neverMailed, long receiptsTwice, long neverReceipted) {

		long total() {
			return this.mailedTwice + this.neverMailed + this.receiptsTwice + this.neverReceipted;
		}

	}

	static Defects run(Report report, TestInfrastructure infrastructure, int n, int pacedRate) throws Exception {
		try (EmbeddedSmtp smtp = EmbeddedSmtp.start(0)) {
			// as notification-service does (SmtpSender): the baseline gets the same help
			System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
			// GreenMail logs every new mailbox at INFO: not what is measured
			((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.icegreen.greenmail"))
				.setLevel(ch.qos.logback.classic.Level.WARN);
			report.add(Report.Figure.of(SCENARIO,
					"raw SMTP send of the same mails, one connection (" + Math.min(n, 2_000) + ")",
					rawSmtpRate(smtp, Math.min(n, 2_000)), "mails/s"));
			ConfigurableApplicationContext service = start(infrastructure, smtp);
			try {
				Defects burst = measure(report, infrastructure, smtp, n, 0, "burst");
				Defects paced = (pacedRate > 0)
						? measure(report, infrastructure, smtp, n, pacedRate, "paced at " + pacedRate + "/s")
						: new Defects(0, 0, 0, 0);
				return new Defects(burst.mailedTwice() + paced.mailedTwice(), burst.neverMailed() + paced.neverMailed(),
						burst.receiptsTwice() + paced.receiptsTwice(), burst.neverReceipted() + paced.neverReceipted());
			}
			finally {
				service.close();
			}
		}
	}

	private static Defects measure(Report report, TestInfrastructure infrastructure, EmbeddedSmtp smtp, int n, int rate,
			String mode) throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<String> tickets = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			tickets.add(UUID.randomUUID().toString());
		}
		Map<String, Long> published = new ConcurrentHashMap<>();
		Map<String, Long> receipted = new ConcurrentHashMap<>();
		Map<String, Integer> receipts = new ConcurrentHashMap<>();
		AtomicBoolean consuming = new AtomicBoolean(true);
		Thread consumer = receiptsConsumer(infrastructure.kafkaBootstrapServers(), published.keySet(), receipted,
				receipts, consuming);
		CloudEventCodec codec = new CloudEventCodec();
		String[] locales = { "en-GB", "es-MX", "zh-CN" };
		String[] zones = { "Europe/London", "America/Mexico_City", "Asia/Shanghai" };
		long start;
		try (KafkaProducer<String, byte[]> producer = producer(infrastructure.kafkaBootstrapServers())) {
			start = System.nanoTime();
			for (int i = 0; i < n; i++) {
				String ticket = tickets.get(i);
				Instant now = Instant.now();
				send(producer, codec, new TicketOpenedV1(ticket, "email", "cust-" + i, address(run, i), "Customer " + i,
						locales[i % 3], "Subject " + i, "The export does nothing", now, zones[i % 3], "standard"));
				published.put(ticket, System.nanoTime());
				send(producer, codec,
						new TicketTriagedV1(ticket, "triage-" + ticket, "normal", now.plusSeconds(86_400), now));
				if (rate > 0) {
					long due = start + (long) ((i + 1) * 1e9 / rate);
					long wait = due - System.nanoTime();
					if (wait > 0) {
						TimeUnit.NANOSECONDS.sleep(wait);
					}
				}
			}
			producer.flush();
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		while (receipted.size() < n && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		long end = receipted.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
		Thread.sleep(1_000);
		consuming.set(false);
		consumer.join(5_000);

		long[] latencies = tickets.stream()
			.filter(receipted::containsKey)
			.mapToLong((t) -> receipted.get(t) - published.get(t))
			.sorted()
			.toArray();
		double seconds = (end - start) / 1e9;
		Map<String, Integer> mails = mailsPerAddress(smtp, run);
		long mailedTwice = mails.values().stream().filter((c) -> c > 1).count();
		long neverMailed = n - mails.size();
		long receiptsTwice = receipts.values().stream().filter((c) -> c > 1).count();
		long neverReceipted = n - receipted.size();
		String label = n + " notifications, " + mode;
		report.add(Report.Figure.of(SCENARIO, label + ": delivered", (double) receipted.size() / seconds, "mails/s")
			.against(report.measured(SCENARIO,
					"raw SMTP send of the same mails, one connection (" + Math.min(n, 2_000) + ")"))
			.goal(">= 1,000 mails/s", 1_000, true));
		if (latencies.length > 0) {
			report.add(Report.Figure.of(SCENARIO, label + ": latency p50", percentile(latencies, 0.50) / 1e6, "ms"));
			report.add(Report.Figure.of(SCENARIO, label + ": latency p99", percentile(latencies, 0.99) / 1e6, "ms")
				.goal("< 5,000 ms", 5_000, false));
		}
		report.add(Report.Figure
			.of(SCENARIO, label + ": mailed twice / never mailed", mailedTwice + neverMailed, "notifications")
			.note(mailedTwice + " / " + neverMailed));
		report.add(Report.Figure
			.of(SCENARIO, label + ": receipts twice / missing", receiptsTwice + neverReceipted, "notifications")
			.note(receiptsTwice + " / " + neverReceipted));
		return new Defects(mailedTwice, neverMailed, receiptsTwice, neverReceipted);
	}

	private static ConfigurableApplicationContext start(TestInfrastructure infrastructure, EmbeddedSmtp smtp) {
		Map<String, Object> properties = new LinkedHashMap<>(
				infrastructure.springProperties(NotificationServiceApplication.NAME));
		properties.put("server.port", 0);
		properties.put("spring.mail.host", smtp.host());
		properties.put("spring.mail.port", smtp.port());
		properties.put("ticketloop.surveys.signing-secret", "benchmark-survey-signing-secret-0123456789");
		properties.put("logging.level.org.apache.kafka", "WARN");
		properties.put("logging.level.org.axonframework", "WARN");
		properties.put("logging.level.de.bwaldvogel", "WARN");
		properties.put("logging.level.com.icegreen.greenmail", "WARN");
		return BenchServices.start(NotificationServiceApplication.builder(), properties);
	}

	private static final String RAW_TEXT = "Hola Ana:\n\nGracias por contactarnos. Hemos recibido su solicitud «Asunto» y "
			+ "la hemos registrado como el ticket 5b6f2006-f073-4406-bc8a-147f5e3293cb.\n\nLe responderemos a más "
			+ "tardar el 24 de noviembre de 2026 a las 7:47 a.m. GMT-6.\n\nSu equipo de soporte\n\n--\nTicket ";

	private static final String RAW_HTML = "<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"></head>"
			+ "<body style=\"margin:0;padding:24px;background:#f6f7f9;font-family:Helvetica,Arial,sans-serif\">"
			+ "<div style=\"max-width:600px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px\">"
			+ "<p>Hola Ana:</p><p>Gracias por contactarnos. Hemos recibido su solicitud «Asunto {i}» y la hemos "
			+ "registrado como el ticket 5b6f2006-f073-4406-bc8a-147f5e3293cb.</p><p><strong>Le responderemos a más "
			+ "tardar el 24 de noviembre de 2026 a las 7:47 a.m. GMT-6.</strong></p><p>Su equipo de soporte</p>"
			+ "<hr style=\"border:none;border-top:1px solid #d0d7de\"><p style=\"font-size:12px;color:#59636e\">"
			+ "Ticket {i}. Responda a este mensaje para añadir algo a su solicitud.</p></div></body></html>";

	/**
	 * The SMTP server's own pace: Jakarta Mail over one connection, no service, mails of
	 * the same shape (multipart text and HTML) and size as the notifications.
	 */
	private static double rawSmtpRate(EmbeddedSmtp smtp, int n) throws Exception {
		Properties props = new Properties();
		props.put("mail.smtp.host", smtp.host());
		props.put("mail.smtp.port", Integer.toString(smtp.port()));
		Session session = Session.getInstance(props);
		long start;
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect();
			start = System.nanoTime();
			for (int i = 0; i < n; i++) {
				MimeMessage message = new MimeMessage(session);
				message.setFrom(new InternetAddress("support@ticketloop.local"));
				message.setRecipient(Message.RecipientType.TO, new InternetAddress("raw-" + i + "@example.com"));
				message.setSubject("Hemos recibido su solicitud: Asunto " + i, "UTF-8");
				// the same shape and size as a notification: text and HTML alternatives
				jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
				text.setText(RAW_TEXT + i, "UTF-8", "plain");
				jakarta.mail.internet.MimeBodyPart html = new jakarta.mail.internet.MimeBodyPart();
				html.setText(RAW_HTML.replace("{i}", Integer.toString(i)), "UTF-8", "html");
				message.setContent(new jakarta.mail.internet.MimeMultipart("alternative", text, html));
				message.saveChanges();
				transport.sendMessage(message, message.getAllRecipients());
			}
		}
		return n / ((System.nanoTime() - start) / 1e9);
	}

	private static Thread receiptsConsumer(String kafka, java.util.Set<String> ours, Map<String, Long> receipted,
			Map<String, Integer> receipts, AtomicBoolean consuming) {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.GROUP_ID_CONFIG,
						"bench-receipts-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
						ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000),
				new StringDeserializer(), new ByteArrayDeserializer());
		consumer.subscribe(List.of(Topics.NOTIFICATION_RECEIPTS));
		while (consumer.assignment().isEmpty()) {
			consumer.poll(Duration.ofMillis(100));
		}
		consumer.seekToEnd(consumer.assignment());
		consumer.assignment().forEach(consumer::position);
		CloudEventCodec codec = new CloudEventCodec();
		return Thread.ofPlatform().name("bench-receipts").start(() -> {
			try (consumer) {
				while (consuming.get()) {
					for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
						long now = System.nanoTime();
						CloudEvent event = codec.read(record.value()).orElse(null);
						if (event != null && event.data() instanceof NotificationDeliveredV1 delivered
								&& ours.contains(delivered.ticketId())) {
							receipted.putIfAbsent(delivered.ticketId(), now);
							receipts.merge(delivered.ticketId(), 1, Integer::sum);
						}
					}
				}
			}
		});
	}

	private static KafkaProducer<String, byte[]> producer(String kafka) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG,
				"all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
	}

	private static void send(KafkaProducer<String, byte[]> producer, CloudEventCodec codec, IntegrationEvent data) {
		CloudEvent event = CloudEvent.of(UUID.randomUUID().toString(), "/ticketloop/ticket-service", Instant.now(),
				data);
		producer.send(new ProducerRecord<>(EventType.of(data).topic(), data.subjectId(), codec.write(event)));
	}

	private static String address(String run, int i) {
		return "bench-" + run + "-" + i + "@example.com";
	}

	private static Map<String, Integer> mailsPerAddress(EmbeddedSmtp smtp, String run) throws Exception {
		Map<String, Integer> counts = new HashMap<>();
		String prefix = "bench-" + run + "-";
		for (MimeMessage message : smtp.receivedMessages()) {
			String to = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.map(Object::toString)
				.findFirst()
				.orElse("");
			if (to.startsWith(prefix)) {
				counts.merge(to, 1, Integer::sum);
			}
		}
		return counts;
	}

	private static double percentile(long[] sorted, double p) {
		return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
	}

}
