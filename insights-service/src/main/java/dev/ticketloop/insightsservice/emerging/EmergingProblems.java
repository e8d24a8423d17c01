package dev.ticketloop.insightsservice.emerging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.ticketloop.contracts.insights.EmergingIssueV1;
import dev.ticketloop.insightsservice.emerging.SimilarTickets.Group;
import dev.ticketloop.insightsservice.emerging.SimilarTickets.Text;
import dev.ticketloop.insightsservice.facts.FactStore;
import dev.ticketloop.insightsservice.publish.ReportPublisher;
import dev.ticketloop.platform.text.TextAnalysis;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Finds problems nobody has told engineering about: among the tickets opened in the last
 * {@code window} and the {@code days-before} days before it that no engineering issue
 * covers (none linked, not escalated, not merged), groups those that say the same thing
 * ({@link SimilarTickets}, on the words {@link TextAnalysis} finds in their language) and
 * calls a group emerging when its tickets in the window are at least {@code min-tickets}
 * and at least {@code rise} times its daily rate before. Each emerging problem is
 * published ({@code dev.ticketloop.insights.emerging-issue.v1}) when first found and
 * again when its tickets in the window have doubled since; it keeps its id while later
 * groups share tickets with it. The last detection is kept for
 * {@code GET /reports/emerging}. Run by the materializer's leader every {@code interval}.
 */
@Component
public class EmergingProblems {

	private static final Logger log = LoggerFactory.getLogger(EmergingProblems.class);

	static final int EXAMPLES = 5;

	static final int TERMS = 8;

	static final int SUBJECT_LENGTH = 160;

	/** The last detection, for the REST API. */
	public record Detection(Instant detectedAt, Instant windowStart, Instant windowEnd, int daysBefore,
			long ticketsLookedAt, long groups, List<EmergingIssueV1> problems) {
	}

	private final FactStore facts;

	private final ReportPublisher publisher;

	private final MongoCollection<Document> published;

	private final MongoCollection<Document> control;

	private final Settings settings;

	private final JsonMapper json = JsonMapper.builder().build();

	private volatile Instant lastRun = Instant.MIN;

	private volatile Instant lastPurge = Instant.MIN;

	/** A problem found, with every one of its tickets (the event shows a few). */
	record Found(EmergingIssueV1 problem, List<String> tickets) {
	}

	/** What a detection found, before the problems are matched with earlier ones. */
	record Findings(Detection detection, List<Found> found) {
	}

	/** How problems are found. */
	record Settings(boolean enabled, Duration interval, Duration window, int daysBefore, int minTickets, double rise,
			double similarity, Duration textRetention) {
	}

	EmergingProblems(FactStore facts, ReportPublisher publisher, MongoDatabase database,
			@Value("${ticketloop.insights.emerging.enabled:true}") boolean enabled,
			@Value("${ticketloop.insights.emerging.interval:5m}") Duration interval,
			@Value("${ticketloop.insights.emerging.window:24h}") Duration window,
			@Value("${ticketloop.insights.emerging.days-before:6}") int daysBefore,
			@Value("${ticketloop.insights.emerging.min-tickets:4}") int minTickets,
			@Value("${ticketloop.insights.emerging.rise:3.0}") double rise,
			@Value("${ticketloop.insights.emerging.similarity:0.25}") double similarity,
			@Value("${ticketloop.insights.emerging.text-retention:30d}") Duration textRetention) {
		this.facts = facts;
		this.publisher = publisher;
		this.published = database.getCollection("insight_emerging");
		this.control = database.getCollection("insight_control");
		this.settings = new Settings(enabled, interval, window, daysBefore, minTickets, rise, similarity,
				textRetention);
	}

	/** Runs {@link #run} when {@code interval} has passed since the last run. */
	public void runIfDue(Instant now) throws Exception {
		if (!this.settings.enabled()) {
			purge(now); // what customers wrote is forgotten all the same
			return;
		}
		if (!now.isBefore(this.lastRun.plus(this.settings.interval()))) {
			run(now);
			this.lastRun = now;
		}
	}

	/**
	 * Detects, keeps the detection, publishes what is new or has doubled, forgets texts
	 * past their retention; the detection.
	 */
	public Detection run(Instant now) throws Exception {
		Findings findings = detect(now);
		Detection detection = findings.detection();
		List<EmergingIssueV1> identified = new ArrayList<>();
		java.util.Set<String> taken = new java.util.HashSet<>();
		for (Found found : findings.found()) {
			identified.add(publishIfNew(found, now, taken));
		}
		Detection kept = new Detection(detection.detectedAt(), detection.windowStart(), detection.windowEnd(),
				detection.daysBefore(), detection.ticketsLookedAt(), detection.groups(), identified);
		this.control.replaceOne(Filters.eq("_id", "emerging"),
				new Document("_id", "emerging").append("detection", this.json.writeValueAsString(kept)),
				new ReplaceOptions().upsert(true));
		purge(now);
		return kept;
	}

	/** Once an hour (the store scans the texts for it): texts past their retention go. */
	private void purge(Instant now) {
		if (!now.isBefore(this.lastPurge.plus(Duration.ofHours(1)))) {
			this.facts.forgetTextsBefore(now.minus(this.settings.textRetention()));
			this.published.deleteMany(Filters.lt("publishedAt", Date.from(now.minus(this.settings.textRetention()))));
			this.lastPurge = now;
		}
	}

	/** The last detection; null before the first. */
	public Detection last() {
		Document found = this.control.find(Filters.eq("_id", "emerging")).first();
		return (found != null) ? this.json.readValue(found.getString("detection"), Detection.class) : null;
	}

	/** The problems as of {@code now}, with provisional ids (none published). */
	Findings detect(Instant now) {
		Instant windowStart = now.minus(this.settings.window());
		Instant from = windowStart.minus(Duration.ofDays(this.settings.daysBefore()));
		List<String> ids = new ArrayList<>();
		for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day
			.isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC)); day = day.plusDays(1)) {
			ids.addAll(this.facts.ticketsOf(day.toString()));
		}
		Map<String, Document> sheets = new HashMap<>();
		for (Document sheet : this.facts.tickets(ids)) {
			Date opened = sheet.getDate("openedAt");
			boolean covered = sheet.containsKey("issues") || sheet.containsKey("escalations")
					|| sheet.containsKey("mergedInto");
			if (opened != null && !covered && !opened.toInstant().isBefore(from) && !opened.toInstant().isAfter(now)) {
				sheets.put(sheet.getString("_id"), sheet);
			}
		}
		List<Text> texts = new ArrayList<>();
		Map<String, Document> textOf = new HashMap<>();
		for (Document text : this.facts.texts(new ArrayList<>(sheets.keySet()))) {
			Document sheet = sheets.get(text.getString("_id"));
			String language = language(sheet.getString("language"), text.getString("locale"));
			String words = String.valueOf(text.getString("subject")) + "\n" + text.getString("body");
			texts.add(new Text(sheet.getString("_id"), sheet.getDate("openedAt").toInstant(),
					TextAnalysis.terms(words, language)));
			textOf.put(sheet.getString("_id"), text);
		}
		List<Group> groups = SimilarTickets.group(texts, this.settings.similarity(), TERMS);
		List<Found> found = new ArrayList<>();
		for (Group group : groups) {
			long recent = group.tickets().stream().filter((t) -> !t.openedAt().isBefore(windowStart)).count();
			long before = group.tickets().size() - recent;
			double rate = (double) before / this.settings.daysBefore();
			if (recent >= this.settings.minTickets() && recent >= this.settings.rise() * rate) {
				found.add(new Found(problem(group, recent, before, windowStart, now, sheets, textOf),
						group.tickets().stream().map(Text::ticketId).toList()));
			}
		}
		found.sort(Comparator.comparingLong((Found f) -> f.problem().ticketsInWindow())
			.reversed()
			.thenComparing((f) -> f.problem().emergingId()));
		return new Findings(new Detection(now, windowStart, now, this.settings.daysBefore(), texts.size(),
				groups.size(), found.stream().map(Found::problem).toList()), found);
	}

	private EmergingIssueV1 problem(Group group, long recent, long before, Instant windowStart, Instant now,
			Map<String, Document> sheets, Map<String, Document> textOf) {
		List<EmergingIssueV1.Example> examples = new ArrayList<>();
		Map<String, Long> categories = new TreeMap<>();
		Map<String, Long> platforms = new TreeMap<>();
		List<Text> latestFirst = new ArrayList<>(group.tickets());
		latestFirst.sort(Comparator.comparing(Text::openedAt).reversed());
		for (Text ticket : latestFirst) {
			Document sheet = sheets.get(ticket.ticketId());
			categories.merge(value(sheet.getString("category")), 1L, Long::sum);
			platforms.merge(value(sheet.getString("platform")), 1L, Long::sum);
			if (examples.size() < EXAMPLES) {
				String subject = textOf.get(ticket.ticketId()).getString("subject");
				examples.add(new EmergingIssueV1.Example(ticket.ticketId(),
						(subject != null && subject.length() > SUBJECT_LENGTH) ? subject.substring(0, SUBJECT_LENGTH)
								: subject,
						ticket.openedAt(), sheet.getString("language"), sheet.getString("platform")));
			}
		}
		return new EmergingIssueV1(idOf(group.tickets().get(0).ticketId()), now, windowStart, now, recent, before,
				this.settings.daysBefore(), group.terms(), examples, counts(categories, EmergingIssueV1.Count::new),
				counts(platforms, EmergingIssueV1.Count::new));
	}

	/**
	 * The problem with the id of an earlier one it shares tickets with; published when it
	 * is new or its tickets in the window have doubled since it was last published.
	 */
	private EmergingIssueV1 publishIfNew(Found found, Instant now, java.util.Set<String> taken) throws Exception {
		EmergingIssueV1 problem = found.problem();
		List<String> all = found.tickets();
		// an earlier problem goes on in at most one of this detection's groups (the
		// largest, which comes first)
		Document earlier = null;
		for (Document candidate : this.published.find(Filters.in("tickets", all))) {
			if (!taken.contains(candidate.getString("_id"))) {
				earlier = candidate;
				break;
			}
		}
		String id = (earlier != null) ? earlier.getString("_id") : problem.emergingId();
		taken.add(id);
		EmergingIssueV1 identified = new EmergingIssueV1(id, problem.detectedAt(), problem.windowStart(),
				problem.windowEnd(), problem.ticketsInWindow(), problem.ticketsBefore(), problem.daysBefore(),
				problem.terms(), problem.examples(), problem.categories(), problem.platforms());
		long lastPublished = (earlier != null) ? earlier.get("ticketsInWindow", Number.class).longValue() : 0;
		int publications = (earlier != null) ? earlier.get("publications", Number.class).intValue() : 0;
		if (earlier == null || problem.ticketsInWindow() >= 2 * lastPublished) {
			this.publisher.publish(ReportPublisher.idOf(id + "/" + (publications + 1)), now, identified);
			// counts only: the words are the customers' (personal data stays out of logs)
			log.info("Emerging problem {}: {} tickets in the window, {} before", id, problem.ticketsInWindow(),
					problem.ticketsBefore());
			this.published.updateOne(Filters.eq("_id", id),
					Updates.combine(Updates.set("ticketsInWindow", problem.ticketsInWindow()),
							Updates.set("publications", publications + 1), Updates.set("publishedAt", Date.from(now)),
							Updates.addEachToSet("tickets", all)),
					new UpdateOptions().upsert(true));
		}
		else {
			this.published.updateOne(Filters.eq("_id", id), Updates.addEachToSet("tickets", all));
		}
		return identified;
	}

	static String idOf(String firstTicket) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(firstTicket.getBytes(StandardCharsets.UTF_8));
			return "emerging-" + HexFormat.of().formatHex(hash).substring(0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The ticket's language: routing's triage, else its locale's. */
	static String language(String triaged, String locale) {
		if (triaged != null && !triaged.isBlank()) {
			return triaged;
		}
		if (locale == null || locale.isBlank()) {
			return null;
		}
		return locale.split("[-_]")[0].toLowerCase(java.util.Locale.ROOT);
	}

	private static String value(String value) {
		return (value == null || value.isBlank()) ? "unknown" : value;
	}

	private static <C> List<C> counts(Map<String, Long> counts, java.util.function.BiFunction<String, Long, C> make) {
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.map((entry) -> make.apply(entry.getKey(), entry.getValue()))
			.toList();
	}

}
