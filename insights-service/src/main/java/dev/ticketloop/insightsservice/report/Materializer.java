package dev.ticketloop.insightsservice.report;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoDatabase;
import dev.ticketloop.insightsservice.emerging.EmergingProblems;
import dev.ticketloop.insightsservice.facts.FactStore;
import dev.ticketloop.insightsservice.tagging.FeedbackTagger;
import dev.ticketloop.platform.timer.Lease;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Adds up again, every {@code ticketloop.insights.refresh}, each day whose tickets
 * changed: reads the day's sheets, computes its {@link DayTotals} and stores them with
 * the version they are of, then marks the day done up to that version; summarizes each
 * engineering issue that changed the same way; publishes the weekly report when one is
 * due ({@link WeeklyReports}); looks for emerging problems ({@link EmergingProblems});
 * forgets the texts of messages past their retention ({@link MessageRetention}). One
 * instance does it at a time (a lease); a crash at any point leaves the day marked, and
 * it is added up again.
 */
@Component
class Materializer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Materializer.class);

	private final FactStore facts;

	private final TotalsStore totals;

	private final IssueSummaries summaries;

	private final WeeklyReports weekly;

	private final EmergingProblems emerging;

	private final FeedbackTagger tagger;

	private final MessageRetention messages;

	private final Clock clock;

	private final Lease lease;

	private final Duration refresh;

	private ScheduledExecutorService executor;

	/** Set while the service stops: what fails then is the stop's doing, not a fault. */
	private volatile boolean stopping;

	Materializer(FactStore facts, TotalsStore totals, IssueSummaries summaries, WeeklyReports weekly,
			EmergingProblems emerging, FeedbackTagger tagger, MessageRetention messages, MongoDatabase database,
			Clock clock, @Value("${ticketloop.insights.refresh:2s}") Duration refresh) {
		this.messages = messages;
		this.facts = facts;
		this.totals = totals;
		this.summaries = summaries;
		this.weekly = weekly;
		this.emerging = emerging;
		this.tagger = tagger;
		this.clock = clock;
		this.refresh = refresh;
		this.lease = new Lease(database.getCollection("insight_leases"), "materializer", clock,
				refresh.multipliedBy(10).plusSeconds(10));
	}

	/**
	 * Whether the stored totals were checked to be of this version's format: when they
	 * are older, every day is added up again (no manual rebuild after an upgrade).
	 */
	private volatile boolean formatChecked;

	/**
	 * Adds up every day marked as changed and summarizes every issue marked as changed;
	 * how many of them.
	 */
	int materialize() {
		if (!this.formatChecked) {
			if (this.totals.outdatedFormat(this.tagger.version())) {
				long days = this.facts.markAllChanged();
				log.info("The stored totals are of another format or feedback tagger: adding up all {} days again",
						days);
			}
			this.totals.formatIsCurrent(this.tagger.version());
			this.formatChecked = true;
		}
		Map<String, Long> dirty = this.facts.dirtyDays();
		dirty.forEach((day, v) -> {
			List<TicketFact> tickets = this.facts.tickets(this.facts.ticketsOf(day))
				.stream()
				.map(TicketFact::from)
				.toList();
			this.totals.write(day, v, DayTotals.of(tickets, this.tagger));
			this.facts.markDone(day, v);
		});
		Map<String, Long> issues = this.facts.dirtyIssues();
		issues.forEach((key, v) -> {
			Document issue = this.facts.issue(key);
			List<TicketFact> tickets = this.facts.tickets(issue.getList("tickets", String.class, List.of()))
				.stream()
				.map(TicketFact::from)
				.toList();
			this.summaries.write(IssueSummary.of(issue, tickets), v);
			this.facts.markIssueDone(key, v);
		});
		return dirty.size() + issues.size();
	}

	private void tick() {
		try {
			if (this.lease.check().leads()) {
				materialize();
				this.weekly.publishDue(this.clock.instant());
				this.emerging.runIfDue(this.clock.instant());
				this.messages.forgetIfDue(this.clock.instant());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			if (this.stopping || Thread.currentThread().isInterrupted()) {
				// a stop interrupted it (a MongoDB driver waiting for a connection says
				// so
				// with its own exception): the next leader does it
				log.debug("Adding up stopped by the service's stop: {}", ex.toString());
				return;
			}
			log.warn(
					"Adding up, the weekly report, emerging problems or forgetting old messages failed; trying again in {}: {}",
					this.refresh, ex.toString());
		}
	}

	@Override
	public void start() {
		this.stopping = false;
		this.executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("insights-totals").factory());
		this.executor.scheduleWithFixedDelay(this::tick, this.refresh.toMillis(), this.refresh.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.stopping = true;
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor = null;
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
