package dev.ticketloop.platform.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.bson.Document;

/**
 * A job as operators see it: what was asked, its state, and its progress (done of all,
 * the rate since it was submitted, the time left at that rate).
 */
public record JobView(String id, String kind, String state, Map<String, Object> parameters,
		Map<String, Object> counters, Progress progress, String submittedBy, Instant submittedAt, Instant updatedAt,
		Instant endedAt, String endedBy, String lastError, int attempts) {

	/** Done of all, rate and time left; null figures when not known yet. */
	public record Progress(long done, long toDo, Double eventsPerSecond, Long secondsLeft) {
	}

	public static JobView of(Document job) {
		Document counters = job.get("counters", Document.class);
		long done = number(counters, "done");
		long total = number(counters, "total");
		long toDo = Math.max(0, total - done);
		Instant submitted = instant(job.get("submittedAt"));
		Instant updated = instant(job.get("updatedAt"));
		Double rate = null;
		Long left = null;
		if (submitted != null && updated != null && done > 0) {
			double seconds = Math.max(0.001, Duration.between(submitted, updated).toMillis() / 1000.0);
			rate = done / seconds;
			left = (long) Math.ceil(toDo / rate);
		}
		if ("DONE".equals(job.getString("state"))) {
			toDo = 0;
			left = 0L;
		}
		return new JobView(job.getString("_id"), job.getString("kind"), job.getString("state"),
				plain(job.get("parameters", Document.class)), plain(counters), new Progress(done, toDo, rate, left),
				job.getString("submittedBy"), submitted, updated, instant(job.get("endedAt")), job.getString("endedBy"),
				job.getString("lastError"), job.get("attempts", 0));
	}

	private static long number(Document document, String key) {
		Object value = (document != null) ? document.get(key) : null;
		return (value instanceof Number n) ? n.longValue() : 0;
	}

	private static Instant instant(Object value) {
		return (value instanceof Date date) ? date.toInstant() : null;
	}

	/** Dates as instants, for JSON. */
	private static Map<String, Object> plain(Document document) {
		Map<String, Object> result = new java.util.LinkedHashMap<>();
		if (document != null) {
			document.forEach((key, value) -> result.put(key, (value instanceof Date date) ? date.toInstant() : value));
		}
		return result;
	}

}
