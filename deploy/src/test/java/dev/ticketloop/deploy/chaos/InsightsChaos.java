package dev.ticketloop.deploy.chaos;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.insights.EmergingIssueV1;
import dev.ticketloop.contracts.insights.WeeklyReportV1;
import dev.ticketloop.deploy.LoopReports;
import dev.ticketloop.deploy.processes.ServiceProcesses;
import dev.ticketloop.testsupport.LoopFigures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/**
 * The measurement side under {@code kill -9}: while insights-service instances are killed
 * (and the broker pauses, at full size), customers report one problem nobody has told
 * engineering about, again and again, and an operator replays the topics into the
 * reports. Afterwards every report must be what the events on the topics say
 * ({@link LoopFigures} over every distinct event of the run: funnel, SLA attainment,
 * satisfaction, the report to engineering), the problem must have been published as
 * emerging under one id, every later publication of an emerging problem must be a
 * doubling (or the same event again: the at-least-once window), and every weekly report
 * must have been published as one event.
 */
final class InsightsChaos {

	static final String SCENARIO = "insights";

	private static final CloudEventCodec CODEC = new CloudEventCodec();

	/** One problem in the words of several customers. */
	private static final List<String[]> BURST = List.of(
			new String[] { "Invoice PDF download fails",
					"The invoice PDF download fails every time, the download button spins and no PDF arrives" },
			new String[] { "Cannot download invoice PDF",
					"I cannot download the PDF of my invoice, the download just spins forever" },
			new String[] { "PDF invoice will not download",
					"Downloading the invoice as PDF fails, the button spins and nothing is downloaded" },
			new String[] { "Invoice download broken",
					"Invoice PDF download is broken: spinning button, no PDF file downloaded" });

	private InsightsChaos() {
	}

	static void run(Run run, int burst, int kills, int pauses) throws Exception {
		int errorsBefore = run.api.serverErrorCount();
		List<String> insights = run.system.allUrls(ServiceProcesses.INSIGHTS);
		run.killer.start(SCENARIO, List.of(ServiceProcesses.INSIGHTS), kills, pauses, Duration.ofSeconds(2),
				Duration.ofSeconds(6));
		List<Callable<String>> opening = new ArrayList<>();
		for (int i = 0; i < burst; i++) {
			String customer = run.id + "-insights-" + i;
			String[] text = BURST.get(i % BURST.size());
			opening.add(() -> open(run, customer, text[0], text[1]));
		}
		Set<String> reported = new LinkedHashSet<>(Run.inParallel(2, opening));
		Api.Answer replay = run.api.call(insights, "POST", "/operations/insights/replay", null,
				ChaosSystem.OPERATOR_KEY);
		long generation = (replay.status() == 202) ? replay.body().path("generation").asLong() : -1;
		run.killer.finish();
		boolean replayed = Run.await(Duration.ofMinutes(3), () -> {
			try {
				JsonNode state = run.api
					.call(run.system.urls(ServiceProcesses.INSIGHTS), "GET", "/operations/insights/replay", null,
							ChaosSystem.OPERATOR_KEY)
					.body();
				return state.path("generation").asLong() == generation
						&& "running".equals(state.path("state").asString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return true;
			}
		});

		// every report as the events on the topics say, once insights has read them all:
		// both read again until they agree (an event published meanwhile, a triage after
		// a
		// broker pause, is in both)
		String from = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
		String to = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
		Map<String, Object> expected = new TreeMap<>();
		Map<String, Object> shown = new TreeMap<>();
		int[] events = new int[1];
		Run.await(Duration.ofMinutes(3), () -> {
			try {
				List<IntegrationEvent> read = distinct(run, Topics.TICKET_EVENTS, Topics.ROUTING_DECISIONS,
						Topics.ENGINEERING_ISSUES);
				events[0] = read.size();
				expected.clear();
				expected.putAll(LoopReports.expected(new LoopFigures(read), from, to));
				shown.clear();
				shown.putAll(LoopReports.shown((path) -> report(run, run.system.urls(ServiceProcesses.INSIGHTS), path),
						"from=" + from + "&to=" + to));
				return shown.equals(expected);
			}
			catch (Exception ex) {
				return false;
			}
		});
		List<String> differing = new ArrayList<>();
		expected.forEach((report, figure) -> {
			if (!Objects.equals(figure, shown.get(report))) {
				differing.add(report + ": expected " + figure + ", shown " + shown.get(report));
			}
		});

		// what insights published
		Map<String, List<CloudEvent>> emerging = new LinkedHashMap<>();
		Map<String, Set<String>> weekly = new TreeMap<>();
		for (ConsumerRecord<String, byte[]> record : RepublishChaos.readAll(run.system.kafka(),
				Topics.INSIGHTS_REPORTS)) {
			CloudEvent event = CODEC.read(record.value()).orElseThrow();
			if (event.data() instanceof EmergingIssueV1 problem) {
				emerging.computeIfAbsent(problem.emergingId(), (k) -> new ArrayList<>()).add(event);
			}
			else if (event.data() instanceof WeeklyReportV1 report) {
				weekly.computeIfAbsent(report.reportId(), (k) -> new LinkedHashSet<>()).add(event.id());
			}
		}
		Set<String> burstIds = new LinkedHashSet<>();
		long notDoubled = 0;
		long repeated = 0;
		long publications = 0;
		for (Map.Entry<String, List<CloudEvent>> problem : emerging.entrySet()) {
			Map<String, Long> sizeById = new LinkedHashMap<>();
			for (CloudEvent event : problem.getValue()) {
				EmergingIssueV1 data = (EmergingIssueV1) event.data();
				if (data.examples().stream().anyMatch((example) -> reported.contains(example.ticketId()))) {
					burstIds.add(problem.getKey());
				}
				if (sizeById.putIfAbsent(event.id(), data.ticketsInWindow()) != null) {
					repeated++;
				}
			}
			publications += sizeById.size();
			long last = 0;
			for (long size : sizeById.values()) {
				if (last > 0 && size < 2 * last) {
					notDoubled++;
				}
				last = size;
			}
		}
		long weeklyTwice = weekly.values().stream().filter((ids) -> ids.size() > 1).count();

		run.count("tickets", reported.size());
		run.count("operations", reported.size() + 1L);
		run.check(SCENARIO, "every report what the events on the topics say, after a replay", expected.size(),
				differing.size() + (replayed ? 0 : 1), 0,
				String.format("%d distinct events; replay %s%s", events[0],
						replayed ? "done" : "NOT DONE in 3 min (" + replay.text() + ")",
						differing.isEmpty() ? "" : "; " + String.join("; ", differing)));
		run.check(SCENARIO, "the problem customers repeat published as emerging, under one id", reported.size(),
				(burstIds.size() == 1) ? 0 : 1, 0, burstIds.size() + " emerging ids carry its tickets");
		run.check(SCENARIO, "an emerging problem published again only when doubled", publications, notDoubled, repeated,
				emerging.size() + " problems, " + publications + " publications, " + repeated
						+ " records repeating one (same id)");
		run.check(SCENARIO, "each week's report published once", Math.max(1, weekly.size()),
				weeklyTwice + (weekly.isEmpty() ? 1 : 0), 0, weekly.keySet().toString());
		run.check(SCENARIO, "no correct request answered 5xx", reported.size() + 1L,
				run.api.serverErrorCount() - errorsBefore, 0, run.api.serverErrors().toString());
	}

	private static String open(Run run, String customer, String subject, String body) throws InterruptedException {
		String request = """
				{"channel":"email","customerRef":"%s","contact":{"email":"%s@chaos.example","name":"C"},
				 "locale":"en","subject":"%s","body":"%s","platform":"web"}""".formatted(customer, customer, subject,
				body);
		Api.Answer answer = run.api.call(run.tickets(), "POST", "/tickets", request, ChaosSystem.EMAIL_KEY,
				Map.of("Idempotency-Key", "key-" + customer), Duration.ofMinutes(3));
		if (answer.status() != 201) {
			throw new IllegalStateException(
					"Intake refused a correct request: " + answer.status() + " " + answer.text());
		}
		return answer.field("ticketId");
	}

	/** Every distinct event (by CloudEvents id) on these topics now. */
	private static List<IntegrationEvent> distinct(Run run, String... topics) {
		Map<String, IntegrationEvent> byId = new HashMap<>();
		for (String topic : topics) {
			for (ConsumerRecord<String, byte[]> record : RepublishChaos.readAll(run.system.kafka(), topic)) {
				CODEC.read(record.value()).ifPresent((event) -> byId.putIfAbsent(event.id(), event.data()));
			}
		}
		return new ArrayList<>(byId.values());
	}

	private static JsonNode report(Run run, List<String> insights, String path) throws InterruptedException {
		Api.Answer answer = run.api.call(insights, "GET", path, null, ChaosSystem.AGENT_KEY);
		if (answer.status() != 200) {
			throw new IllegalStateException(path + ": " + answer.status() + " " + answer.text());
		}
		return answer.body();
	}

}
