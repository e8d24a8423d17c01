package dev.ticketloop.routingservice.assignment;

import dev.ticketloop.platform.tracing.TraceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoDatabase;
import dev.ticketloop.platform.operations.ProcessorOperations;
import dev.ticketloop.platform.timer.Lease;
import dev.ticketloop.routingservice.queue.QueueItem;
import dev.ticketloop.routingservice.queue.QueueProjection;
import dev.ticketloop.routingservice.queue.Queues;
import dev.ticketloop.routingservice.triage.TriageCommand.AssignToAgent;
import dev.ticketloop.routingservice.triage.TriageCommand.ReturnToQueue;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hands waiting tickets to agents, most urgent first: to an available agent of the
 * ticket's team who speaks its language, knows its category and is under capacity, the
 * least loaded one (or, round robin, the one who waited longest). The tickets of an agent
 * who went away go to another fitting agent, or back to the queue. One instance
 * dispatches at a time (a lease), every {@code ticketloop.assignment.interval}.
 */
@Component
class Dispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final AgentDirectory agents;

	private final Queues queues;

	private final CommandGateway commands;

	private final AssignmentSettings settings;

	private final Clock clock;

	private final Lease lease;

	private final ObjectProvider<ProcessorOperations> operations;

	private ScheduledExecutorService scheduler;

	private volatile boolean stopping;

	Dispatcher(AgentDirectory agents, Queues queues, CommandGateway commands, AssignmentSettings settings, Clock clock,
			MongoDatabase database, ObjectProvider<ProcessorOperations> operations) {
		this.operations = operations;
		this.agents = agents;
		this.queues = queues;
		this.commands = commands;
		this.settings = settings;
		this.clock = clock;
		this.lease = new Lease(database.getCollection("dispatcher"), "leader", clock, Duration.ofSeconds(10));
	}

	/** One round: returns how many tickets were handed out. */
	synchronized int dispatch() {
		if (!this.lease.check().leads()) {
			return 0;
		}
		ProcessorOperations operations = this.operations.getIfAvailable();
		if (operations != null && operations.rebuilding(QueueProjection.PROCESSING_GROUP)) {
			// the queue is being replayed: partly built, it would show tickets as waiting
			// that are assigned or closed, and agents as less loaded than they are
			return 0;
		}
		List<Agent> all = this.agents.all();
		Map<String, Integer> load = new HashMap<>(this.queues.loadByAgent());
		Map<String, Agent> byId = new HashMap<>();
		all.forEach((a) -> byId.put(a.id(), a));
		int handed = 0;
		// the tickets of agents who went away first
		for (Agent away : all) {
			if (away.available()) {
				continue;
			}
			for (String ticket : this.queues.ticketsOf(away.id())) {
				Optional<QueueItem> item = this.queues.item(ticket);
				if (item.isEmpty()) {
					continue;
				}
				Optional<Agent> next = best(item.get(), byId, load);
				if (next.isPresent()) {
					handed += assign(item.get(), next.get(), "reassigned", load, byId);
				}
				else {
					TraceContext.run(this.queues.traceparentOf(ticket), () -> this.commands
						.sendAndWait(new ReturnToQueue(ticket, away.id(), away.id() + " is away")));
					load.merge(away.id(), -1, Integer::sum);
				}
			}
		}
		Set<String> teams = new TreeSet<>();
		all.stream().filter(Agent::available).forEach((a) -> teams.addAll(a.teams()));
		if (all.stream().anyMatch((a) -> a.available() && a.teams().isEmpty())) {
			teams.addAll(this.queues.summary().keySet());
		}
		for (String team : teams) {
			for (QueueItem item : this.queues.queue(team, Queues.Status.WAITING, 200)) {
				Optional<Agent> agent = best(item, byId, load);
				if (agent.isPresent()) {
					handed += assign(item, agent.get(), "available", load, byId);
				}
			}
		}
		return handed;
	}

	private int assign(QueueItem item, Agent agent, String reason, Map<String, Integer> load, Map<String, Agent> byId) {
		boolean changed = TraceContext.within(this.queues.traceparentOf(item.ticketId()), () -> this.commands
			.<Boolean>sendAndWait(new AssignToAgent(item.ticketId(), agent.id(), item.assignee(), reason)));
		if (!changed) {
			return 0;
		}
		load.merge(agent.id(), 1, Integer::sum);
		if (item.assignee() != null) {
			load.merge(item.assignee(), -1, Integer::sum);
		}
		java.time.Instant now = this.clock.instant();
		this.agents.assigned(agent.id(), now);
		byId.put(agent.id(), new Agent(agent.id(), agent.name(), agent.teams(), agent.skills(), agent.languages(),
				agent.capacity(), agent.available(), now));
		log.debug("Ticket {} to {} ({})", item.ticketId(), agent.id(), reason);
		return 1;
	}

	private Optional<Agent> best(QueueItem item, Map<String, Agent> agents, Map<String, Integer> load) {
		return choose(item.team(), item.language(), item.category(), item.assignee(), agents.values(), load,
				this.settings.strategy());
	}

	/**
	 * The agent for a ticket: available, of its team, speaking its language, knowing its
	 * category, under capacity, not the one who has it; then the least loaded
	 * ({@code least-loaded}, ties to the one who waited longest) or the one who waited
	 * longest ({@code round-robin}); then by id.
	 */
	static Optional<Agent> choose(String team, String language, String category, String currentAgent,
			java.util.Collection<Agent> agents, Map<String, Integer> load, String strategy) {
		Comparator<Agent> order = strategy.equals("round-robin")
				? Comparator.comparing(Agent::lastAssignedAt).thenComparing(Agent::id)
				: Comparator.comparing((Agent a) -> load.getOrDefault(a.id(), 0))
					.thenComparing(Agent::lastAssignedAt)
					.thenComparing(Agent::id);
		return agents.stream()
			.filter((a) -> !a.id().equals(currentAgent))
			.filter((a) -> a.fits(team, language, category))
			.filter((a) -> load.getOrDefault(a.id(), 0) < a.capacity())
			.min(order);
	}

	@Override
	public void start() {
		if (!this.settings.enabled()) {
			return;
		}
		this.stopping = false;
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("dispatcher").daemon().factory());
		long period = this.settings.interval().toMillis();
		this.scheduler.scheduleWithFixedDelay(() -> {
			try {
				dispatch();
			}
			catch (RuntimeException ex) {
				if (this.stopping) {
					log.debug("Dispatching stopped: {}", ex.toString());
				}
				else {
					log.warn("Dispatching failed, retrying: {}", ex.toString());
				}
			}
		}, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.scheduler;
		if (running != null) {
			// a round interrupted now fails: that is the stop, not a failure to warn
			// about
			this.stopping = true;
			this.scheduler = null;
			running.shutdownNow();
			// after the round under way (it holds this monitor): released before it ends,
			// the lease would be taken again by it, or by another instance while it still
			// hands out tickets
			synchronized (this) {
				this.lease.release();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
