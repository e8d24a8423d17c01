package dev.ticketloop.insightsservice.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.ticketloop.insightsservice.facts.FactStore;
import dev.ticketloop.insightsservice.tagging.FeedbackTagger;

import org.springframework.stereotype.Component;

/**
 * The ratings behind one cell of the satisfaction report, with what the customers wrote,
 * and the texts behind one cell of the feedback report: read from the sheets of the
 * period's tickets (not pre-aggregated: a lead opens one cell at a time).
 */
@Component
public class Drilldown {

	/** At most this many ratings, the latest first. */
	public static final int LIMIT = 500;

	private final FactStore facts;

	private final FeedbackTagger tagger;

	public Drilldown(FactStore facts, FeedbackTagger tagger) {
		this.facts = facts;
		this.tagger = tagger;
	}

	/**
	 * A text a customer wrote, with its tags; {@code text} null for a message past its
	 * retention (its tags are kept, so the cell's count stays).
	 */
	public record TextRow(String ticketId, String source, String text, Instant at, String sentiment, double score,
			List<String> topics, String channel, String platform, String category) {
	}

	public record Texts(LocalDate from, LocalDate to, String by, String value, String source, String sentiment,
			String topic, long total, List<TextRow> texts) {
	}

	/**
	 * The texts behind one cell of the feedback report: the tickets opened in the period
	 * with {@code value} of {@code by}, their texts of the source ({@code all} for both)
	 * tagged with the sentiment ({@code all} for any) and the topic (null for any).
	 */
	public Texts texts(LocalDate from, LocalDate to, Dimension by, String value, String source, String sentiment,
			String topic) {
		List<TextRow> rows = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			for (var sheet : this.facts.tickets(this.facts.ticketsOf(day.toString()))) {
				TicketFact ticket = TicketFact.from(sheet);
				if (ticket.openedAt() == null || !ticket.dimension(by).equals(value)) {
					continue;
				}
				String language = ticket.textLanguage();
				for (TicketFact.Feedback text : ticket.feedback()) {
					FeedbackTagger.Tags tags = text.tags(this.tagger, language);
					List<String> topics = tags.topics().isEmpty() ? List.of(FeedbackTagger.NO_TOPIC) : tags.topics();
					if ((source.equals("all") || source.equals(text.source()))
							&& (sentiment.equals("all") || sentiment.equals(tags.sentiment().wireName()))
							&& (topic == null || topics.contains(topic))) {
						rows.add(new TextRow(ticket.ticketId(), text.source(), text.text(), text.at(),
								tags.sentiment().wireName(), tags.score(), topics, ticket.dimension(Dimension.CHANNEL),
								ticket.dimension(Dimension.PLATFORM), ticket.dimension(Dimension.CATEGORY)));
					}
				}
			}
		}
		rows.sort(Comparator.comparing(TextRow::at).reversed());
		return new Texts(from, to, by.wireName(), value, source, sentiment, topic, rows.size(),
				rows.subList(0, Math.min(LIMIT, rows.size())));
	}

	public record RatingRow(String ticketId, int score, String comment, Instant ratedAt, String channel,
			String platform, String category) {
	}

	public record Ratings(LocalDate from, LocalDate to, String category, String by, String value, long total,
			List<RatingRow> ratings) {
	}

	public Ratings ratings(LocalDate from, LocalDate to, String category, Dimension by, String value) {
		List<RatingRow> rows = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			for (var sheet : this.facts.tickets(this.facts.ticketsOf(day.toString()))) {
				TicketFact ticket = TicketFact.from(sheet);
				if (ticket.openedAt() == null || ticket.rating().isEmpty()
						|| !ticket.dimension(Dimension.CATEGORY).equals(category)
						|| !ticket.dimension(by).equals(value)) {
					continue;
				}
				TicketFact.Rating rating = ticket.rating().get();
				rows.add(new RatingRow(ticket.ticketId(), rating.score(), rating.comment(), rating.at(),
						ticket.dimension(Dimension.CHANNEL), ticket.dimension(Dimension.PLATFORM),
						ticket.dimension(Dimension.CATEGORY)));
			}
		}
		rows.sort(Comparator.comparing(RatingRow::ratedAt).reversed());
		return new Ratings(from, to, category, by.wireName(), value, rows.size(),
				rows.subList(0, Math.min(LIMIT, rows.size())));
	}

}
