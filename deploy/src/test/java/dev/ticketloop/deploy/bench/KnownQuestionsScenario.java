package dev.ticketloop.deploy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.ticketloop.deploy.RunningSystem;
import dev.ticketloop.routingservice.classification.KnowledgeIndex;
import dev.ticketloop.routingservice.classification.Suggester;
import dev.ticketloop.routingservice.classification.SuggestionSettings;
import dev.ticketloop.routingservice.template.AutoAnswerGuard;
import dev.ticketloop.routingservice.template.LiveTemplate;
import dev.ticketloop.routingservice.template.MatchCalibration;
import dev.ticketloop.routingservice.template.SeedLibrary;
import dev.ticketloop.routingservice.template.TemplateMatcher;
import dev.ticketloop.routingservice.template.TemplateSettings;
import dev.ticketloop.testsupport.KnownQuestions;
import dev.ticketloop.testsupport.KnownQuestions.Ticket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Known questions answered by the system (issue 16): the held-out half of the labelled
 * corpus ({@link KnownQuestions}, even numbers: 80 tickets a language, 57 or 58 of them
 * answerable) is opened over HTTP on the running system, whose seed library is the
 * corpus's templates and whose thresholds come from the calibration half; per language,
 * the share of answerable tickets routing answered automatically (coverage) and the share
 * of its automatic answers that were the right template (precision). Beside them, in the
 * same run, a plain word-overlap matcher (TF-IDF cosine of words, routing's known-issue
 * index) with the same guards, calibrated on the same half for the same target precision,
 * in process, and routing's matcher without its sentence embeddings (words alone, its own
 * calibration), in process. And the rates of both (ticket text in, suggestions out, in
 * process) next to intake's.
 */
final class KnownQuestionsScenario {

	static final String SCENARIO = "9 known questions";

	static final String AGENT_KEY = "bench-agent-key-000001";

	private static final double TARGET = 0.95;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private KnownQuestionsScenario() {
	}

	/** What routing did with one held-out ticket. */
	private record Decision(Ticket ticket, String answeredWith) {
	}

	static void run(Report report, RunningSystem system) throws Exception {
		List<Ticket> heldOut = KnownQuestions.tickets().stream().filter((t) -> !t.calibration()).toList();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		List<Decision> decisions = new ArrayList<>();
		try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
			List<Future<Decision>> pending = new ArrayList<>();
			for (Ticket t : heldOut) {
				pending.add(clients.submit(() -> decide(http, system, t)));
			}
			for (Future<Decision> f : pending) {
				decisions.add(f.get());
			}
		}
		Map<String, double[]> baseline = wordOverlap();
		Map<String, double[]> before = wordsAlone();
		for (String language : KnownQuestions.LANGUAGES) {
			int answerable = 0;
			int answered = 0;
			int right = 0;
			int wronglyAnswered = 0;
			for (Decision d : decisions) {
				if (!d.ticket().language().equals(language)) {
					continue;
				}
				answerable += (d.ticket().expected() != null) ? 1 : 0;
				if (d.answeredWith() != null) {
					if (d.answeredWith().equals(d.ticket().expected())) {
						right++;
					}
					else if (d.ticket().expected() == null) {
						wronglyAnswered++;
					}
					answered += (d.ticket().expected() != null) ? 1 : 0;
				}
			}
			int allAnswered = answered + wronglyAnswered;
			double[] words = baseline.get(language);
			Report.Figure wordsPrecision = Report.Figure.of(SCENARIO, language + ": word overlap precision", words[0],
					"%");
			Report.Figure wordsCoverage = Report.Figure.of(SCENARIO, language + ": word overlap coverage", words[1],
					"%");
			report.add(Report.Figure
				.of(SCENARIO, language + ": precision of automatic answers",
						(allAnswered == 0) ? Double.NaN : 100.0 * right / allAnswered, "%")
				.against(wordsPrecision)
				.goal(">= 95 %", 95, true)
				.note(right + " right of " + allAnswered + " answered (" + wronglyAnswered
						+ " of them tickets no template may answer)"));
			report.add(Report.Figure
				.of(SCENARIO, language + ": coverage of answerable tickets", 100.0 * answered / answerable, "%")
				.against(wordsCoverage)
				.goal(">= 60 %", 60, true)
				.note(answered + " of " + answerable + " answerable held-out tickets answered automatically"));
			report.add(Report.Figure
				.of(SCENARIO, language + ": words alone (in process) precision", before.get(language)[0], "%")
				.note("the matcher without sentence embeddings, its own calibration"));
			report.add(Report.Figure
				.of(SCENARIO, language + ": words alone (in process) coverage", before.get(language)[1], "%")
				.note("the matcher without sentence embeddings, its own calibration"));
		}
		matchingRate(report, heldOut);
	}

	/** Opens the ticket, waits for routing's suggestions, and tells what answered it. */
	private static Decision decide(HttpClient http, RunningSystem system, Ticket t) throws Exception {
		String body = JSON.writeValueAsString(Map.of(
				"channel", "email", "customerRef", "kq-" + t.id(), "contact", Map.of("email",
						"kq-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "name", "Customer"),
				"locale", t.language(), "subject", t.subject(), "body", t.body()));
		HttpResponse<String> opened = http
			.send(HttpRequest.newBuilder(URI.create(system.ticketServiceUrl() + "/tickets"))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.header("X-Api-Key", IntakeScenario.ADAPTER_KEY)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (opened.statusCode() != 201) {
			throw new IllegalStateException("Ticket " + t.id() + " not opened: " + opened.statusCode());
		}
		String ticketId = JSON.readTree(opened.body()).get("ticketId").asString();
		long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < until) {
			HttpResponse<String> suggestions = http.send(HttpRequest
				.newBuilder(URI.create(system.routingServiceUrl() + "/tickets/" + ticketId + "/suggestions"))
				.timeout(Duration.ofSeconds(30))
				.header("X-Api-Key", AGENT_KEY)
				.build(), HttpResponse.BodyHandlers.ofString());
			if (suggestions.statusCode() == 200) {
				for (JsonNode s : JSON.readTree(suggestions.body()).get("suggestions")) {
					if (s.get("kind").asString().equals("template") && s.get("action").asString().equals("answer")) {
						return new Decision(t, s.get("ref").asString());
					}
				}
				return new Decision(t, null);
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("Routing did not triage ticket " + t.id() + " within 60 s");
	}

	/**
	 * Word overlap, calibrated on the calibration half for the target and measured on the
	 * held-out half, per language: {precision %, coverage %}.
	 */
	private static Map<String, double[]> wordOverlap() throws Exception {
		List<LiveTemplate> templates = SeedLibrary.shipped()
			.stream()
			.map((s) -> new LiveTemplate(s.id(), 1, s.content(), true))
			.toList();
		Map<String, double[]> figures = new LinkedHashMap<>();
		TemplateMatcher matcher = new TemplateMatcher();
		matcher.accept(templates);
		AutoAnswerGuard guard = new AutoAnswerGuard(matcher);
		try (KnowledgeIndex words = new KnowledgeIndex()) {
			for (LiveTemplate t : templates) {
				t.content()
					.answers()
					.forEach((language, answer) -> words
						.put(new KnowledgeIndex.Entry("template", t.id() + "@" + language, t.content().title(),
								String.join("\n", t.content().questions().getOrDefault(language, List.of())) + "\n"
										+ answer,
								true)));
			}
			List<Ticket> tickets = KnownQuestions.tickets();
			for (String language : KnownQuestions.LANGUAGES) {
				List<Map.Entry<Double, Boolean>> calibration = new ArrayList<>();
				for (Ticket t : tickets) {
					if (t.calibration() && t.language().equals(language)) {
						best(words, guard, templates, t).ifPresent(
								(b) -> calibration.add(Map.entry(b.getValue(), b.getKey().equals(t.expected()))));
					}
				}
				OptionalDouble threshold = new MatchCalibration(
						Map.of(language, MatchCalibration.calibrate(calibration)))
					.threshold(language, TARGET);
				int answerable = 0;
				int answered = 0;
				int right = 0;
				int all = 0;
				for (Ticket t : tickets) {
					if (t.calibration() || !t.language().equals(language)) {
						continue;
					}
					answerable += (t.expected() != null) ? 1 : 0;
					Optional<Map.Entry<String, Double>> b = best(words, guard, templates, t);
					if (threshold.isPresent() && b.isPresent() && b.get().getValue() >= threshold.getAsDouble()) {
						all++;
						right += b.get().getKey().equals(t.expected()) ? 1 : 0;
						answered += (t.expected() != null) ? 1 : 0;
					}
				}
				figures.put(language,
						new double[] { (all == 0) ? Double.NaN : 100.0 * right / all, 100.0 * answered / answerable });
			}
		}
		return figures;
	}

	/**
	 * Word overlap's best template for a ticket, in its language, and its score; none
	 * when the same guards as the matcher's hold the ticket back.
	 */
	private static Optional<Map.Entry<String, Double>> best(KnowledgeIndex words, AutoAnswerGuard guard,
			List<LiveTemplate> templates, Ticket t) {
		return words.similarTo(t.text(), 0.0001, 30)
			.stream()
			.filter((m) -> m.entry().ref().endsWith("@" + t.language()))
			.findFirst()
			.map((m) -> Map.entry(m.entry().ref().substring(0, m.entry().ref().indexOf('@')), m.score()))
			.filter((b) -> guard
				.holdBack(t.subject(), t.body(), t.language(),
						templates.stream().filter((l) -> l.id().equals(b.getKey())).findFirst().orElseThrow())
				.isEmpty());
	}

	/**
	 * The matcher as routing runs it (words and meaning), then words alone, each with its
	 * guards and its calibration, in process, over the held-out tickets, against intake.
	 */
	private static void matchingRate(Report report, List<Ticket> heldOut) {
		Optional<Report.Figure> intake = IntakeScenario.rate(report);
		for (TemplateSettings.Matching matching : TemplateSettings.Matching.values()) {
			TemplateMatcher matcher = matching.matcher();
			matcher.accept(
					SeedLibrary.shipped().stream().map((s) -> new LiveTemplate(s.id(), 1, s.content(), true)).toList());
			Suggester suggester = new Suggester(new KnowledgeIndex(), new SuggestionSettings(0.25, 0.6), matcher,
					new AutoAnswerGuard(matcher), MatchCalibration.shipped(matching), TARGET, matching.suggestAt());
			Map<String, String> values = new HashMap<>();
			values.put("ticketId", "T-1");
			heldOut.forEach((t) -> suggester.suggest(t.subject(), t.body(), t.language(), values)); // warm-up
			int rounds = (matching == TemplateSettings.Matching.WORDS) ? 20 : 4;
			long start = System.nanoTime();
			for (int i = 0; i < rounds; i++) {
				heldOut.forEach((t) -> suggester.suggest(t.subject(), t.body(), t.language(), values));
			}
			double seconds = Baselines.seconds(start);
			String name = matching.name().toLowerCase(Locale.ROOT).replace('_', '-');
			report.add(Report.Figure
				.of(SCENARIO, "matching (" + name + ") with guards, one thread, in process",
						rounds * heldOut.size() / seconds, "tickets/s")
				.against(intake)
				.note(String.format(Locale.ROOT, "%d tickets x %d rounds in %.1f s", heldOut.size(), rounds, seconds)));
		}
	}

	/**
	 * The matcher without sentence embeddings, with its guards and its own shipped
	 * calibration, on the held-out half, per language: {precision %, coverage %}.
	 */
	private static Map<String, double[]> wordsAlone() {
		TemplateMatcher matcher = TemplateSettings.Matching.WORDS.matcher();
		matcher
			.accept(SeedLibrary.shipped().stream().map((s) -> new LiveTemplate(s.id(), 1, s.content(), true)).toList());
		Suggester suggester = new Suggester(new KnowledgeIndex(), new SuggestionSettings(0.25, 0.6), matcher,
				new AutoAnswerGuard(matcher), MatchCalibration.shipped(TemplateSettings.Matching.WORDS), TARGET, 0.15);
		Map<String, double[]> figures = new LinkedHashMap<>();
		for (String language : KnownQuestions.LANGUAGES) {
			int answerable = 0;
			int answered = 0;
			int all = 0;
			int right = 0;
			for (Ticket t : KnownQuestions.tickets()) {
				if (t.calibration() || !t.language().equals(language)) {
					continue;
				}
				answerable += (t.expected() != null) ? 1 : 0;
				Optional<String> answer = suggester.suggest(t.subject(), t.body(), t.language())
					.stream()
					.filter((x) -> x.action().equals("answer"))
					.map((x) -> x.ref())
					.findFirst();
				if (answer.isPresent()) {
					all++;
					right += answer.get().equals(t.expected()) ? 1 : 0;
					answered += (t.expected() != null) ? 1 : 0;
				}
			}
			figures.put(language,
					new double[] { (all == 0) ? Double.NaN : 100.0 * right / all, 100.0 * answered / answerable });
		}
		return figures;
	}

}
