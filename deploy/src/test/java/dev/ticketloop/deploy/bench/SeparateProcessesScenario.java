package dev.ticketloop.deploy.bench;

import dev.ticketloop.deploy.processes.ServiceProcesses;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ticketloop.deploy.SystemConfig;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.testsupport.TestInfrastructure;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Scenarios 1 and 5 with each service in its own JVM, started from its executable jar
 * with its heap capped (see {@link ServiceProcesses}); the broker, the store and the SMTP
 * server stay in this JVM. Intake runs as in {@link IntakeScenario} twice: first with
 * ticket-service alone (what intake costs without the loop behind it), then with
 * routing-service and notification-service running too, after which the loop is awaited:
 * every customer of the second run acknowledged by mail (triaged by routing-service,
 * mailed by notification-service; the first run's tickets are never triaged, the two
 * started at the end of the topics). Figures: intake rate and latency, time until the
 * last acknowledgement, and per service its peak resident set, peak heap used and the
 * largest heap left after a collection (the live set; the baseline is the same after
 * start-up, before the first ticket).
 */
final class SeparateProcessesScenario {

	static final String WHERE = "services in own JVMs";

	static final String ALONE = "ticket-service alone in its JVM";

	static final String MEMORY = "5 memory";

	private SeparateProcessesScenario() {
	}

	/**
	 * What must hold: every ticket created (both runs) and acknowledged, every service
	 * alive.
	 */
	record Outcome(int requested, int createdAlone, int created, int acknowledged) {
	}

	static Outcome run(Report report, TestInfrastructure infrastructure, int clients, int tickets) throws Exception {
		try (EmbeddedSmtp smtp = EmbeddedSmtp.start(0)) {
			// the stand-in and GreenMail log every new collection and mailbox at INFO
			for (String logger : List.of("com.icegreen.greenmail", "de.bwaldvogel")) {
				((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(logger))
					.setLevel(ch.qos.logback.classic.Level.WARN);
			}
			SystemConfig config = new SystemConfig(infrastructure.kafkaBootstrapServers(),
					infrastructure.mongoConnectionString(), TestInfrastructure.uniqueDatabase("bench-jvms") + "-",
					smtp.host(), smtp.port(), freePort(), freePort(), freePort(),
					List.of(new SystemConfig.ApiKey("email-adapter", IntakeScenario.ADAPTER_KEY, "ADAPTER", "email")),
					Map.of());
			try (ServiceProcesses services = ServiceProcesses.of(config,
					Path.of("target", "benchmarks", "processes"))) {
				// ticket-service first, alone: what intake costs it without the loop
				// behind
				SharedBroker.startAtEnd(infrastructure.kafkaBootstrapServers(),
						List.of(SharedBroker.groupOf(config.ticketService())));
				long startup = System.nanoTime();
				services.start(ServiceProcesses.TICKET);
				report.add(Report.Figure
					.of(MEMORY, "ticket-service started, healthy after", Baselines.seconds(startup), "s")
					.note("each service: java -Xmx" + services.maxHeap() + " -jar <service>-exec.jar"));
				Map<String, ServiceProcesses.Memory> idle = new java.util.LinkedHashMap<>();
				idle.put(ServiceProcesses.TICKET, services.memory(ServiceProcesses.TICKET));
				int createdAlone = IntakeScenario.run(report, services.service(ServiceProcesses.TICKET).url(), clients,
						tickets, ALONE);
				// then the loop: routing-service and notification-service from here on
				SharedBroker.startAtEnd(infrastructure.kafkaBootstrapServers(),
						List.of(SharedBroker.groupOf(config.routingService()),
								SharedBroker.groupOf(config.notificationService())));
				startup = System.nanoTime();
				services.start(ServiceProcesses.ROUTING, ServiceProcesses.NOTIFICATION);
				report.add(Report.Figure.of(MEMORY, "routing-service and notification-service started, healthy after",
						Baselines.seconds(startup), "s"));
				for (String name : List.of(ServiceProcesses.ROUTING, ServiceProcesses.NOTIFICATION)) {
					idle.put(name, services.memory(name));
				}
				int created = IntakeScenario.run(report, services.service(ServiceProcesses.TICKET).url(), clients,
						tickets, WHERE);
				long lastRequest = System.nanoTime();
				int acknowledged = awaitAcknowledged(smtp, tickets, Duration.ofSeconds(Math.max(120, tickets / 10)));
				report.add(Report.Figure
					.of(IntakeScenario.SCENARIO,
							"every customer acknowledged by mail, after the last ticket" + ", " + WHERE,
							Baselines.seconds(lastRequest), "s")
					.note(acknowledged + " of " + tickets + " customers mailed"));
				report.add(
						Report.Figure
							.of(IntakeScenario.SCENARIO, "customers never acknowledged, " + WHERE,
									tickets - acknowledged, "customers")
							.goal("0", 0, false));
				for (String name : ServiceProcesses.SERVICES) {
					memoryFigures(report, name, services.memory(name), idle.get(name), services.maxHeap());
				}
				return new Outcome(tickets, createdAlone, created, acknowledged);
			}
		}
	}

	private static void memoryFigures(Report report, String name, ServiceProcesses.Memory memory,
			ServiceProcesses.Memory idle, String maxHeap) {
		report.add(Report.Figure
			.of(MEMORY, name + ": heap left after a collection, largest", mib(memory.maxHeapAfterGcBytes()), "MiB")
			.against(Report.Figure.of(MEMORY, name + ": the same after start-up", mib(idle.maxHeapAfterGcBytes()),
					"MiB"))
			.goal("< 512 MiB heap per service", 512, false)
			.note("-Xmx" + maxHeap + ", stops at OutOfMemoryError; " + memory.collections() + " collections, "
					+ Report.format(memory.pauseMillis()) + " ms paused in all"));
		report.add(Report.Figure.of(MEMORY, name + ": peak heap used (before a collection)",
				mib(memory.peakHeapBytes()), "MiB"));
		report
			.add(Report.Figure.of(MEMORY, name + ": peak resident set (VmHWM)", mib(memory.peakResidentBytes()), "MiB")
				.against(Report.Figure.of(MEMORY, name + ": the same after start-up", mib(idle.peakResidentBytes()),
						"MiB")));
	}

	private static double mib(long bytes) {
		return bytes / (double) (1 << 20);
	}

	/** Customers {@code intake-<n>@example.com} (n >= 0: not the warm-up's) mailed. */
	private static int awaitAcknowledged(EmbeddedSmtp smtp, int tickets, Duration timeout) throws Exception {
		Pattern customer = Pattern.compile("intake-(\\d+)@example\\.com");
		Set<Integer> mailed = new HashSet<>();
		int seen = 0;
		long deadline = System.nanoTime() + timeout.toNanos();
		while (mailed.size() < tickets && System.nanoTime() < deadline) {
			List<MimeMessage> messages = smtp.receivedMessages();
			for (; seen < messages.size(); seen++) {
				for (Address to : recipients(messages.get(seen))) {
					Matcher m = customer.matcher(to.toString());
					if (m.find()) {
						mailed.add(Integer.parseInt(m.group(1)));
					}
				}
			}
			if (mailed.size() < tickets) {
				Thread.sleep(200);
			}
		}
		return mailed.size();
	}

	private static Address[] recipients(MimeMessage message) {
		try {
			Address[] to = message.getAllRecipients();
			return (to != null) ? to : new Address[0];
		}
		catch (MessagingException ex) {
			return new Address[0];
		}
	}

	private static int freePort() throws java.io.IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
