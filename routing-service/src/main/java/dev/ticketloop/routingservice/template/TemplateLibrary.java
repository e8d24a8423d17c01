package dev.ticketloop.routingservice.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The library as the read model holds it: each template, and the live ones the matcher
 * uses. Every instance looks at the library's revision each second and hands the live
 * templates to its matcher when it moved, so a template approved, retired or suspended on
 * one instance answers, or stops, on all of them within about a second of the read
 * model's update.
 */
public class TemplateLibrary implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TemplateLibrary.class);

	private final MongoCollection<Document> templates;

	private final MongoCollection<Document> meta;

	private final Consumer<List<LiveTemplate>> matcher;

	private final AtomicLong loadedRevision = new AtomicLong(-1);

	private volatile ScheduledExecutorService watcher;

	/**
	 * @param matcher told the live templates at start and whenever the library changes
	 */
	public TemplateLibrary(MongoDatabase database, Consumer<List<LiveTemplate>> matcher) {
		this.templates = database.getCollection(TemplateLibraryProjection.COLLECTION);
		this.meta = database.getCollection(TemplateLibraryProjection.META);
		this.matcher = matcher;
	}

	public Optional<Document> find(String templateId) {
		return Optional.ofNullable(this.templates.find(Filters.eq("_id", templateId)).first());
	}

	/**
	 * Counts a use of a template for a ticket ({@code how}: see {@code TemplateUsed}); a
	 * use may be counted before its template's first event on a replay, so it creates the
	 * document, which lists as a template once it was proposed.
	 */
	public void countUse(String templateId, String how) {
		// what the first event's upsert would have inserted: the same document whichever
		// of the two is handled first (a replay may order them otherwise than the run
		// did)
		this.templates.updateOne(
				Filters.eq("_id", templateId), Updates.combine(Updates.inc("usage." + how, 1),
						Updates.setOnInsert("autoAnswer", "on"), Updates.setOnInsert("liveVersion", 0)),
				new UpdateOptions().upsert(true));
	}

	/** Every template, ordered by id (a library is hundreds, not millions). */
	public List<Document> all() {
		List<Document> all = new ArrayList<>();
		this.templates.find().forEach((t) -> {
			if (t.containsKey("latestVersion")) {
				all.add(t);
			}
		});
		all.sort((a, b) -> a.getString("_id").compareTo(b.getString("_id")));
		return all;
	}

	/** The templates that answer customers now: approved, not retired. */
	public List<LiveTemplate> live() {
		List<LiveTemplate> live = new ArrayList<>();
		for (Document t : all()) {
			int version = t.getInteger("liveVersion", 0);
			if (version == 0 || "retired".equals(t.getString("status"))) {
				continue;
			}
			t.getList("versions", Document.class, List.of())
				.stream()
				.filter((v) -> v.getInteger("version") == version)
				.findFirst()
				.ifPresent((v) -> live.add(new LiveTemplate(t.getString("_id"), version,
						content(v.get("content", Document.class)), !"suspended".equals(t.getString("autoAnswer")))));
		}
		return live;
	}

	/** Loads the library again if it moved since it was last loaded. */
	public void refresh() {
		Document revision = this.meta.find(Filters.eq("_id", "library")).first();
		long now = (revision != null) ? revision.get("revision", Number.class).longValue() : 0;
		if (now != this.loadedRevision.get()) {
			List<LiveTemplate> live = live();
			this.matcher.accept(live);
			this.loadedRevision.set(now);
			log.debug("Template library revision {}: {} live templates", now, live.size());
		}
	}

	static TemplateContent content(Document content) {
		Map<String, List<String>> questions = new LinkedHashMap<>();
		Document q = content.get("questions", Document.class);
		if (q != null) {
			q.forEach((language, list) -> questions.put(language,
					((List<?>) list).stream().map(String::valueOf).toList()));
		}
		Map<String, String> answers = new LinkedHashMap<>();
		Document a = content.get("answers", Document.class);
		if (a != null) {
			a.forEach((language, answer) -> answers.put(language, String.valueOf(answer)));
		}
		return new TemplateContent(content.getString("title"), content.getString("category"),
				content.getString("issueKey"), questions, answers);
	}

	@Override
	public void start() {
		refresh();
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread thread = new Thread(r, "template-library");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(() -> {
			try {
				refresh();
			}
			catch (RuntimeException ex) {
				log.warn("Template library not loaded ({}); trying again in a second", ex.toString());
			}
		}, 1, 1, TimeUnit.SECONDS);
		this.watcher = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.watcher;
		this.watcher = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.watcher != null;
	}

}
