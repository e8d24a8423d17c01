package dev.ticketloop.routingservice.template;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.ticketloop.routingservice.template.TemplateEvent.AnswerOutcomeRecorded;
import dev.ticketloop.routingservice.template.TemplateEvent.AutoAnswerResumed;
import dev.ticketloop.routingservice.template.TemplateEvent.AutoAnswerSuspended;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateApproved;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateProposalRejected;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateProposed;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateRestored;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateRetired;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.stereotype.Component;

/**
 * The template library's read model ({@code templates}): one document per template with
 * its versions and their reviews, the approved version that answers, its state, its
 * automatic answers' outcomes and how often it was used. Every change also moves the
 * library's revision ({@code template_library_meta}), which tells each instance's matcher
 * to load the library again. Rebuilt from the events on a replay from the beginning.
 */
@Component
@ProcessingGroup(TemplateLibraryProjection.PROCESSING_GROUP)
public class TemplateLibraryProjection {

	/** The library's processing group; the usage of templates is counted in it too. */
	public static final String PROCESSING_GROUP = "template-library";

	static final String COLLECTION = "templates";

	static final String META = "template_library_meta";

	private final MongoCollection<Document> templates;

	private final MongoCollection<Document> meta;

	TemplateLibraryProjection(MongoDatabase database) {
		this.templates = database.getCollection(COLLECTION);
		this.meta = database.getCollection(META);
	}

	@EventHandler
	void on(TemplateProposed e) {
		Document template = this.templates.find(Filters.eq("_id", e.templateId())).first();
		List<Document> versions = versions(template);
		versions.removeIf((v) -> v.getInteger("version") == e.version());
		versions.add(new Document("version", e.version()).append("state", "proposed")
			.append("content", content(e.content()))
			.append("proposedBy", e.proposedBy())
			.append("origin", e.origin())
			.append("proposedAt", Date.from(e.proposedAt())));
		List<Bson> updates = new ArrayList<>(
				List.of(Updates.set("versions", versions), Updates.set("latestVersion", e.version()),
						Updates.set("updatedAt", Date.from(e.proposedAt())), Updates.setOnInsert("status", "proposed"),
						Updates.setOnInsert("liveVersion", 0), Updates.setOnInsert("autoAnswer", "on")));
		if (template == null || template.getInteger("liveVersion", 0) == 0) {
			// nothing approved yet: the proposal is what the library shows
			updates.addAll(describe(e.content()));
		}
		upsert(e.templateId(), updates);
	}

	@EventHandler
	void on(TemplateApproved e) {
		Document template = this.templates.find(Filters.eq("_id", e.templateId())).first();
		List<Document> versions = versions(template);
		Document live = null;
		for (Document v : versions) {
			int version = v.getInteger("version");
			if (version == e.version()) {
				v.put("state", "approved");
				v.put("approvedBy", e.approvedBy());
				v.put("approvedAt", Date.from(e.approvedAt()));
				live = v;
			}
			else if ("approved".equals(v.getString("state"))
					|| ("proposed".equals(v.getString("state")) && version < e.version())) {
				v.put("state", "superseded");
			}
		}
		List<Bson> updates = new ArrayList<>(List.of(Updates.set("versions", versions),
				Updates.set("liveVersion", e.version()), Updates.set("updatedAt", Date.from(e.approvedAt()))));
		if (template == null || !"retired".equals(template.getString("status"))) {
			updates.add(Updates.set("status", "active"));
		}
		if (live != null) {
			updates.addAll(describe(TemplateLibrary.content(live.get("content", Document.class))));
		}
		upsert(e.templateId(), updates);
	}

	@EventHandler
	void on(TemplateProposalRejected e) {
		List<Document> versions = versions(this.templates.find(Filters.eq("_id", e.templateId())).first());
		versions.stream().filter((v) -> v.getInteger("version") == e.version()).forEach((v) -> {
			v.put("state", "rejected");
			v.put("rejectedBy", e.rejectedBy());
			v.put("rejectedAt", Date.from(e.rejectedAt()));
			v.put("reason", e.reason());
		});
		upsert(e.templateId(),
				List.of(Updates.set("versions", versions), Updates.set("updatedAt", Date.from(e.rejectedAt()))));
	}

	@EventHandler
	void on(TemplateRetired e) {
		upsert(e.templateId(),
				List.of(Updates.set("status", "retired"), Updates.set("retiredBy", e.retiredBy()),
						Updates.set("retiredReason", e.reason()), Updates.set("retiredAt", Date.from(e.retiredAt())),
						Updates.set("updatedAt", Date.from(e.retiredAt()))));
	}

	@EventHandler
	void on(TemplateRestored e) {
		Document template = this.templates.find(Filters.eq("_id", e.templateId())).first();
		String status = (template != null && template.getInteger("liveVersion", 0) > 0) ? "active" : "proposed";
		upsert(e.templateId(),
				List.of(Updates.set("status", status), Updates.unset("retiredBy"), Updates.unset("retiredReason"),
						Updates.unset("retiredAt"), Updates.set("updatedAt", Date.from(e.restoredAt()))));
	}

	@EventHandler
	void on(AnswerOutcomeRecorded e) {
		upsert(e.templateId(),
				List.of(Updates.inc(e.helped() ? "outcomes.helped" : "outcomes.notHelped", 1),
						Updates.set("outcomes.precision", e.precision()), Updates.set("outcomes.counted", e.outcomes()),
						Updates.set("outcomes.lastAt", Date.from(e.recordedAt()))));
	}

	@EventHandler
	void on(AutoAnswerSuspended e) {
		upsert(e.templateId(),
				List.of(Updates.set("autoAnswer", "suspended"),
						Updates.set("suspension",
								new Document("precision", e.precision()).append("outcomes", e.outcomes())
									.append("targetPrecision", e.targetPrecision())
									.append("at", Date.from(e.suspendedAt()))),
						Updates.set("updatedAt", Date.from(e.suspendedAt()))));
	}

	@EventHandler
	void on(AutoAnswerResumed e) {
		upsert(e.templateId(), List.of(Updates.set("autoAnswer", "on"), Updates.unset("suspension"),
				Updates.set("outcomes.counted", 0), Updates.set("updatedAt", Date.from(e.resumedAt()))));
	}

	@ResetHandler
	void reset() {
		this.templates.deleteMany(new Document());
		moved();
	}

	private void upsert(String templateId, List<Bson> updates) {
		this.templates.updateOne(Filters.eq("_id", templateId), Updates.combine(updates),
				new UpdateOptions().upsert(true));
		moved();
	}

	/** The library changed: each instance's matcher loads it again. */
	private void moved() {
		this.meta.updateOne(Filters.eq("_id", "library"),
				Updates.combine(Updates.inc("revision", 1L), Updates.set("at", Date.from(Instant.now()))),
				new UpdateOptions().upsert(true));
	}

	private static List<Document> versions(Document template) {
		return (template != null) ? new ArrayList<>(template.getList("versions", Document.class, List.of()))
				: new ArrayList<>();
	}

	private static List<Bson> describe(TemplateContent content) {
		List<Bson> updates = new ArrayList<>();
		updates.add(Updates.set("title", content.title()));
		updates.add(
				(content.category() != null) ? Updates.set("category", content.category()) : Updates.unset("category"));
		updates.add(
				(content.issueKey() != null) ? Updates.set("issueKey", content.issueKey()) : Updates.unset("issueKey"));
		updates.add(Updates.set("languages", List.copyOf(new java.util.TreeSet<>(content.answers().keySet()))));
		return updates;
	}

	static Document content(TemplateContent content) {
		Document questions = new Document();
		content.questions().forEach(questions::append);
		Document answers = new Document();
		new java.util.TreeMap<>(content.answers()).forEach(answers::append);
		return new Document("title", content.title()).append("category", content.category())
			.append("issueKey", content.issueKey())
			.append("questions", questions)
			.append("answers", answers);
	}

}
