package dev.ticketloop.deploy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.notification.NotificationDeliveredV1;
import dev.ticketloop.deploy.SystemConfig;
import dev.ticketloop.deploy.processes.ServiceProcesses;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario 7 (issue 22): the same work with one and with two instances of each service,
 * each from its executable jar in its own JVM, in one run: intake over HTTP (the clients
 * spread over the instances) and a release fan-out (the time from the release until every
 * linked customer's receipt is on Kafka). The second instances share the processors'
 * segments and the Kafka partitions; on one machine they also share its cores, which is
 * what the figures show.
 */
final class InstancesScenario {

	static final String SCENARIO = "7 instances";

	private static final String AGENT_KEY = "bench-agent-key-0001";

	private static final String ENGINEERING_KEY = "bench-engineering-key-01";

	private InstancesScenario() {
	}

	/** What must hold in each run: every ticket created, every linked customer told. */
	record Outcome(int requested, int created, int linked, int told) {
	}

	static List<Outcome> run(Report report, TestInfrastructure infrastructure, int clients, int tickets, int fanOut)
			throws Exception {
		List<Outcome> outcomes = new ArrayList<>();
		Report.Figure oneIntake = null;
		Report.Figure oneFanOut = null;
		for (int instances = 1; instances <= 2; instances++) {
			try (EmbeddedSmtp smtp = EmbeddedSmtp.start(0)) {
				SystemConfig config = new SystemConfig(infrastructure.kafkaBootstrapServers(),
						infrastructure.mongoConnectionString(),
						TestInfrastructure.uniqueDatabase("bench-instances") + "-", smtp.host(), smtp.port(),
						freePort(), freePort(), freePort(),
						List.of(new SystemConfig.ApiKey("email-adapter", IntakeScenario.ADAPTER_KEY, "ADAPTER",
								"email"), new SystemConfig.ApiKey("agent", AGENT_KEY, "AGENT", null),
								new SystemConfig.ApiKey("engineering", ENGINEERING_KEY, "ENGINEERING", null)),
						Map.of());
				SharedBroker.startAtEnd(infrastructure.kafkaBootstrapServers(),
						List.of(SharedBroker.groupOf(config.ticketService()),
								SharedBroker.groupOf(config.routingService()),
								SharedBroker.groupOf(config.notificationService())));
				try (ServiceProcesses services = ServiceProcesses.of(config,
						Path.of("target", "benchmarks", "instances-" + instances))) {
					for (int i = 1; i <= instances; i++) {
						services.startInstances(i, ServiceProcesses.SERVICES.toArray(String[]::new));
					}
					// the segments are shared out within a few token claim intervals
					Thread.sleep(10_000);
					List<String> urls = services.instancesOf(ServiceProcesses.TICKET)
						.stream()
						.map((n) -> services.service(n).url())
						.toList();
					String where = instances + " instance" + ((instances > 1) ? "s" : "") + " of each service";
					int created = IntakeScenario.run(report, urls, clients, tickets, where);
					Report.Figure intake = report
						.measured(IntakeScenario.SCENARIO,
								"tickets created over HTTP, " + clients + " clients, " + where)
						.orElseThrow();
					FanOut fan = fanOut(urls, infrastructure.kafkaBootstrapServers(), fanOut);
					Report.Figure fanOutFigure = Report.Figure.of(SCENARIO,
							"release of " + fanOut + " linked tickets: every receipt on Kafka, " + where, fan.seconds(),
							"s");
					if (instances == 1) {
						oneIntake = intake;
						oneFanOut = fanOutFigure;
					}
					else {
						report.add(Report.Figure
							.of(SCENARIO, "intake with 2 instances against 1", intake.value() / oneIntake.value(), "x")
							.note("2x is the ideal; both share 2 cores with the broker and the store here"));
						fanOutFigure = fanOutFigure.against(oneFanOut);
					}
					report.add(fanOutFigure);
					report.add(Report.Figure
						.of(SCENARIO, "customers of the release never told, " + where, fanOut - fan.told(), "customers")
						.goal("0", 0, false));
					outcomes.add(new Outcome(tickets, created, fan.linked(), fan.told()));
				}
			}
		}
		return outcomes;
	}

	private record FanOut(int linked, int told, double seconds) {
	}

	/**
	 * Opens and links {@code n} tickets to a new issue over HTTP, then releases it and
	 * waits for every linked ticket's fix-released receipt on Kafka.
	 */
	private static FanOut fanOut(List<String> urls, String kafka, int n) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		JsonMapper json = JsonMapper.builder().build();
		String issue = json
			.readTree(
					send(http, urls.get(0), "POST", "/issues", "{\"title\":\"Bench: export broken\"}", ENGINEERING_KEY))
			.get("issueKey")
			.asString();
		Set<String> tickets = java.util.concurrent.ConcurrentHashMap.newKeySet();
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				String url = urls.get(i % urls.size());
				int k = i;
				work.add(clients.submit(() -> {
					String ticket = json
						.readTree(send(http, url, "POST", "/tickets",
								"{\"channel\":\"email\",\"customerRef\":\"fan-" + k + "\",\"contact\":{\"email\":\"fan-"
										+ k + "@example.com\"},\"locale\":\"en\",\"subject\":\"Crash " + k
										+ "\",\"body\":\"The app closes itself.\"}",
								IntakeScenario.ADAPTER_KEY))
						.get("ticketId")
						.asString();
					send(http, url, "POST", "/tickets/" + ticket + "/issue-link", "{\"issueKey\":\"" + issue + "\"}",
							AGENT_KEY);
					tickets.add(ticket);
					return null;
				}));
			}
			for (Future<?> f : work) {
				f.get();
			}
		}
		finally {
			clients.shutdownNow();
		}
		CloudEventCodec codec = new CloudEventCodec();
		Set<String> told = new HashSet<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.GROUP_ID_CONFIG,
						"bench-instances-" + issue, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.NOTIFICATION_RECEIPTS));
			while (consumer.assignment().isEmpty()) {
				consumer.poll(Duration.ofMillis(100));
			}
			consumer.seekToEnd(consumer.assignment());
			consumer.assignment().forEach(consumer::position);
			long start = System.nanoTime();
			send(http, urls.get(urls.size() - 1), "POST", "/releases",
					"{\"version\":\"9.9.9\",\"fixedIssues\":[\"" + issue + "\"]}", ENGINEERING_KEY);
			long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
			long last = start;
			while (told.size() < tickets.size() && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					CloudEvent event = codec.read(record.value()).orElse(null);
					if (event != null && event.data() instanceof NotificationDeliveredV1 receipt
							&& "fix_released".equals(receipt.reason()) && tickets.contains(record.key())) {
						told.add(record.key());
						last = System.nanoTime();
					}
				}
			}
			return new FanOut(tickets.size(), told.size(), (last - start) / 1e9);
		}
	}

	private static String send(HttpClient http, String url, String method, String path, String body, String key)
			throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", key)
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
		}
		return response.body();
	}

	private static int freePort() throws java.io.IOException {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000);
			try (java.net.ServerSocket one = new java.net.ServerSocket(port);
					java.net.ServerSocket two = new java.net.ServerSocket(port + 10)) {
				return port;
			}
			catch (java.io.IOException ex) {
				// taken
			}
		}
		throw new java.io.IOException("No free port pair");
	}

}
