package dev.ticketloop.ticketservice.view;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import dev.ticketloop.platform.security.ApiClient;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists tickets of the read model by status, customer, engineering issue and channel, a
 * page at a time. Pages are ordered by ticket id and continue after the last id of the
 * previous page (keyset paging: a page costs the same however deep, and tickets that
 * change meanwhile are neither skipped nor repeated because of an offset).
 * <p>
 * On MongoDB each filter has a compound index with {@code _id}, so a page is an index
 * range scan. The embedded stand-in ignores secondary indexes: there a page is a scan of
 * the collection (measured in docs/benchmarks.md), acceptable for local runs and tests.
 */
final class TicketSearch {

	private static final Logger log = LoggerFactory.getLogger(TicketSearch.class);

	static final int MAX_LIMIT = 200;

	private TicketSearch() {
	}

	static void createIndexes(MongoCollection<Document> views) {
		for (String field : List.of("status", "customerRef", "issueKey", "channel")) {
			try {
				views.createIndex(Indexes.ascending(field, "_id"));
			}
			catch (MongoException ex) {
				log.warn("Could not create the index on ticket_views.{}: {}", field, ex.getMessage());
			}
		}
	}

	/**
	 * @param after the last ticket id of the previous page, null for the first page
	 */
	static Page find(MongoCollection<Document> views, Criteria criteria, ApiClient client, String after, int limit) {
		List<Bson> filters = new ArrayList<>();
		if (criteria.status() != null) {
			filters.add(Filters.eq("status", criteria.status()));
		}
		if (criteria.customerRef() != null) {
			filters.add(Filters.eq("customerRef", criteria.customerRef()));
		}
		if (criteria.issueKey() != null) {
			filters.add(Filters.eq("issueKey", criteria.issueKey()));
		}
		if (criteria.channel() != null) {
			filters.add(Filters.eq("channel", criteria.channel()));
		}
		client.boundChannel().ifPresent((channel) -> filters.add(Filters.eq("channel", channel)));
		if (after != null) {
			filters.add(Filters.gt("_id", after));
		}
		Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
		List<TicketSummary> items = new ArrayList<>();
		for (Document d : views.find(filter)
			.projection(Projections.exclude("history", "body"))
			.sort(Sorts.ascending("_id"))
			.limit(limit + 1)) {
			items.add(summary(d));
		}
		String next = null;
		if (items.size() > limit) {
			items = items.subList(0, limit);
			next = items.get(limit - 1).ticketId();
		}
		return new Page(List.copyOf(items), next);
	}

	private static TicketSummary summary(Document d) {
		return new TicketSummary(d.getString("_id"), d.getString("channel"), d.getString("customerRef"),
				d.getString("subject"), d.getString("status"), d.getString("priority"), d.getString("assignee"),
				d.getString("issueKey"), d.getString("mergedInto"), instant(d.get("openedAt")),
				instant(d.get("updatedAt")));
	}

	private static java.time.Instant instant(Object value) {
		return (value instanceof Date date) ? date.toInstant() : null;
	}

	/** What to list; null fields do not filter. */
	record Criteria(String status, String customerRef, String issueKey, String channel) {
	}

	/**
	 * One page.
	 *
	 * @param next the {@code after} of the next page, null on the last page
	 */
	record Page(List<TicketSummary> items, String next) {
	}

	/** A ticket in a list: its current state without the history. */
	record TicketSummary(String ticketId, String channel, String customerRef, String subject, String status,
			String priority, String assignee, String issueKey, String mergedInto, java.time.Instant openedAt,
			java.time.Instant updatedAt) {
	}

}
