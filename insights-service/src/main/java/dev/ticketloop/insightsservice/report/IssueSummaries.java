package dev.ticketloop.insightsservice.report;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The engineering issues' summaries ({@code insight_issue_summaries}, one small document
 * per issue, {@code _id} its key), each stored with the version of the issue it was made
 * of; a summary of an earlier version never replaces a later one.
 */
@Component
public class IssueSummaries {

	public static final String COLLECTION = "insight_issue_summaries";

	private final MongoCollection<Document> summaries;

	public IssueSummaries(MongoDatabase database) {
		this.summaries = database.getCollection(COLLECTION);
	}

	public void write(IssueSummary summary, long v) {
		Document document = summary.toDocument().append("_id", summary.key()).append("v", v);
		try {
			this.summaries.replaceOne(Filters.and(Filters.eq("_id", summary.key()), Filters.lt("v", v)), document,
					new ReplaceOptions().upsert(true));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// a later version is stored: it stays
		}
	}

	/** Every issue's summary (a few thousand issues at most: read whole). */
	public List<IssueSummary> all() {
		List<IssueSummary> all = new ArrayList<>();
		this.summaries.find().forEach((document) -> all.add(IssueSummary.fromDocument(document)));
		return all;
	}

	/** The summary of one issue; null when none is made yet. */
	public IssueSummary find(String key) {
		Document document = this.summaries.find(Filters.eq("_id", key)).first();
		return (document != null) ? IssueSummary.fromDocument(document) : null;
	}

}
