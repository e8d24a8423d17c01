package dev.ticketloop.insightsservice.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.ticketloop.insightsservice.tagging.FeedbackTagger;
import org.bson.Document;

/**
 * A ticket as the reports see it, read from its fact sheet: its dimensions and how far it
 * went through the loop.
 *
 * @param dimensions the value of each {@link Dimension} ({@code unknown} when not known)
 * @param resolved resolved now (not reopened since its last resolution) or closed
 * @param closed closed for good
 * @param sla every SLA target met or breached, oldest first
 * @param rating the customer's latest rating, if any
 * @param customerRef who the customer is, as the channel knows them (null until the
 * opening is read)
 * @param templates the answer templates used in its replies and resolutions
 * @param issues the engineering issues it is linked to, and when it was linked
 * @param locale the customer's locale at the opening (null until it is read)
 * @param feedback what the customer wrote: the latest rating's comment and the messages
 */
public record TicketFact(String ticketId, Instant openedAt, Map<Dimension, String> dimensions, boolean automatic,
		boolean singleReply, boolean clarified, boolean escalated, boolean waitingForRelease, boolean told,
		boolean resolved, boolean closed, List<SlaOutcome> sla, Optional<Rating> rating, String customerRef,
		Set<String> templates, Map<String, Instant> issues, String locale, List<Feedback> feedback) {

	/**
	 * A text the customer wrote: the comment of the latest rating, or a message.
	 *
	 * @param source {@code comment} or {@code message}
	 * @param text what was written; null once it is past its retention
	 * @param tagged its tags as they were when its text was forgotten; null while the
	 * text is kept
	 */
	public record Feedback(String source, String text, Instant at, FeedbackTagger.Tags tagged) {

		public Feedback(String source, String text, Instant at) {
			this(source, text, at, null);
		}

		/** Its tags: those kept with it, or the tagger's now. */
		public FeedbackTagger.Tags tags(FeedbackTagger tagger, String language) {
			return (this.tagged != null) ? this.tagged : tagger.tag(this.text, language);
		}

	}

	/** The language its texts are read in: the triaged one, else the opening's locale. */
	public String textLanguage() {
		return UNKNOWN.equals(dimension(Dimension.LANGUAGE)) ? this.locale : dimension(Dimension.LANGUAGE);
	}

	public static final String UNKNOWN = "unknown";

	/** An SLA target's outcome: met (within its limit or late) or breached. */
	public record SlaOutcome(String target, String policy, boolean met, boolean within, long elapsedSeconds,
			Instant at) {
	}

	/** A CSAT rating, 1 to 5, and what the customer wrote. */
	public record Rating(int score, String comment, Instant at) {
	}

	public String dimension(Dimension dimension) {
		return this.dimensions.get(dimension);
	}

	/** The ticket's sheet as {@code FactStore} keeps it. */
	public static TicketFact from(Document sheet) {
		Map<Dimension, String> dimensions = new java.util.EnumMap<>(Dimension.class);
		dimensions.put(Dimension.ALL, Dimension.ALL.wireName());
		dimensions.put(Dimension.CHANNEL, value(sheet.getString("channel")));
		dimensions.put(Dimension.TIER,
				value((sheet.getString("tier") != null) ? sheet.getString("tier") : sheet.getString("triageTier")));
		dimensions.put(Dimension.CATEGORY, value(sheet.getString("category")));
		dimensions.put(Dimension.TEAM, value(sheet.getString("team")));
		dimensions.put(Dimension.LANGUAGE, value(sheet.getString("language")));
		dimensions.put(Dimension.PLATFORM, value(sheet.getString("platform")));
		dimensions.put(Dimension.AGENT,
				value(latest(sheet, "assignments").map((a) -> a.getString("agent")).orElse(null)));
		Optional<Document> resolution = latest(sheet, "resolutions");
		Instant lastReopening = entries(sheet, "reopenings").stream()
			.map(TicketFact::at)
			.max(Comparator.naturalOrder())
			.orElse(Instant.MIN);
		boolean closed = !entries(sheet, "closings").isEmpty();
		boolean resolved = closed || resolution.map((r) -> at(r).isAfter(lastReopening)).orElse(false);
		boolean automatic = entries(sheet, "resolutions").stream().anyMatch((r) -> r.getBoolean("automatic", false));
		boolean singleReply = resolved && resolution.map((r) -> r.getBoolean("singleReply", false)).orElse(false);
		boolean told = entries(sheet, "resolutions").stream()
			.anyMatch(
					(r) -> "fix-released".equals(r.getString("cause")) || "fix-declined".equals(r.getString("cause")));
		List<SlaOutcome> sla = new ArrayList<>();
		for (Document outcome : entries(sheet, "sla")) {
			boolean met = "met".equals(outcome.getString("kind"));
			sla.add(new SlaOutcome(outcome.getString("target"), value(outcome.getString("policy")), met,
					met && outcome.getBoolean("within", false),
					met ? outcome.get("elapsed", Number.class).longValue() : 0, at(outcome)));
		}
		sla.sort(Comparator.comparing(SlaOutcome::at));
		Optional<Rating> rating = latest(sheet, "ratings")
			.map((r) -> new Rating(r.get("score", Number.class).intValue(), r.getString("comment"), at(r)));
		Date opened = sheet.getDate("openedAt");
		Set<String> templates = new TreeSet<>();
		for (String field : List.of("replies", "resolutions")) {
			entries(sheet, field).stream()
				.map((entry) -> entry.getString("templateId"))
				.filter((id) -> id != null && !id.isBlank())
				.forEach(templates::add);
		}
		Map<String, Instant> issues = new TreeMap<>();
		entries(sheet, "issues").forEach((link) -> issues.put(link.getString("key"), at(link)));
		List<Feedback> feedback = new ArrayList<>();
		rating.filter((r) -> r.comment() != null && !r.comment().isBlank())
			.ifPresent((r) -> feedback.add(new Feedback("comment", r.comment(), r.at())));
		for (Document message : entries(sheet, "messages")) {
			String text = message.getString("text");
			String sentiment = message.getString("sentiment");
			if (text != null && !text.isBlank()) {
				feedback.add(new Feedback("message", text, at(message)));
			}
			else if (sentiment != null) {
				feedback.add(new Feedback("message", null, at(message),
						new FeedbackTagger.Tags(FeedbackTagger.Sentiment.valueOf(sentiment.toUpperCase(Locale.ROOT)),
								message.get("score", Number.class).doubleValue(),
								message.getList("topics", String.class, List.of()))));
			}
		}
		feedback.sort(Comparator.comparing(Feedback::at));
		return new TicketFact(sheet.getString("_id"), (opened != null) ? opened.toInstant() : null, dimensions,
				automatic, singleReply, !entries(sheet, "clarifications").isEmpty(),
				!entries(sheet, "escalations").isEmpty(), !entries(sheet, "fixScheduled").isEmpty(), told, resolved,
				closed, List.copyOf(sla), rating, sheet.getString("customerRef"), Set.copyOf(templates),
				Map.copyOf(issues), sheet.getString("locale"), List.copyOf(feedback));
	}

	private static String value(String value) {
		return (value == null || value.isBlank()) ? UNKNOWN : value;
	}

	/** The entries kept under event ids: documents, or plain times. */
	private static List<Document> entries(Document sheet, String field) {
		Document map = sheet.get(field, Document.class);
		if (map == null) {
			return List.of();
		}
		List<Document> entries = new ArrayList<>(map.size());
		map.forEach((id, value) -> entries
			.add((value instanceof Document document) ? document : new Document("at", value).append("_key", id)));
		return entries;
	}

	/**
	 * The latest entry by time; of two at the same time, the one of the greater event id.
	 */
	private static Optional<Document> latest(Document sheet, String field) {
		Document map = sheet.get(field, Document.class);
		if (map == null) {
			return Optional.empty();
		}
		Document latest = null;
		String latestKey = null;
		for (Map.Entry<String, Object> entry : map.entrySet()) {
			Document value = (Document) entry.getValue();
			int order = (latest == null) ? 1 : at(value).compareTo(at(latest));
			if (order > 0 || (order == 0 && entry.getKey().compareTo(latestKey) > 0)) {
				latest = value;
				latestKey = entry.getKey();
			}
		}
		return Optional.ofNullable(latest);
	}

	private static Instant at(Document entry) {
		Object at = entry.get("at");
		return (at instanceof Date date) ? date.toInstant() : Instant.MIN;
	}

}
