package dev.ticketloop.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ticketloop.infra.embedded.EmbeddedKafka;
import dev.ticketloop.infra.embedded.EmbeddedMongo;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The whole system on the embedded default, in one process: a real Kafka broker (KRaft),
 * the mongo-java-server stand-in for MongoDB (H2 file, so data survives a restart), a
 * local SMTP server that prints what it receives, and the three services. For trying
 * things out and demos; production runs each service against real Kafka and MongoDB.
 */
public final class LocalSystem {

	/**
	 * Development keys, printed at start; never use them anywhere but on your machine.
	 */
	static final List<SystemConfig.ApiKey> DEV_KEYS = List.of(
			new SystemConfig.ApiKey("email-adapter", "dev-email-adapter-key", "ADAPTER", "email"),
			new SystemConfig.ApiKey("chat-adapter", "dev-chat-adapter-key", "ADAPTER", "chat"),
			new SystemConfig.ApiKey("agent", "dev-agent-key-0001", "AGENT", null),
			new SystemConfig.ApiKey("operator", "dev-operator-key-01", "OPERATOR", null),
			new SystemConfig.ApiKey("engineering-ci", "dev-engineering-key-01", "ENGINEERING", null));

	private LocalSystem() {
	}

	public static void main(String[] args) {
		System.setProperty("axoniq.update-checker.disabled", "true");
		Path data = Path.of(env("TICKETLOOP_DATA", ".local"));
		EmbeddedKafka kafka = EmbeddedKafka.start(data.resolve("kafka"), Integer.parseInt(env("KAFKA_PORT", "9092")));
		EmbeddedMongo mongo = EmbeddedMongo.onDisk(data.resolve("mongo").resolve("ticketloop.mv"),
				Integer.parseInt(env("MONGO_PORT", "27017")));
		EmbeddedSmtp smtp = EmbeddedSmtp.start(Integer.parseInt(env("SMTP_PORT", "2525")));
		SystemConfig config = new SystemConfig(kafka.bootstrapServers(), mongo.connectionString(), "", smtp.host(),
				smtp.port(), Integer.parseInt(env("TICKET_SERVICE_PORT", "8081")),
				Integer.parseInt(env("ROUTING_SERVICE_PORT", "8082")),
				Integer.parseInt(env("NOTIFICATION_SERVICE_PORT", "8083")), DEV_KEYS, java.util.Map.of());
		RunningSystem system = RunningSystem.start(config);
		ScheduledExecutorService mailPrinter = printMail(smtp);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			mailPrinter.shutdownNow();
			system.close();
			smtp.close();
			mongo.close();
			kafka.close();
		}, "local-system-shutdown"));
		System.out.printf("""

				ticketloop is running (embedded default: real Kafka broker, MongoDB stand-in, local SMTP)
				  ticket-service        %s   (intake, lifecycle, issues and releases: see README)
				  routing-service       %s   (queues, agents, suggestions, SLA what-if: see README)
				  notification-service  %s   (adapters' webhooks, dead letters, surveys: see README)
				  Kafka                 %s
				  MongoDB stand-in      %s   (data in %s; a stand-in, production uses MongoDB)
				  SMTP                  %s:%d   (mail it receives is printed here, its text part)
				Development API keys (header X-Api-Key):
				  email-adapter  dev-email-adapter-key   chat-adapter  dev-chat-adapter-key
				  agent          dev-agent-key-0001      operator      dev-operator-key-01
				  engineering    dev-engineering-key-01  (issue progress and POST /releases)
				Stop with Ctrl+C.
				%n""", system.ticketServiceUrl(), system.routingServiceUrl(), system.notificationServiceUrl(),
				kafka.bootstrapServers(), mongo.connectionString(), data.toAbsolutePath(), smtp.host(), smtp.port());
	}

	private static ScheduledExecutorService printMail(EmbeddedSmtp smtp) {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread thread = new Thread(r, "mail-printer");
			thread.setDaemon(true);
			return thread;
		});
		AtomicInteger printed = new AtomicInteger();
		executor.scheduleWithFixedDelay(() -> {
			List<MimeMessage> messages = smtp.receivedMessages();
			while (printed.get() < messages.size()) {
				MimeMessage message = messages.get(printed.getAndIncrement());
				try {
					System.out.printf("%n--- mail to %s: %s%n%s%n---%n",
							String.join(", ",
									java.util.Arrays.stream(message.getAllRecipients()).map(Object::toString).toList()),
							message.getSubject(), textOf(message.getContent()));
				}
				catch (MessagingException | java.io.IOException ex) {
					System.out.println("--- mail received, unreadable: " + ex.getMessage());
				}
			}
		}, 1, 1, TimeUnit.SECONDS);
		return executor;
	}

	/** The plain-text part of a (multipart) mail. */
	private static String textOf(Object content) throws MessagingException, java.io.IOException {
		if (content instanceof String text) {
			return text;
		}
		if (content instanceof jakarta.mail.Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				jakarta.mail.BodyPart part = multipart.getBodyPart(i);
				String text = part.isMimeType("text/plain") ? (String) part.getContent() : textOf(part.getContent());
				if (text != null && !text.isEmpty()) {
					return text;
				}
			}
		}
		return "";
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
