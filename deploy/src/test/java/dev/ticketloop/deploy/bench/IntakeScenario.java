package dev.ticketloop.deploy.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.json.JsonMapper;

/**
 * Intake over real HTTP: concurrent channel adapters open tickets with {@code POST
 * /tickets} (API key, JSON body, as an adapter would). Figures: tickets created per
 * second, p50 and p99 latency per request, peak heap and resident memory of the JVM while
 * it runs. Correctness: every request answered 201 with a distinct ticket.
 */
final class IntakeScenario {

	static final String SCENARIO = "1 intake";

	static final String ADAPTER_KEY = "bench-email-adapter-key-01";

	private IntakeScenario() {
	}

	/**
	 * @return the number of tickets created (must equal {@code tickets})
	 */
	static int run(Report report, String ticketServiceUrl, int clients, int tickets) throws Exception {
		return run(report, ticketServiceUrl, clients, tickets, "");
	}

	/**
	 * @param where how the services run, added to the figures' names ("" when they share
	 * this JVM, whose memory is then reported too)
	 * @return the number of tickets created (must equal {@code tickets})
	 */
	static int run(Report report, String ticketServiceUrl, int clients, int tickets, String where) throws Exception {
		return run(report, List.of(ticketServiceUrl), clients, tickets, where);
	}

	/**
	 * As {@link #run(Report, String, int, int, String)}, the requests spread over several
	 * instances of ticket-service.
	 */
	static int run(Report report, List<String> ticketServiceUrls, int clients, int tickets, String where)
			throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		JsonMapper json = JsonMapper.builder().build();
		for (String url : ticketServiceUrls) {
			warmUp(http, url, Math.min(200, tickets));
		}
		AtomicInteger next = new AtomicInteger();
		long[] latencies = new long[tickets];
		Set<String> created = ConcurrentHashMap.newKeySet();
		AtomicInteger failures = new AtomicInteger();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong peakHeap = new AtomicLong();
		AtomicLong peakRss = new AtomicLong();
		Thread sampler = Thread.ofPlatform().daemon().start(() -> {
			while (running.get()) {
				peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
						Math::max);
				peakRss.accumulateAndGet(residentBytes(), Math::max);
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		CountDownLatch done = new CountDownLatch(clients);
		long start = System.nanoTime();
		for (int c = 0; c < clients; c++) {
			Thread.ofPlatform().name("intake-client-" + c).start(() -> {
				try {
					for (int i = next.getAndIncrement(); i < tickets; i = next.getAndIncrement()) {
						long sent = System.nanoTime();
						HttpResponse<String> response = http.send(
								request(ticketServiceUrls.get(i % ticketServiceUrls.size()), i),
								HttpResponse.BodyHandlers.ofString());
						latencies[i] = System.nanoTime() - sent;
						if (response.statusCode() == 201) {
							created.add(json.readTree(response.body()).get("ticketId").asString());
						}
						else {
							failures.incrementAndGet();
						}
					}
				}
				catch (Exception ex) {
					failures.incrementAndGet();
				}
				finally {
					done.countDown();
				}
			});
		}
		done.await();
		double seconds = Baselines.seconds(start);
		running.set(false);
		sampler.join();
		Arrays.sort(latencies);
		String suffix = where.isEmpty() ? "" : ", " + where;
		report.add(Report.Figure
			.of(SCENARIO, "tickets created over HTTP, " + clients + " clients" + suffix, tickets / seconds, "tickets/s")
			.against(report.measured(Baselines.SCENARIO, Baselines.MONGO_INSERT))
			.goal(">= 2,000 tickets/s", 2000, true));
		report.add(Report.Figure.of(SCENARIO, "latency p50" + suffix, percentile(latencies, 0.50) / 1e6, "ms"));
		report.add(Report.Figure.of(SCENARIO, "latency p99" + suffix, percentile(latencies, 0.99) / 1e6, "ms")
			.goal("< 50 ms", 50, false));
		report.add(
				Report.Figure.of(SCENARIO, "failed requests" + suffix, failures.get(), "requests").goal("0", 0, false));
		if (!where.isEmpty()) {
			return created.size();
		}
		report.add(Report.Figure
			.of("5 memory", "whole system in one JVM: peak heap used while intake runs", peakHeap.get() >> 20, "MiB")
			.note("all three services, the broker, the store and the SMTP server share this one JVM; "
					+ "per service: the figures measured with the services in their own JVMs"));
		if (peakRss.get() > 0) {
			report.add(
					Report.Figure.of("5 memory", "whole system in one JVM: peak resident set (VmRSS) while intake runs",
							peakRss.get() >> 20, "MiB"));
		}
		return created.size();
	}

	private static void warmUp(HttpClient http, String url, int requests) throws Exception {
		for (int i = 0; i < requests; i++) {
			http.send(request(url, -1 - i), HttpResponse.BodyHandlers.discarding());
		}
	}

	private static HttpRequest request(String url, int i) {
		String body = "{\"channel\":\"email\",\"customerRef\":\"bench-" + i + "\",\"contact\":{\"email\":\"intake-" + i
				+ "@example.com\",\"name\":\"Customer " + i + "\"},\"locale\":\"en-GB\",\"subject\":\"Export broken "
				+ i + "\",\"body\":\"The export button does nothing since this morning.\"}";
		return HttpRequest.newBuilder(URI.create(url + "/tickets"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", ADAPTER_KEY)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private static double percentile(long[] sorted, double p) {
		return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
	}

	/** The process's resident memory (Linux), or 0 where /proc is not there. */
	private static long residentBytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (Exception ex) {
			// not Linux
		}
		return 0;
	}

	/** The intake rate measured earlier in the same run, if intake ran. */
	static java.util.Optional<Report.Figure> rate(Report report) {
		return report.figures()
			.stream()
			.filter((f) -> f.scenario().equals(SCENARIO) && f.name().startsWith("tickets created over HTTP"))
			.findFirst();
	}

}
