package dev.ticketloop.insightsservice.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The totals of each day ({@code insight_day_totals}, {@code _id} the UTC day), and of a
 * period: its days read by {@code _id} and added up.
 */
@Component
public class TotalsStore {

	public static final String DAY_TOTALS = "insight_day_totals";

	private final MongoCollection<Document> days;

	public TotalsStore(MongoDatabase database) {
		this.days = database.getCollection(DAY_TOTALS);
	}

	/**
	 * Stores a day's totals as of version {@code v} of its tickets, unless totals of a
	 * later version are there already (two materializers, one of them late).
	 */
	public void write(String day, long v, Totals totals) {
		Document document = totals.toDocument();
		try {
			this.days.updateOne(
					Filters.and(Filters.eq("_id", day), Filters.lt("v", v)), Updates.combine(Updates.set("v", v),
							Updates.set("names", document.get("names")), Updates.set("counts", document.get("counts"))),
					new UpdateOptions().upsert(true));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// a later version is stored: it stays
		}
	}

	/** The totals of the days from {@code from} to {@code to}, both included. */
	public Totals period(LocalDate from, LocalDate to) {
		List<String> ids = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			ids.add(day.toString());
		}
		Totals totals = new Totals();
		for (Document day : this.days.find(Filters.in("_id", ids))) {
			totals.addAll(Totals.fromDocument(day));
		}
		return totals;
	}

}
