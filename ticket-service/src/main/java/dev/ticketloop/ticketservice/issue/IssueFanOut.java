package dev.ticketloop.ticketservice.issue;

import dev.ticketloop.platform.tracing.TraceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.ticketloop.ticketservice.issue.IssueEvent.FixDeclined;
import dev.ticketloop.ticketservice.issue.IssueEvent.FixScheduled;
import dev.ticketloop.ticketservice.issue.IssueEvent.IssueReleased;
import dev.ticketloop.ticketservice.issue.IssueEvent.TicketLinked;
import dev.ticketloop.ticketservice.ticket.TicketCommand.FollowIssue;
import dev.ticketloop.ticketservice.ticket.TicketId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells every ticket linked to an issue that the issue moved on (fix scheduled, released,
 * declined): the release fan-out.
 * <p>
 * Each such issue event becomes a job in {@code issue_fanouts} ({@code _id} = issue key
 * and the event's sequence number, so a redelivered event finds its job). A worker walks
 * the issue's linked tickets in the issue's own order (read from its history: every
 * {@link TicketLinked} before the event) in chunks: one unit of work per chunk sends a
 * {@link FollowIssue} to each ticket and stores all their events in one append, then the
 * job's cursor moves past the chunk.
 * <ul>
 * <li>Idempotent: a ticket applies each issue event once ({@link FollowIssue} carries the
 * issue event's sequence number), so a repeated chunk, job or release changes
 * nothing.</li>
 * <li>Resumable: a crash leaves the job with its cursor at the last finished chunk; the
 * next worker (after the lease of {@value #LEASE_SECONDS} s) goes on from there. The
 * chunk in flight either committed (its tickets then ignore the repetition) or did not
 * (they apply it now): no ticket left behind, none told twice.</li>
 * <li>Tickets linked after the event are not in the job: they carry the progress in their
 * {@link TicketLinked} event and catch up through {@link IssueLinks}.</li>
 * <li>Tickets that follow the issue without its link (a link lost on the way) are found
 * and linked when a job starts ({@link LostLinks}); they catch up as late ones do.</li>
 * <li>A ticket an agent settled meanwhile (resolved with a workaround, closed, reopened)
 * is still told the issue's outcome (released or declined), once; its status stays.</li>
 * </ul>
 */
@Component
@ProcessingGroup(IssueFanOut.PROCESSING_GROUP)
@DisallowReplay
public class IssueFanOut implements SmartLifecycle {

	static final String PROCESSING_GROUP = "issue-fanout";

	static final String COLLECTION = "issue_fanouts";

	static final long LEASE_SECONDS = 30;

	private static final Logger log = LoggerFactory.getLogger(IssueFanOut.class);

	private final MongoCollection<Document> jobs;

	private final EventStore eventStore;

	private final CommandGateway commands;

	private final Clock clock;

	private final FanOutSettings settings;

	private final LostLinks lostLinks;

	private final String owner = UUID.randomUUID().toString();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition work = this.lock.newCondition();

	private volatile boolean running;

	private volatile Thread worker;

	private volatile ChunkObserver observer = ChunkObserver.NONE;

	IssueFanOut(MongoDatabase database, EventStore eventStore, CommandGateway commands, Clock clock,
			FanOutSettings settings, LostLinks lostLinks) {
		this.jobs = database.getCollection(COLLECTION);
		this.eventStore = eventStore;
		this.commands = commands;
		this.clock = clock;
		this.settings = settings;
		this.lostLinks = lostLinks;
	}

	@EventHandler
	void on(FixScheduled event, @SequenceNumber long sequence) {
		createJob(event.issueKey(), sequence, FollowIssue.Progress.FIX_SCHEDULED, event.targetVersion());
	}

	@EventHandler
	void on(IssueReleased event, @SequenceNumber long sequence) {
		createJob(event.issueKey(), sequence, FollowIssue.Progress.FIX_RELEASED, event.version());
	}

	@EventHandler
	void on(FixDeclined event, @SequenceNumber long sequence) {
		createJob(event.issueKey(), sequence, FollowIssue.Progress.FIX_DECLINED, event.explanation());
	}

	static FollowIssue.Progress toTicketProgress(IssueProgress.Kind kind) {
		return switch (kind) {
			case FIX_SCHEDULED -> FollowIssue.Progress.FIX_SCHEDULED;
			case RELEASED -> FollowIssue.Progress.FIX_RELEASED;
			case DECLINED -> FollowIssue.Progress.FIX_DECLINED;
		};
	}

	private void createJob(IssueKey issue, long sequence, FollowIssue.Progress progress, String detail) {
		Document job = new Document("_id", jobId(issue.value(), sequence)).append("issueKey", issue.value())
			.append("sequence", sequence)
			.append("progress", progress.name())
			.append("detail", detail)
			.append("cursor", 0)
			.append("applied", 0)
			.append("skipped", 0)
			.append("done", false)
			.append("createdAt", Date.from(this.clock.instant()))
			// the fan-out goes on in the trace of what released (or declined) the fix
			.append("traceparent", TraceContext.current().orElse(null));
		try {
			this.jobs.insertOne(job);
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// a redelivered event: its job exists
		}
		wake();
	}

	static String jobId(String issueKey, long sequence) {
		return issueKey + "#" + sequence;
	}

	// ------------------------------------------------------------------ the worker

	@Override
	public void start() {
		this.running = true;
		this.worker = Thread.ofPlatform().name("issue-fanout").daemon().start(this::work);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.worker;
		if (thread != null) {
			wake();
			try {
				thread.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Lets tests stop the worker between chunks, as a crash would. */
	void observeChunks(ChunkObserver observer) {
		this.observer = observer;
	}

	private void wake() {
		this.lock.lock();
		try {
			this.work.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void work() {
		while (this.running) {
			boolean found = false;
			try {
				for (Document job : this.jobs.find(Filters.eq("done", false)).limit(20)) {
					if (!this.running) {
						return;
					}
					if (claim(job)) {
						found = true;
						run(job);
					}
				}
			}
			catch (RuntimeException ex) {
				log.warn("Release fan-out failed, retrying: {}", ex.toString());
				sleep(this.settings.pollInterval());
			}
			if (!found) {
				await(this.settings.pollInterval());
			}
		}
	}

	private boolean claim(Document job) {
		Date now = Date.from(this.clock.instant());
		return this.jobs
			.updateOne(
					Filters.and(Filters.eq("_id", job.getString("_id")),
							Filters.or(Filters.exists("owner", false), Filters.eq("owner", this.owner),
									Filters.lt("leaseUntil", now))),
					Updates.combine(Updates.set("owner", this.owner), Updates.set("leaseUntil", leaseEnd())))
			.getModifiedCount() == 1;
	}

	private Date leaseEnd() {
		return Date.from(this.clock.instant().plusSeconds(LEASE_SECONDS));
	}

	private void run(Document job) {
		TraceContext.run(job.getString("traceparent"), () -> runInItsTrace(job));
	}

	private void runInItsTrace(Document job) {
		String id = job.getString("_id");
		String issueKey = job.getString("issueKey");
		long sequence = job.get("sequence", Number.class).longValue();
		FollowIssue.Progress progress = FollowIssue.Progress.valueOf(job.getString("progress"));
		String detail = job.getString("detail");
		List<TicketId> tickets = linkedTickets(issueKey, sequence);
		if (job.get("cursor", Number.class).intValue() == 0) {
			// tickets that follow the issue without its link: linked now, they catch up
			this.lostLinks.repair(IssueKey.of(issueKey), new LinkedHashSet<>(linkedTickets(issueKey, Long.MAX_VALUE)));
		}
		int cursor = job.get("cursor", Number.class).intValue();
		int applied = job.get("applied", Number.class).intValue();
		int skipped = job.get("skipped", Number.class).intValue();
		while (cursor < tickets.size() && this.running) {
			List<TicketId> chunk = tickets.subList(cursor,
					Math.min(tickets.size(), cursor + this.settings.chunkSize()));
			int done = tell(chunk, issueKey, progress, detail, sequence);
			this.observer.chunkCommitted(id, cursor, chunk.size());
			cursor += chunk.size();
			applied += done;
			skipped += chunk.size() - done;
			this.jobs.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("owner", this.owner)),
					Updates.combine(Updates.set("cursor", cursor), Updates.set("applied", applied),
							Updates.set("skipped", skipped), Updates.set("total", tickets.size()),
							Updates.set("leaseUntil", leaseEnd())));
		}
		if (cursor >= tickets.size()) {
			this.jobs.updateOne(Filters.eq("_id", id),
					Updates.combine(Updates.set("done", true), Updates.set("total", tickets.size()),
							Updates.set("finishedAt", Date.from(this.clock.instant())), Updates.unset("owner"),
							Updates.unset("leaseUntil")));
			log.info("Issue {}: {} told to {} linked tickets ({} already knew, or settled before a scheduled fix)",
					issueKey, progress, applied, skipped);
		}
	}

	/**
	 * The tickets linked to the issue before its event at {@code sequence}, in the order
	 * they were linked (read from the issue's whole history, not its snapshot).
	 */
	List<TicketId> linkedTickets(String issueKey, long sequence) {
		Set<TicketId> tickets = new LinkedHashSet<>();
		DomainEventStream stream = this.eventStore.readEvents(issueKey, 0);
		while (stream.hasNext()) {
			DomainEventMessage<?> event = stream.next();
			if (event.getSequenceNumber() >= sequence) {
				break;
			}
			if (event.getPayload() instanceof TicketLinked linked) {
				tickets.add(linked.ticketId());
			}
		}
		return new ArrayList<>(tickets);
	}

	/**
	 * Tells one chunk of tickets in one unit of work (one append for all their events). A
	 * conflict with a concurrent change of one of them fails the whole chunk: it is
	 * retried, and after that ticket by ticket.
	 * @return how many tickets recorded the progress
	 */
	private int tell(List<TicketId> chunk, String issueKey, FollowIssue.Progress progress, String detail,
			long sequence) {
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				return tellTogether(chunk, issueKey, progress, detail, sequence);
			}
			catch (RuntimeException ex) {
				log.debug("Fan-out chunk of issue {} failed (attempt {}): {}", issueKey, attempt + 1, ex.toString());
			}
		}
		int applied = 0;
		for (TicketId ticket : chunk) {
			applied += tellTogether(List.of(ticket), issueKey, progress, detail, sequence);
		}
		return applied;
	}

	private int tellTogether(List<TicketId> tickets, String issueKey, FollowIssue.Progress progress, String detail,
			long sequence) {
		int[] applied = { 0 };
		DefaultUnitOfWork.startAndGet(new GenericMessage<>(jobId(issueKey, sequence))).execute(() -> {
			for (TicketId ticket : tickets) {
				try {
					Boolean recorded = this.commands
						.sendAndWait(new FollowIssue(ticket, issueKey, progress, detail, sequence));
					if (Boolean.TRUE.equals(recorded)) {
						applied[0]++;
					}
				}
				catch (AggregateNotFoundException ex) {
					log.error("Issue {} is linked to ticket {}, which does not exist", issueKey, ticket);
				}
			}
		});
		return applied[0];
	}

	private void await(Duration timeout) {
		this.lock.lock();
		try {
			this.work.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Called after each chunk committed, before the job's cursor moves. */
	@FunctionalInterface
	interface ChunkObserver {

		ChunkObserver NONE = (job, from, size) -> {
		};

		void chunkCommitted(String job, int from, int size);

	}

}
