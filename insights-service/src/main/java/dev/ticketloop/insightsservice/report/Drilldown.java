package dev.ticketloop.insightsservice.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.ticketloop.insightsservice.facts.FactStore;

import org.springframework.stereotype.Component;

/**
 * The ratings behind one cell of the satisfaction report, with what the customers wrote:
 * read from the sheets of the period's tickets (not pre-aggregated: a lead opens one cell
 * at a time).
 */
@Component
public class Drilldown {

	/** At most this many ratings, the latest first. */
	public static final int LIMIT = 500;

	private final FactStore facts;

	public Drilldown(FactStore facts) {
		this.facts = facts;
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
