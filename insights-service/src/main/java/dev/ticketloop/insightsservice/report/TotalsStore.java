package dev.ticketloop.insightsservice.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * The totals of each day and of each month, one document per report section (the funnel
 * by one dimension, SLA, satisfaction by channel or by platform), {@code _id}
 * {@code <day>/<section>} or {@code <yyyy-MM>/<section>}: a report reads only its
 * section, whole months from the month documents and the days at the period's edges from
 * the day documents, all by {@code _id}.
 */
@Component
public class TotalsStore {

	public static final String DAY_TOTALS = "insight_day_totals";

	public static final String MONTH_TOTALS = "insight_month_totals";

	/** Every section, so that a day that lost its tickets has each emptied. */
	static final List<String> SECTIONS;

	static {
		List<String> sections = new ArrayList<>();
		for (Dimension dimension : Dimension.values()) {
			sections.add("f|" + dimension.wireName());
		}
		sections.add("s");
		sections.add("c|category-channel");
		sections.add("c|category-platform");
		sections.add("q");
		for (Dimension dimension : DayTotals.FEEDBACK_DIMENSIONS) {
			sections.add("t|" + dimension.wireName());
		}
		SECTIONS = List.copyOf(sections);
	}

	/**
	 * The format of the totals documents; when it changes, the totals stored by an
	 * earlier version are made again ({@code Materializer}). 2: working times as packed
	 * histograms; 3: the top questions' section; 4: the feedback sections.
	 */
	static final int FORMAT = 4;

	private final MongoCollection<Document> days;

	private final MongoCollection<Document> months;

	private final MongoCollection<Document> control;

	public TotalsStore(MongoDatabase database) {
		this.days = database.getCollection(DAY_TOTALS);
		this.months = database.getCollection(MONTH_TOTALS);
		this.control = database.getCollection("insight_control");
	}

	/**
	 * Whether totals of an earlier format, or tagged by another version of the feedback
	 * tagger, may be stored.
	 */
	boolean outdatedFormat(String taggerVersion) {
		Document format = this.control.find(Filters.eq("_id", "totals-format")).first();
		return (format == null) ? this.days.countDocuments() > 0
				: format.get("format", Number.class).intValue() < FORMAT
						|| !taggerVersion.equals(format.getString("tagger"));
	}

	void formatIsCurrent(String taggerVersion) {
		this.control.updateOne(Filters.eq("_id", "totals-format"),
				Updates.combine(Updates.max("format", FORMAT), Updates.set("tagger", taggerVersion)),
				new UpdateOptions().upsert(true));
	}

	/** The section a counter belongs to: {@code s}, or its first two parts. */
	static String section(String name) {
		if (name.startsWith("s|")) {
			return "s";
		}
		if (name.startsWith("q|")) {
			return "q";
		}
		int first = name.indexOf('|');
		int second = name.indexOf('|', first + 1);
		return name.substring(0, second);
	}

	/**
	 * Stores a day's totals as of version {@code v} of its tickets, unless totals of a
	 * later version are there already (two materializers, one of them late), then its
	 * month's.
	 */
	public void write(String day, long v, Totals totals) {
		Map<String, Totals> bySection = new LinkedHashMap<>();
		SECTIONS.forEach((section) -> bySection.put(section, new Totals()));
		totals.forEach((name, n) -> bySection.get(section(name)).addNamed(name, n));
		totals.forEachHistogram((name, bins) -> bySection.get(section(name)).addNamedHistogram(name, bins));
		bySection.forEach((section, part) -> put(this.days, day + "/" + section, v, part));
		YearMonth month = YearMonth.from(LocalDate.parse(day));
		for (String section : SECTIONS) {
			List<String> ids = new ArrayList<>();
			for (int d = 1; d <= month.lengthOfMonth(); d++) {
				ids.add(month.atDay(d) + "/" + section);
			}
			Totals sum = new Totals();
			long versions = 0;
			for (Document document : this.days.find(Filters.in("_id", ids))) {
				sum.addAll(Totals.fromDocument(document));
				versions += document.get("v", Number.class).longValue();
			}
			// days' versions only grow: the sum of them orders the month's computations
			put(this.months, month + "/" + section, versions, sum);
		}
	}

	private static void put(MongoCollection<Document> collection, String id, long v, Totals totals) {
		Document document = totals.toDocument();
		try {
			collection.updateOne(Filters.and(Filters.eq("_id", id), Filters.lt("v", v)),
					Updates.combine(Updates.set("v", v), Updates.set("names", document.get("names")),
							Updates.set("counts", document.get("counts")),
							Updates.set("histogramNames", document.get("histogramNames")),
							Updates.set("histograms", document.get("histograms"))),
					new UpdateOptions().upsert(true));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// a later version is stored: it stays
		}
	}

	/**
	 * The totals of one section over the days from {@code from} to {@code to}, both
	 * included: the whole months in it from their month documents, the other days from
	 * theirs.
	 */
	public Totals period(LocalDate from, LocalDate to, String section) {
		Ids ids = ids(from, to, section);
		Totals totals = new Totals();
		if (!ids.months().isEmpty()) {
			this.months.find(Filters.in("_id", ids.months())).forEach((d) -> totals.addAll(Totals.fromDocument(d)));
		}
		if (!ids.days().isEmpty()) {
			this.days.find(Filters.in("_id", ids.days())).forEach((d) -> totals.addAll(Totals.fromDocument(d)));
		}
		return totals;
	}

	/** The documents a period's section is read from. */
	public record Ids(List<String> months, List<String> days) {
	}

	public static Ids ids(LocalDate from, LocalDate to, String section) {
		List<String> monthIds = new ArrayList<>();
		List<String> dayIds = new ArrayList<>();
		LocalDate day = from;
		while (!day.isAfter(to)) {
			YearMonth month = YearMonth.from(day);
			if (day.getDayOfMonth() == 1 && !month.atEndOfMonth().isAfter(to)) {
				monthIds.add(month + "/" + section);
				day = month.atEndOfMonth().plusDays(1);
			}
			else {
				dayIds.add(day + "/" + section);
				day = day.plusDays(1);
			}
		}
		return new Ids(monthIds, dayIds);
	}

}
