package dev.ticketloop.platform.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The record of what operators did: every replay, pause, resume, split, merge, export,
 * republish, job cancel, dead-letter retry or discard, and every read of history that may
 * show personal data (a ticket as it was, an aggregate's events), with who, when, what
 * and the answer. Append-only (nothing here updates or deletes a record); ids sort by
 * time, so a listing is newest first and pages by id.
 */
public final class OperatorAudit {

	public static final String COLLECTION = "operator_audit";

	private final MongoCollection<Document> records;

	private final Clock clock;

	private final String service;

	public OperatorAudit(MongoDatabase database, Clock clock, String service) {
		this.records = database.getCollection(COLLECTION);
		this.clock = clock;
		this.service = service;
	}

	/** One recorded action. */
	public record Action(String id, Instant at, String service, String who, String role, String action, String method,
			String path, String query, int status) {
	}

	/** Records an action that was answered with the given status. */
	public Action record(String who, String role, String method, String path, String query, int status) {
		Instant at = this.clock.instant();
		String id = String.format(Locale.ROOT, "%013d-%s", at.toEpochMilli(),
				UUID.randomUUID().toString().substring(0, 8));
		Action action = new Action(id, at, this.service, who, role, actionOf(method, path, query), method, path, query,
				status);
		this.records.insertOne(new Document("_id", id).append("at", Date.from(at))
			.append("service", this.service)
			.append("who", who)
			.append("role", role)
			.append("action", action.action())
			.append("method", method)
			.append("path", path)
			.append("query", query)
			.append("status", status));
		return action;
	}

	/**
	 * The newest actions first.
	 * @param before only actions older than this id (the {@code next} of a page), or null
	 */
	public List<Action> list(String before, int limit) {
		Bson filter = (before != null) ? Filters.lt("_id", before) : new Document();
		List<Action> page = new ArrayList<>();
		for (Document d : this.records.find(filter).sort(Sorts.descending("_id")).limit(limit)) {
			page.add(new Action(d.getString("_id"), d.getDate("at").toInstant(), d.getString("service"),
					d.getString("who"), d.getString("role"), d.getString("action"), d.getString("method"),
					d.getString("path"), d.getString("query"), d.getInteger("status", 0)));
		}
		return page;
	}

	/** A short name of what was done, from the request. */
	static String actionOf(String method, String path, String query) {
		if ("GET".equals(method)) {
			if (path.startsWith("/operations/events")) {
				return "export";
			}
			if (path.endsWith("/events")) {
				return "read-events";
			}
			return "time-travel";
		}
		if (path.startsWith("/dead-letters/")) {
			return "dead-letter-" + path.substring(path.lastIndexOf('/') + 1);
		}
		if (path.startsWith("/operations/processors/")) {
			return path.substring(path.lastIndexOf('/') + 1);
		}
		if (path.startsWith("/operations/jobs/") && path.endsWith("/cancel")) {
			return "cancel-job";
		}
		if (path.startsWith("/operations/republish")) {
			return "republish";
		}
		return method.toLowerCase(Locale.ROOT) + " " + path;
	}

}
