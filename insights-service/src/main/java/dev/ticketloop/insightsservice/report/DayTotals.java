package dev.ticketloop.insightsservice.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ticketloop.insightsservice.tagging.FeedbackTagger;

import dev.ticketloop.insightsservice.report.TicketFact.SlaOutcome;

/**
 * What a set of tickets adds up to: every figure of the funnel, SLA and satisfaction
 * reports, for every value of every dimension. The names of the counters:
 * <ul>
 * <li>{@code f|<dimension>|<value>|<step>}: tickets that reached the step;
 * {@code f|<dimension>|<value>|<step>|left}: resolved or closed tickets whose furthest
 * step it was; {@code f|<dimension>|<value>|resolved};</li>
 * <li>{@code s|<target>|<policy>|<team>|within}, {@code |late}: targets met within their
 * limit or late; {@code |breached-unmet}: targets breached and not met since; and the
 * histogram {@code s|<target>|<policy>|<team>} of the working times of the targets met
 * ({@link WorkingTimeBins});</li>
 * <li>{@code c|category-channel|<category>|<channel>|<score>} and
 * {@code c|category-platform|<category>|<platform>|<score>}: the latest rating of each
 * rated ticket;</li>
 * <li>{@code q|tickets}, {@code q|category|<category>}, {@code q|template|<id>},
 * {@code q|issue|<key>}: tickets, by category, answered with each template, linked to
 * each engineering issue (what comes back most);</li>
 * <li>{@code t|<dimension>|<value>|<source>|<sentiment>} and
 * {@code t|<dimension>|<value>|<source>|<sentiment>|<topic>}: the customers' texts
 * (source {@code comment} or {@code message}) by the sentiment and topics
 * {@link FeedbackTagger} finds in them.</li>
 * </ul>
 */
public final class DayTotals {

	private DayTotals() {
	}

	/** The dimensions feedback is counted by. */
	static final List<Dimension> FEEDBACK_DIMENSIONS = List.of(Dimension.ALL, Dimension.CHANNEL, Dimension.TIER,
			Dimension.CATEGORY, Dimension.TEAM, Dimension.LANGUAGE, Dimension.PLATFORM);

	public static Totals of(List<TicketFact> tickets, FeedbackTagger tagger) {
		Totals totals = new Totals();
		for (TicketFact ticket : tickets) {
			if (ticket.openedAt() == null) {
				continue; // its opening has not arrived yet: it counts once it has
			}
			funnel(ticket, totals);
			sla(ticket, totals);
			csat(ticket, totals);
			questions(ticket, totals);
			feedback(ticket, totals, tagger);
		}
		return totals;
	}

	private static void funnel(TicketFact ticket, Totals totals) {
		FunnelStep furthest = FunnelStep.furthest(ticket);
		boolean ended = ticket.resolved() || ticket.closed();
		for (Dimension dimension : Dimension.values()) {
			String value = ticket.dimension(dimension);
			String d = dimension.wireName();
			for (FunnelStep step : FunnelStep.values()) {
				if (step.reachedBy(ticket)) {
					totals.add(1, "f", d, value, step.wireName());
				}
			}
			if (ended) {
				totals.add(1, "f", d, value, furthest.wireName(), "left");
			}
			if (ticket.resolved()) {
				totals.add(1, "f", d, value, "resolved");
			}
		}
	}

	private static void sla(TicketFact ticket, Totals totals) {
		String team = ticket.dimension(Dimension.TEAM);
		Map<String, SlaOutcome> last = new HashMap<>();
		for (SlaOutcome outcome : ticket.sla()) {
			last.put(outcome.target(), outcome);
			if (outcome.met()) {
				String[] cell = { "s", outcome.target(), outcome.policy(), team };
				totals.add(1, concat(cell, outcome.within() ? "within" : "late"));
				totals.addToHistogram(WorkingTimeBins.bin(outcome.elapsedSeconds()), cell);
			}
		}
		last.values()
			.stream()
			.filter((outcome) -> !outcome.met())
			.forEach((outcome) -> totals.add(1, "s", outcome.target(), outcome.policy(), team, "breached-unmet"));
	}

	private static void csat(TicketFact ticket, Totals totals) {
		ticket.rating().ifPresent((rating) -> {
			String score = Integer.toString(rating.score());
			String category = ticket.dimension(Dimension.CATEGORY);
			totals.add(1, "c", "category-channel", category, ticket.dimension(Dimension.CHANNEL), score);
			totals.add(1, "c", "category-platform", category, ticket.dimension(Dimension.PLATFORM), score);
		});
	}

	private static void feedback(TicketFact ticket, Totals totals, FeedbackTagger tagger) {
		if (ticket.feedback().isEmpty()) {
			return;
		}
		String language = ticket.textLanguage();
		for (TicketFact.Feedback text : ticket.feedback()) {
			FeedbackTagger.Tags tags = text.tags(tagger, language);
			String sentiment = tags.sentiment().wireName();
			List<String> topics = tags.topics().isEmpty() ? List.of(FeedbackTagger.NO_TOPIC) : tags.topics();
			for (Dimension dimension : FEEDBACK_DIMENSIONS) {
				String d = dimension.wireName();
				String value = ticket.dimension(dimension);
				totals.add(1, "t", d, value, text.source(), sentiment);
				for (String topic : topics) {
					totals.add(1, "t", d, value, text.source(), sentiment, topic);
				}
			}
		}
	}

	private static void questions(TicketFact ticket, Totals totals) {
		totals.add(1, "q", "tickets");
		totals.add(1, "q", "category", ticket.dimension(Dimension.CATEGORY));
		ticket.templates().forEach((template) -> totals.add(1, "q", "template", template));
		ticket.issues().keySet().forEach((issue) -> totals.add(1, "q", "issue", issue));
	}

	private static String[] concat(String[] parts, String... more) {
		String[] all = new String[parts.length + more.length];
		System.arraycopy(parts, 0, all, 0, parts.length);
		System.arraycopy(more, 0, all, parts.length, more.length);
		return all;
	}

}
