package dev.ticketloop.platform.scaleout;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The instances of this service that are alive now, so that they can share the work: each
 * instance writes a heartbeat into {@code service_instances} of the service's database
 * every {@code heartbeat}, and is counted as alive while its last heartbeat is younger
 * than {@code timeout}. A stopping instance removes itself; a killed one is forgotten
 * after the timeout.
 */
public final class ServiceInstances implements SmartLifecycle {

	static final String COLLECTION = "service_instances";

	private static final Logger log = LoggerFactory.getLogger(ServiceInstances.class);

	private final MongoCollection<Document> instances;

	private final Clock clock;

	private final Duration heartbeat;

	private final Duration timeout;

	private final String id;

	private final Instant startedAt;

	private volatile ScheduledExecutorService beating;

	private volatile List<Document> seen = List.of();

	private volatile Instant seenAt = Instant.MIN;

	public ServiceInstances(MongoDatabase database, Clock clock, Duration heartbeat, Duration timeout) {
		this.instances = database.getCollection(COLLECTION);
		this.clock = clock;
		this.heartbeat = heartbeat;
		this.timeout = timeout;
		this.id = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
		this.startedAt = clock.instant();
	}

	/**
	 * This instance's name: {@code pid@host/random}, unique even for several instances in
	 * one JVM; also the owner name of its claims on processor segments.
	 */
	public String id() {
		return this.id;
	}

	/** How many instances are alive (this one included, once started). */
	public int alive() {
		return Math.max(1, aliveInstances().size());
	}

	/** The ids of the instances alive now, oldest first. */
	public List<String> aliveInstances() {
		Instant now = this.clock.instant();
		if (now.isAfter(this.seenAt.plus(this.heartbeat.dividedBy(2)))) {
			refresh(now);
		}
		List<String> alive = new ArrayList<>();
		for (Document instance : this.seen) {
			if (instance.getDate("seenAt").toInstant().isAfter(now.minus(this.timeout))) {
				alive.add(instance.getString("_id"));
			}
		}
		return alive;
	}

	private void refresh(Instant now) {
		try {
			List<Document> all = new ArrayList<>();
			this.instances.find().sort(new Document("startedAt", 1)).into(all);
			this.seen = all;
			this.seenAt = now;
		}
		catch (RuntimeException ex) {
			log.debug("Could not read the live instances: {}", ex.toString());
		}
	}

	private void beat() {
		Instant now = this.clock.instant();
		try {
			this.instances.replaceOne(Filters.eq("_id", this.id),
					new Document("_id", this.id).append("startedAt", Date.from(this.startedAt))
						.append("seenAt", Date.from(now)),
					new ReplaceOptions().upsert(true));
			// instances gone for long are removed by whoever sees them
			this.instances.deleteMany(Filters.lt("seenAt", Date.from(now.minus(this.timeout.multipliedBy(10)))));
			refresh(now);
		}
		catch (RuntimeException ex) {
			log.debug("Heartbeat failed: {}", ex.toString());
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("instance-heartbeat").daemon().factory());
		beat();
		executor.scheduleWithFixedDelay(this::beat, this.heartbeat.toMillis(), this.heartbeat.toMillis(),
				TimeUnit.MILLISECONDS);
		this.beating = executor;
		log.info("Instance {} started; {} instance(s) of this service alive", this.id, alive());
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.beating;
		this.beating = null;
		if (executor != null) {
			executor.shutdownNow();
			try {
				this.instances.deleteOne(Filters.eq("_id", this.id));
			}
			catch (RuntimeException ex) {
				log.debug("Could not sign off: {}", ex.toString());
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.beating != null;
	}

	/** Early: the processors, started later, already see this instance. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

}
