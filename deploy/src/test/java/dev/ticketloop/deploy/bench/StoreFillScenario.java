package dev.ticketloop.deploy.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.ticketservice.TicketServiceApplication;
import dev.ticketloop.ticketservice.ticket.Channel;
import dev.ticketloop.ticketservice.ticket.Contact;
import dev.ticketloop.ticketservice.ticket.Priority;
import dev.ticketloop.ticketservice.ticket.ResolutionCause;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseReason;
import dev.ticketloop.ticketservice.ticket.TicketEvent;
import dev.ticketloop.ticketservice.ticket.TicketEvent.AgentReplied;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketAssigned;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketClosed;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketOpened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketResolved;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketTriaged;
import dev.ticketloop.ticketservice.ticket.TicketId;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The replay at the size of the goal: ticket-service alone (its own database on the same
 * store, no routing or notification service to answer its events) with its event store
 * filled directly, a ticket's whole life at a time (opened, triaged, assigned, replied,
 * resolved, closed: six events), by 4 writers appending 10 tickets per commit, as fast as
 * the store takes them, its event processors stopped meanwhile. Once every processor has
 * caught up, {@link ReplayScenario} resets and rebuilds the read models and compares the
 * result with the view built live.
 */
final class StoreFillScenario {

	static final String SCENARIO = "3 replay";

	private static final int EVENTS_PER_TICKET = 6;

	private static final int TICKETS_PER_COMMIT = 10;

	private StoreFillScenario() {
	}

	static boolean run(Report report, TestInfrastructure infrastructure, int events) throws Exception {
		Map<String, Object> properties = new LinkedHashMap<>(
				infrastructure.springProperties(TicketServiceApplication.NAME));
		properties.put("server.port", 0);
		properties.put("logging.level.org.apache.kafka", "WARN");
		properties.put("logging.level.org.axonframework", "WARN");
		properties.put("logging.level.de.bwaldvogel", "WARN");
		try (ConfigurableApplicationContext ticketService = BenchServices.start(TicketServiceApplication.builder(),
				properties)) {
			EventStore store = ticketService.getBean(EventStore.class);
			// the processors wait while the store is filled (they would compete for the
			// same two cores), then catch up before the replay
			List<EventProcessor> processors = List
				.copyOf(ticketService.getBean(EventProcessingConfiguration.class).eventProcessors().values());
			for (EventProcessor processor : processors) {
				processor.shutdownAsync().get();
			}
			int tickets = Math.max(TICKETS_PER_COMMIT, events / EVENTS_PER_TICKET);
			int commits = (tickets + TICKETS_PER_COMMIT - 1) / TICKETS_PER_COMMIT;
			AtomicInteger next = new AtomicInteger();
			long start = System.nanoTime();
			ExecutorService writers = Executors.newFixedThreadPool(4);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (int w = 0; w < 4; w++) {
					done.add(writers.submit(() -> {
						for (int c = next.getAndIncrement(); c < commits; c = next.getAndIncrement()) {
							List<DomainEventMessage<?>> commit = new ArrayList<>();
							for (int t = 0; t < TICKETS_PER_COMMIT; t++) {
								commit.addAll(life(Instant.now()));
							}
							DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(commit));
						}
						return null;
					}));
				}
				for (Future<?> f : done) {
					f.get();
				}
			}
			finally {
				writers.shutdown();
			}
			double seconds = Baselines.seconds(start);
			long appended = (long) commits * TICKETS_PER_COMMIT * EVENTS_PER_TICKET;
			System.out.printf("  filled: %,d events in %.1f s%n", appended, seconds);
			report.add(Report.Figure
				.of(SCENARIO, "store filled directly (4 writers, 60 events per commit)", appended / seconds, "events/s")
				.note("processors stopped meanwhile"));
			long catchUp = System.nanoTime();
			processors.forEach(EventProcessor::start);
			boolean same = ReplayScenario.run(report, ticketService, Duration.ofMinutes(45));
			System.out.printf("  catch-up of every processor, then the replay: %.1f s%n", Baselines.seconds(catchUp));
			return same;
		}
	}

	/** One ticket's six events, a minute apart. */
	private static List<DomainEventMessage<?>> life(Instant at) {
		TicketId id = TicketId.of(UUID.randomUUID().toString());
		List<TicketEvent> events = List.of(
				new TicketOpened(id, Channel.EMAIL, "cust-bench", new Contact("bench@example.com", "Bench", null),
						"en-GB", "Export does nothing", "The export button does nothing since the update.", at),
				new TicketTriaged(id, "triage-" + id.value(), Priority.NORMAL, at.plusSeconds(86_400),
						at.plusSeconds(60)),
				new TicketAssigned(id, "maria", null, at.plusSeconds(120)),
				new AgentReplied(id, "maria", "Clear the cache and try again, please.", at.plusSeconds(180)),
				new TicketResolved(id, "maria", "Cache cleared", true, at.plusSeconds(240), ResolutionCause.AGENT),
				new TicketClosed(id, CloseReason.CONFIRMED, at.plusSeconds(300)));
		List<DomainEventMessage<?>> messages = new ArrayList<>();
		for (int seq = 0; seq < events.size(); seq++) {
			messages.add(new GenericDomainEventMessage<>("Ticket", id.value(), seq, events.get(seq)));
		}
		return messages;
	}

}
