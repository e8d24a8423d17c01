package dev.ticketloop.deploy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.ticketloop.insightsservice.InsightsServiceApplication;
import dev.ticketloop.insightsservice.report.DayTotals;
import dev.ticketloop.insightsservice.report.Dimension;
import dev.ticketloop.insightsservice.report.TicketFact;
import dev.ticketloop.insightsservice.report.TicketFact.Rating;
import dev.ticketloop.insightsservice.report.TicketFact.SlaOutcome;
import dev.ticketloop.insightsservice.report.Totals;
import dev.ticketloop.insightsservice.report.TotalsStore;
import dev.ticketloop.insightsservice.tagging.FeedbackTagger;
import dev.ticketloop.testsupport.FeedbackCorpus;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.bson.Document;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scenario 10 (issue 18): the reports' latency with {@code tickets} tickets in the read
 * models, spread over a year. The day totals are made by the service's own code
 * ({@link DayTotals}) from generated tickets (channels, tiers, categories, teams,
 * languages, platforms, agents, SLA outcomes, ratings) and stored by its own store; the
 * tickets' fact sheets are not loaded (no report reads them). Each report is then asked
 * over HTTP, for 30 days and for a year, beside the raw MongoDB read of the same day
 * documents by {@code _id} in the same run.
 */
final class ReportsScenario {

	static final String SCENARIO = "10 reports";

	static final String KEY = "bench-lead-key-0001";

	private static final int DAYS = 365;

	private static final int REQUESTS = 200;

	private static final FeedbackTagger TAGGER = new FeedbackTagger();

	/** What the customers who comment write: the labelled corpus's texts. */
	private static final List<FeedbackCorpus.Text> COMMENTS = FeedbackCorpus.texts();

	private ReportsScenario() {
	}

	static void run(Report report, TestInfrastructure infrastructure, int tickets) throws Exception {
		Map<String, Object> properties = new LinkedHashMap<>(
				infrastructure.springProperties(InsightsServiceApplication.NAME));
		properties.put("server.port", 0);
		properties.put("ticketloop.security.api-keys[0].name", "lead");
		properties.put("ticketloop.security.api-keys[0].key", KEY);
		properties.put("ticketloop.security.api-keys[0].role", "LEAD");
		properties.put("logging.level.org.apache.kafka", "WARN");
		properties.put("logging.level.org.axonframework", "WARN");
		properties.put("logging.level.de.bwaldvogel", "WARN");
		String database = String.valueOf(properties.get("ticketloop.mongodb.database"));
		ConfigurableApplicationContext service = BenchServices.start(InsightsServiceApplication.builder(), properties);
		try (MongoClient client = MongoClients.create(infrastructure.mongoConnectionString())) {
			LocalDate last = LocalDate.of(2026, 12, 6);
			LocalDate first = last.minusDays(DAYS - 1);
			TotalsStore store = service.getBean(TotalsStore.class);
			Random random = new Random(18);
			long computing = 0;
			long writing = 0;
			int perDay = tickets / DAYS;
			for (int d = 0; d < DAYS; d++) {
				LocalDate day = first.plusDays(d);
				int count = perDay + ((d < tickets % DAYS) ? 1 : 0);
				List<TicketFact> facts = new ArrayList<>(count);
				for (int i = 0; i < count; i++) {
					facts.add(ticket(random, day));
				}
				long start = System.nanoTime();
				Totals totals = DayTotals.of(facts, TAGGER);
				long computed = System.nanoTime();
				store.write(day.toString(), 1, totals);
				writing += System.nanoTime() - computed;
				computing += computed - start;
			}
			report.add(Report.Figure.of(SCENARIO, "tickets in the day totals (a year, " + perDay + " a day)", tickets,
					"tickets"));
			report.add(Report.Figure.of(SCENARIO, "adding up a day's tickets (DayTotals, in process)",
					tickets / (computing / 1e9), "tickets/s"));
			report.add(Report.Figure.of(SCENARIO, "writing a day's totals", writing / 1e6 / DAYS, "ms per day"));
			MongoCollection<Document> days = client.getDatabase(database).getCollection(TotalsStore.DAY_TOTALS);
			MongoCollection<Document> months = client.getDatabase(database).getCollection(TotalsStore.MONTH_TOTALS);
			long counters = 0;
			for (Document section : days.find(Filters.regex("_id", "^" + last + "/"))) {
				counters += section.getList("names", String.class).size();
			}
			report.add(Report.Figure.of(SCENARIO, "counters in one day's totals (all sections)", counters, "counters"));
			TotalsStore.Ids month = TotalsStore.ids(last.minusDays(29), last, "f|channel");
			report.add(latency(SCENARIO, "raw MongoDB _id lookup of one day's section, p99", 0.99,
					() -> days.find(Filters.eq("_id", last + "/f|channel")).first()));
			String url = "http://localhost:"
					+ ((org.springframework.boot.web.server.context.WebServerApplicationContext) service).getWebServer()
						.getPort();
			HttpClient http = HttpClient.newHttpClient();
			String monthPeriod = "from=" + last.minusDays(29) + "&to=" + last;
			String yearPeriod = "from=" + first + "&to=" + last;
			// each report beside the raw read of the very documents it reads, in the same
			// run
			Map<String, String> reports = new LinkedHashMap<>();
			reports.put("/reports/funnel?by=channel&" + monthPeriod, "f|channel");
			reports.put("/reports/funnel?by=agent&" + yearPeriod, "f|agent");
			reports.put("/reports/sla?" + yearPeriod, "s");
			reports.put("/reports/csat?by=platform&" + yearPeriod, "c|category-platform");
			reports.put("/reports/top-questions?" + yearPeriod, "q");
			reports.put("/reports/feedback?by=platform&" + yearPeriod, "t|platform");
			for (Map.Entry<String, String> entry : reports.entrySet()) {
				String path = entry.getKey();
				boolean wholeYear = path.contains(yearPeriod);
				TotalsStore.Ids ids = wholeYear ? TotalsStore.ids(first, last, entry.getValue()) : month;
				Report.Figure raw = latency(SCENARIO, "raw MongoDB read of section " + entry.getValue() + " by _id ("
						+ ids.months().size() + " months, " + ids.days().size() + " days), p99", 0.99,
						() -> read(days, months, ids));
				report.add(raw);
				String name = "GET " + path.replaceAll("from=.*", wholeYear ? "(365 days)" : "(30 days)");
				report.add(latency(SCENARIO, name + ", p50", 0.5, () -> get(http, url + path)));
				report.add(latency(SCENARIO, name + ", p99", 0.99, () -> get(http, url + path)).against(raw)
					.goal("< 100 ms", 100, false));
			}
		}
		finally {
			service.close();
		}
	}

	private static void read(MongoCollection<Document> days, MongoCollection<Document> months, TotalsStore.Ids ids) {
		if (!ids.months().isEmpty()) {
			months.find(Filters.in("_id", ids.months())).into(new ArrayList<>());
		}
		days.find(Filters.in("_id", ids.days())).into(new ArrayList<>());
	}

	private static void get(HttpClient http, String url) {
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", KEY).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The q-quantile of {@link #REQUESTS} calls, after 20 not counted, in ms. */
	private static Report.Figure latency(String scenario, String name, double q, Runnable call) {
		for (int i = 0; i < 20; i++) {
			call.run();
		}
		long[] nanos = new long[REQUESTS];
		for (int i = 0; i < REQUESTS; i++) {
			long start = System.nanoTime();
			call.run();
			nanos[i] = System.nanoTime() - start;
		}
		java.util.Arrays.sort(nanos);
		int rank = (int) Math.ceil(q * REQUESTS) - 1;
		return Report.Figure.of(scenario, name, nanos[rank] / 1e6, "ms");
	}

	private static final String[] CHANNELS = { "email", "chat", "app", "social" };

	private static final String[] TIERS = { "standard", "vip", "marketplace", "unknown" };

	private static final String[] CATEGORIES = { "billing", "export", "login", "sync", "notifications", "payments",
			"account", "performance", "crash", "other", "unknown" };

	private static final String[] TEAMS = { "billing-team", "tech-team", "accounts-team", "mobile-team" };

	private static final String[] LANGUAGES = { "en", "es", "zh" };

	private static final String[] PLATFORMS = { "ios", "android", "web", "windows", "macos", "linux", "unknown" };

	private static final String[] TARGETS = { "first_response", "next_response", "resolution" };

	/** A ticket of that day, somewhere along the loop. */
	private static TicketFact ticket(Random random, LocalDate day) {
		Instant opened = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(random.nextInt(86_400));
		Map<Dimension, String> dimensions = new EnumMap<>(Dimension.class);
		dimensions.put(Dimension.ALL, "all");
		dimensions.put(Dimension.CHANNEL, pick(random, CHANNELS));
		dimensions.put(Dimension.TIER, pick(random, TIERS));
		dimensions.put(Dimension.CATEGORY, pick(random, CATEGORIES));
		dimensions.put(Dimension.TEAM, pick(random, TEAMS));
		dimensions.put(Dimension.LANGUAGE, pick(random, LANGUAGES));
		dimensions.put(Dimension.PLATFORM, pick(random, PLATFORMS));
		dimensions.put(Dimension.AGENT, "agent-" + random.nextInt(60));
		boolean automatic = random.nextInt(5) == 0;
		boolean clarified = !automatic && random.nextInt(4) == 0;
		boolean escalated = !automatic && random.nextInt(8) == 0;
		boolean waiting = escalated && random.nextBoolean();
		boolean told = waiting && random.nextBoolean();
		boolean resolved = automatic || told || random.nextInt(10) < 8;
		boolean single = resolved && !clarified && !escalated && random.nextInt(3) > 0;
		boolean closed = resolved && random.nextBoolean();
		List<SlaOutcome> sla = new ArrayList<>();
		String policy = dimensions.get(Dimension.TIER).equals("vip") ? "vip" : "standard";
		for (String target : TARGETS) {
			if (random.nextInt(3) > 0) {
				long elapsed = random.nextLong(20_000);
				boolean met = random.nextInt(10) > 0;
				sla.add(new SlaOutcome(target, policy, met, met && elapsed < 14_400, met ? elapsed : 0,
						opened.plusSeconds(elapsed)));
			}
		}
		Optional<Rating> rating = (resolved && random.nextInt(3) == 0) ? Optional.of(new Rating(1 + random.nextInt(5),
				random.nextBoolean() ? COMMENTS.get(random.nextInt(COMMENTS.size())).text() : null,
				opened.plusSeconds(90_000))) : Optional.empty();
		List<TicketFact.Feedback> feedback = rating.filter((r) -> r.comment() != null)
			.map((r) -> List.of(new TicketFact.Feedback("comment", r.comment(), r.at())))
			.orElse(List.of());
		// what comes back: 40 templates, 200 known issues
		Set<String> templates = (automatic || random.nextInt(4) == 0) ? Set.of("tpl-" + random.nextInt(40)) : Set.of();
		Map<String, Instant> issues = escalated ? Map.of("ISS-" + random.nextInt(200), opened.plusSeconds(3_600))
				: Map.of();
		return new TicketFact("t", opened, dimensions, automatic, single, clarified, escalated, waiting, told, resolved,
				closed, sla, rating, "customer-" + random.nextInt(500_000), templates, issues, null, feedback);
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

}
