package dev.ticketloop.platform.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Long work that survives a crash: a job is a document ({@code jobs} collection) with its
 * parameters, a checkpoint and counters; whichever instance holds its lease runs it, and
 * saves the checkpoint as it goes ({@link Job#checkpoint}). An instance that dies lets
 * its lease lapse ({@link Settings#lease()}); another instance (or the same one,
 * restarted) claims the job and its handler goes on from the last checkpoint. So work
 * between two checkpoints may be done twice: handlers must be idempotent in effect
 * (republished records carry the same ids, for instance).
 * <p>
 * At most one job of a kind runs at a time: submitting another while one runs is refused
 * ({@link JobRefusedException}), through a lock document per kind that the job holds
 * until it ends. A failing job is retried with back-off (5 s doubling to 2 min) and shows
 * its last error; an operator may cancel it.
 */
public final class ResumableJobs implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ResumableJobs.class);

	private final MongoCollection<Document> jobs;

	private final MongoCollection<Document> locks;

	private final Map<String, JobHandler> handlers;

	private final Clock clock;

	private final String owner;

	private final Settings settings;

	/** A lock whose job was never written is taken to be left by a crash after this. */
	private static final Duration STALE_LOCK = Duration.ofMinutes(1);

	private ScheduledExecutorService poller;

	private ExecutorService worker;

	private volatile Job running;

	private volatile boolean stopping;

	/**
	 * @param lease how long a claim lasts without a checkpoint (an instance that died
	 * lets its job go after it)
	 * @param poll how often an idle instance looks for a job to run
	 * @param backOff the first wait after a failure (doubling up to {@code maxBackOff})
	 * @param maxBackOff the longest wait after failures
	 */
	public record Settings(Duration lease, Duration poll, Duration backOff, Duration maxBackOff) {

		public static Settings defaults() {
			return new Settings(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5),
					Duration.ofMinutes(2));
		}

	}

	public ResumableJobs(MongoDatabase database, List<JobHandler> handlers, Clock clock, String instanceId) {
		this(database, handlers, clock, instanceId, Settings.defaults());
	}

	public ResumableJobs(MongoDatabase database, List<JobHandler> handlers, Clock clock, String instanceId,
			Settings settings) {
		this.settings = settings;
		this.jobs = database.getCollection("jobs");
		this.locks = database.getCollection("job_locks");
		this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
		this.clock = clock;
		this.owner = instanceId + "/" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** The states of a job. */
	public enum State {

		RUNNING, DONE, FAILED, CANCELLED

	}

	/**
	 * Starts a job of a kind this service handles.
	 * @throws JobRefusedException when a job of that kind runs
	 */
	public Document submit(String kind, Document parameters, Document checkpoint, String by) {
		if (!this.handlers.containsKey(kind)) {
			throw new IllegalArgumentException("No job of kind " + kind + " here");
		}
		String id = kind + "-" + UUID.randomUUID();
		Instant now = this.clock.instant();
		lock(kind, id);
		Document job = new Document("_id", id).append("kind", kind)
			.append("state", State.RUNNING.name())
			.append("parameters", parameters)
			.append("checkpoint", checkpoint)
			.append("counters", new Document())
			.append("submittedBy", by)
			.append("submittedAt", Date.from(now))
			.append("updatedAt", Date.from(now))
			.append("attempts", 0);
		this.jobs.insertOne(job);
		return job;
	}

	/** The job, or null. */
	public Document find(String id) {
		return this.jobs.find(Filters.eq("_id", id)).first();
	}

	/** The newest jobs of a kind first. */
	public List<Document> list(String kind, int limit) {
		return this.jobs.find(Filters.eq("kind", kind))
			.sort(Sorts.descending("submittedAt"))
			.limit(limit)
			.into(new ArrayList<>());
	}

	/**
	 * Cancels a running job: its handler stops at its next checkpoint.
	 * @return the job, or null when there is none running with that id
	 */
	public Document cancel(String id, String by) {
		Document job = this.jobs.findOneAndUpdate(Filters.and(Filters.eq("_id", id), running()),
				Updates.combine(Updates.set("state", State.CANCELLED.name()), Updates.set("endedBy", by),
						Updates.set("endedAt", Date.from(this.clock.instant()))),
				new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
		if (job != null) {
			unlock(job);
		}
		return job;
	}

	// ---------------------------------------------------------------- the lock

	private void lock(String kind, String id) {
		for (int attempt = 0; attempt < 2; attempt++) {
			try {
				this.locks.insertOne(
						new Document("_id", kind).append("job", id).append("at", Date.from(this.clock.instant())));
				return;
			}
			catch (MongoWriteException ex) {
				if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
			}
			Document lock = this.locks.find(Filters.eq("_id", kind)).first();
			String holder = (lock != null) ? lock.getString("job") : null;
			Document job = (holder != null) ? find(holder) : null;
			if (job != null && State.RUNNING.name().equals(job.getString("state"))) {
				throw new JobRefusedException(job);
			}
			Date at = (lock != null) ? lock.getDate("at") : null;
			if (job == null && at != null && at.toInstant().isAfter(this.clock.instant().minus(STALE_LOCK))) {
				// taken a moment ago by a submission whose job is not written yet
				throw new JobRefusedException(null);
			}
			// a lock left by a job that ended without removing it, or whose submission
			// died
			// between the lock and the job (a crash between the two writes)
			this.locks.deleteOne(Filters.and(Filters.eq("_id", kind), Filters.eq("job", holder)));
		}
		throw new JobRefusedException(null);
	}

	private void unlock(Document job) {
		this.locks.deleteOne(Filters.and(Filters.eq("_id", job.getString("kind")), Filters.eq("job", job.get("_id"))));
	}

	// ---------------------------------------------------------------- running

	@Override
	public void start() {
		this.stopping = false;
		this.worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("jobs-worker").daemon().factory());
		this.poller = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("jobs-poller").daemon().factory());
		this.poller.scheduleWithFixedDelay(this::poll, this.settings.poll().toMillis(), this.settings.poll().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.stopping = true;
		this.poller.shutdownNow();
		try {
			// a claim under way ends before the job it claimed is looked at
			this.poller.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Job job = this.running;
		this.worker.shutdownNow();
		try {
			this.worker.awaitTermination(3, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (job != null) {
			// let another instance go on at once rather than after the lease
			this.jobs.updateOne(Filters.and(Filters.eq("_id", job.id()), Filters.eq("owner", this.owner)),
					Updates.set("leaseUntil", new Date(0)));
		}
	}

	@Override
	public boolean isRunning() {
		return this.poller != null && !this.poller.isShutdown();
	}

	private void poll() {
		if (this.running != null || this.stopping || this.handlers.isEmpty()) {
			return;
		}
		try {
			Document claimed = claim();
			if (claimed != null) {
				Job job = new Job(claimed, this);
				this.running = job;
				this.worker.execute(() -> run(job));
			}
		}
		catch (RuntimeException ex) {
			if (!this.stopping) {
				log.warn("Looking for jobs failed: {}", ex.toString());
			}
		}
	}

	private Document claim() {
		Date now = Date.from(this.clock.instant());
		for (Document candidate : this.jobs.find(Filters.and(running(), Filters.in("kind", this.handlers.keySet())))) {
			Date leaseUntil = candidate.getDate("leaseUntil");
			Date notBefore = candidate.getDate("notBefore");
			if ((leaseUntil != null && leaseUntil.after(now)) || (notBefore != null && notBefore.after(now))) {
				continue;
			}
			Bson free = (leaseUntil != null) ? Filters.eq("leaseUntil", leaseUntil)
					: Filters.exists("leaseUntil", false);
			Document claimed = this.jobs.findOneAndUpdate(
					Filters.and(Filters.eq("_id", candidate.get("_id")), running(), free),
					Updates.combine(Updates.set("owner", this.owner), Updates.set("leaseUntil", leaseEnd()),
							Updates.inc("attempts", 1)),
					new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
			if (claimed != null) {
				return claimed;
			}
		}
		return null;
	}

	private void run(Job job) {
		try {
			log.info("Job {} runs here (attempt {})", job.id(), job.document().get("attempts"));
			this.handlers.get(job.kind()).run(job);
			end(job, State.DONE, null);
		}
		catch (Job.LostException ex) {
			log.info("Job {} stopped here: {}", job.id(), ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (JobFailedException ex) {
			end(job, State.FAILED, ex.getMessage());
		}
		catch (Exception ex) {
			if (this.stopping) {
				return;
			}
			int attempts = job.document().get("attempts", Number.class).intValue();
			Duration backOff = this.settings.backOff().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 10));
			backOff = (backOff.compareTo(this.settings.maxBackOff()) > 0) ? this.settings.maxBackOff() : backOff;
			log.warn("Job {} failed, retrying in {} ms: {}", job.id(), backOff.toMillis(), ex.toString());
			this.jobs.updateOne(Filters.and(Filters.eq("_id", job.id()), Filters.eq("owner", this.owner), running()),
					Updates.combine(Updates.set("lastError", ex.toString()), Updates.set("leaseUntil", new Date(0)),
							Updates.set("notBefore", Date.from(this.clock.instant().plus(backOff)))));
		}
		finally {
			this.running = null;
		}
	}

	private void end(Job job, State state, String error) {
		Document ended = this.jobs.findOneAndUpdate(
				Filters.and(Filters.eq("_id", job.id()), Filters.eq("owner", this.owner), running()),
				Updates.combine(Updates.set("state", state.name()),
						Updates.set("endedAt", Date.from(this.clock.instant())), Updates.set("lastError", error),
						Updates.unset("leaseUntil")),
				new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
		if (ended != null) {
			unlock(ended);
			log.info("Job {} {}", job.id(), state.name().toLowerCase(java.util.Locale.ROOT));
		}
	}

	/**
	 * Saves a checkpoint and renews the lease, if this instance still runs the job.
	 * @return false when it does not (cancelled, or claimed elsewhere after a lapse)
	 */
	boolean save(String id, Document checkpoint, Document counters) {
		Bson update = Updates.combine(Updates.set("leaseUntil", leaseEnd()),
				Updates.set("updatedAt", Date.from(this.clock.instant())), Updates.unset("lastError"));
		if (checkpoint != null) {
			update = Updates.combine(update, Updates.set("checkpoint", checkpoint), Updates.set("counters", counters));
		}
		return this.jobs
			.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("owner", this.owner), running()), update)
			.getMatchedCount() == 1 && !this.stopping;
	}

	private Date leaseEnd() {
		return Date.from(this.clock.instant().plus(this.settings.lease()));
	}

	private static Bson running() {
		return Filters.eq("state", State.RUNNING.name());
	}

	/** A job of this kind runs already (409). */
	public static final class JobRefusedException extends RuntimeException {

		private final transient Document running;

		JobRefusedException(Document running) {
			super((running != null) ? "Job " + running.get("_id") + " runs; one at a time."
					: "A job of this kind runs; one at a time.");
			this.running = running;
		}

		/** The job that runs, or null. */
		public Document running() {
			return this.running;
		}

	}

	/** A job that can never succeed as asked: it ends FAILED, without retries. */
	public static final class JobFailedException extends RuntimeException {

		public JobFailedException(String message) {
			super(message);
		}

	}

}
