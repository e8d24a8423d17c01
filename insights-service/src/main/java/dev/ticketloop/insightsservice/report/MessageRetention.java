package dev.ticketloop.insightsservice.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ticketloop.insightsservice.facts.FactStore;
import dev.ticketloop.insightsservice.tagging.FeedbackTagger;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What customers wrote in their messages is kept on the tickets' sheets only as long as
 * their texts are kept for grouping ({@code ticketloop.insights.emerging.text-retention},
 * 30 days by default): then each message's text is replaced by its tags (sentiment,
 * score, topics), which the totals and the feedback drill-down read from then on, so the
 * counts stay what they were. Works by opening day: the tickets opened before the
 * retention's start, once an hour, by the materializer's leader; a day changed since (a
 * message delivered again) is gone through again. CSAT comments stay: a customer writes
 * them to be read, and the CSAT drill-down shows them.
 */
@Component
public class MessageRetention {

	private static final Logger log = LoggerFactory.getLogger(MessageRetention.class);

	private final FactStore facts;

	private final FeedbackTagger tagger;

	private final Duration retention;

	private volatile Instant lastRun = Instant.MIN;

	MessageRetention(FactStore facts, FeedbackTagger tagger,
			@Value("${ticketloop.insights.emerging.text-retention:30d}") Duration retention) {
		this.facts = facts;
		this.tagger = tagger;
		this.retention = retention;
	}

	/** Once an hour: forgets the messages of the days past the retention. */
	void forgetIfDue(Instant now) {
		if (now.isBefore(this.lastRun.plus(Duration.ofHours(1)))) {
			return;
		}
		forget(now);
		this.lastRun = now;
	}

	/**
	 * Replaces by their tags the texts of the messages of the tickets opened before the
	 * day the retention starts; how many.
	 */
	public int forget(Instant now) {
		String start = LocalDate.ofInstant(now.minus(this.retention), ZoneOffset.UTC).toString();
		int forgotten = 0;
		for (Map.Entry<String, Long> day : this.facts.daysWithMessagesBefore(start).entrySet()) {
			for (Document sheet : this.facts.tickets(this.facts.ticketsOf(day.getKey()))) {
				Document messages = sheet.get("messages", Document.class);
				if (messages == null) {
					continue;
				}
				String language = TicketFact.from(sheet).textLanguage();
				Map<String, Document> tagged = new LinkedHashMap<>();
				messages.forEach((id, message) -> {
					String text = (message instanceof Document m) ? m.getString("text") : null;
					if (text != null) {
						FeedbackTagger.Tags tags = this.tagger.tag(text, language);
						tagged.put(id,
								new Document("sentiment", tags.sentiment().wireName()).append("score", tags.score())
									.append("topics", tags.topics()));
					}
				});
				this.facts.forgetMessages(sheet.getString("_id"), tagged);
				forgotten += tagged.size();
			}
			this.facts.messagesForgotten(day.getKey(), day.getValue());
		}
		if (forgotten > 0) {
			log.info("Forgot the texts of {} messages past their retention ({}), their tags kept", forgotten,
					this.retention);
		}
		return forgotten;
	}

}
