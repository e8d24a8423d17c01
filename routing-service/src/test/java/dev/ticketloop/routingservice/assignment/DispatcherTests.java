package dev.ticketloop.routingservice.assignment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.ticketloop.infra.embedded.EmbeddedMongo;
import dev.ticketloop.platform.operations.ProcessorOperations;
import dev.ticketloop.routingservice.queue.QueueFixtures;
import dev.ticketloop.routingservice.queue.QueueItem;
import dev.ticketloop.routingservice.queue.Queues;
import dev.ticketloop.routingservice.sla.SlaPolicies;
import dev.ticketloop.routingservice.triage.Triage;
import dev.ticketloop.routingservice.triage.TriageCommand.RecordAssignment;
import dev.ticketloop.routingservice.triage.TriageCommand.TriageTicket;
import dev.ticketloop.routingservice.triage.TriageEvent;
import dev.ticketloop.routingservice.triage.TriageEvent.AssignmentDecided;
import dev.ticketloop.routingservice.triage.TriageEvent.ReturnedToQueue;
import dev.ticketloop.routingservice.triage.TriageEvent.TriageDecided;
import dev.ticketloop.testsupport.MutableClock;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;

import static dev.ticketloop.routingservice.sla.SlaPolicyFixtures.POLICIES;
import static dev.ticketloop.routingservice.sla.SlaPolicyFixtures.madrid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;
import static org.awaitility.Awaitility.await;

/**
 * The dispatcher's loop without Spring: its rounds over the queue's read model on the
 * MongoDB stand-in, with routing's {@link Triage} and the queue's projection on an
 * in-memory Axon event store (the queue follows each decision at once). Who gets which
 * ticket, the tickets of an agent who went away, a stale view of the queue, one instance
 * at a time, and the scheduled loop.
 */
class DispatcherTests {

	private static final Instant NOW = madrid("2026-11-30T10:00");

	/** No operations: the queue is never being replayed here. */
	private static final ObjectProvider<ProcessorOperations> NO_OPERATIONS = new ObjectProvider<>() {

		@Override
		public ProcessorOperations getIfAvailable() {
			return null;
		}

	};

	private static EmbeddedMongo mongo;

	private static MongoClient client;

	private final MutableClock clock = MutableClock.at(NOW);

	private final List<Dispatcher> dispatchers = new ArrayList<>();

	private MongoDatabase database;

	private Configuration axon;

	private AgentDirectory agents;

	private Queues queues;

	@BeforeAll
	static void startMongo() {
		mongo = EmbeddedMongo.inMemory();
		client = MongoClients.create(mongo.connectionString());
	}

	@AfterAll
	static void stopMongo() {
		client.close();
		mongo.close();
	}

	@BeforeEach
	void start() {
		this.database = client.getDatabase("dispatcher-" + java.util.UUID.randomUUID().toString().substring(0, 8));
		Object projection = QueueFixtures.projection(this.database);
		this.axon = DefaultConfigurer.defaultConfiguration()
			.configureEmbeddedEventStore((c) -> new InMemoryEventStorageEngine())
			.configureAggregate(Triage.class)
			.registerComponent(Clock.class, (c) -> this.clock)
			.registerComponent(SlaPolicies.class, (c) -> POLICIES)
			.eventProcessing((processing) -> processing.usingSubscribingEventProcessors()
				.registerEventHandler((c) -> projection))
			.buildConfiguration();
		this.axon.start();
		this.agents = new AgentDirectory(this.database);
		this.queues = QueueFixtures.queues(this.database, POLICIES, this.clock);
	}

	@AfterEach
	void stop() {
		this.dispatchers.forEach(Dispatcher::stop);
		this.axon.shutdown();
		this.database.drop();
	}

	@Test
	void a_round_hands_the_most_urgent_tickets_first_to_the_least_loaded_agent_who_speaks_the_language() {
		agent("ana", Set.of("qa"), Set.of("es", "en"), 2, true);
		agent("li", Set.of("qa"), Set.of("zh", "en"), 2, true);
		agent("bo", Set.of("qa"), Set.of("en"), 5, false);
		// by priority (vip high, standard normal, marketplace low), then by id
		ticket("ticket-a", "qa", null, "en");
		ticket("ticket-b", "qa", "vip", "en");
		ticket("ticket-c", "qa", null, "es");
		ticket("ticket-d", "qa", "marketplace", "zh");
		ticket("ticket-e", "qa", null, "de");

		assertThat(dispatcher("least-loaded").dispatch()).isEqualTo(4);

		// b: equally loaded, by id; a: the least loaded; c: the one speaking Spanish; d:
		// the one speaking Chinese; e: nobody speaks German
		assertThat(assignee("ticket-b")).isEqualTo("ana");
		assertThat(assignee("ticket-a")).isEqualTo("li");
		assertThat(assignee("ticket-c")).isEqualTo("ana");
		assertThat(assignee("ticket-d")).isEqualTo("li");
		assertThat(this.queues.item("ticket-e")).get().extracting(QueueItem::status).isEqualTo("waiting");
		assertThat(decisions("ticket-b")).singleElement()
			.satisfies((d) -> assertThat(d.reason()).isEqualTo("available"))
			.satisfies((d) -> assertThat(d.previousAgent()).isNull());
		assertThat(this.agents.find("ana")).get().extracting(Agent::lastAssignedAt).isEqualTo(NOW);
		assertThat(this.agents.find("bo")).get().extracting(Agent::lastAssignedAt).isEqualTo(Instant.EPOCH);
		// both at capacity, the away agent away: nothing more to hand out
		assertThat(dispatcher("least-loaded").dispatch()).isZero();
	}

	@Test
	void an_agent_of_every_team_works_the_queues_of_teams_nobody_else_names() {
		agent("ana", Set.of("qa"), Set.of(), 5, true);
		agent("zoe", Set.of(), Set.of(), 5, true);
		ticket("ticket-a", "billing", null, "en");

		assertThat(dispatcher("least-loaded").dispatch()).isEqualTo(1);

		assertThat(assignee("ticket-a")).isEqualTo("zoe");
	}

	@Test
	void the_tickets_of_an_agent_who_went_away_go_to_another_who_fits_or_back_to_the_queue() {
		agent("ana", Set.of("qa"), Set.of("es", "en"), 5, true);
		agent("li", Set.of("qa"), Set.of("en"), 5, false);
		ticket("ticket-en", "qa", null, "en");
		ticket("ticket-es", "qa", null, "es");
		Dispatcher dispatcher = dispatcher("least-loaded");
		assertThat(dispatcher.dispatch()).isEqualTo(2);

		this.agents.setAvailable("ana", false);
		this.agents.setAvailable("li", true);
		assertThat(dispatcher.dispatch()).isEqualTo(1);

		assertThat(assignee("ticket-en")).isEqualTo("li");
		assertThat(decisions("ticket-en")).last()
			.satisfies((d) -> assertThat(d.reason()).isEqualTo("reassigned"))
			.satisfies((d) -> assertThat(d.previousAgent()).isEqualTo("ana"));
		// nobody else speaks Spanish
		assertThat(this.queues.item("ticket-es")).get().satisfies((item) -> {
			assertThat(item.status()).isEqualTo("waiting");
			assertThat(item.assignee()).isNull();
		});
		assertThat(events("ticket-es", ReturnedToQueue.class)).singleElement()
			.extracting(ReturnedToQueue::agent)
			.isEqualTo("ana");

		// back, she gets it again; the ticket she left stays where it went
		this.agents.setAvailable("ana", true);
		assertThat(dispatcher.dispatch()).isEqualTo(1);
		assertThat(assignee("ticket-es")).isEqualTo("ana");
		assertThat(assignee("ticket-en")).isEqualTo("li");
	}

	@Test
	void an_assignment_made_on_a_stale_view_of_the_queue_is_refused_and_not_counted() {
		agent("ana", Set.of("qa"), Set.of(), 5, true);
		ticket("ticket-a", "qa", null, "en");
		// li took it by hand in ticket-service, but the queue lags behind: it still
		// shows the ticket waiting
		this.axon.commandGateway().sendAndWait(new RecordAssignment("ticket-a", "li", NOW));
		this.database.getCollection(QueueFixtures.collection())
			.updateOne(Filters.eq("_id", "ticket-a"), Updates.combine(Updates.unset("assignee"),
					Updates.set("status", "waiting"), Updates.unset("assignedAt")));

		assertThat(dispatcher("least-loaded").dispatch()).isZero();

		assertThat(decisions("ticket-a")).isEmpty();
		assertThat(this.agents.find("ana")).get().extracting(Agent::lastAssignedAt).isEqualTo(Instant.EPOCH);
	}

	@Test
	void started_it_dispatches_every_interval_one_instance_at_a_time_and_stopped_it_lets_another_lead() {
		agent("ana", Set.of("qa"), Set.of(), 10, true);
		Dispatcher first = dispatcher("least-loaded");
		Dispatcher second = dispatcher("least-loaded");
		first.start();
		assertThat(first.isRunning()).isTrue();

		ticket("ticket-a", "qa", null, "en");
		await().atMost(Duration.ofSeconds(10)).until(() -> "ana".equals(assignee("ticket-a")));
		ticket("ticket-b", "qa", null, "en");
		assertThat(second.dispatch()).as("the second instance while the first leads").isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> "ana".equals(assignee("ticket-b")));

		first.stop();
		assertThat(first.isRunning()).isFalse();
		synchronized (first) {
			// a round under way when it stopped has ended (a round holds the dispatcher)
		}
		ticket("ticket-c", "qa", null, "en");
		assertThat(second.dispatch()).as("the lease given up: the second instance leads at once").isEqualTo(1);
		assertThat(assignee("ticket-c")).isEqualTo("ana");
	}

	@Test
	void while_one_instance_holds_the_lease_another_hands_out_nothing_and_once_released_leads() {
		agent("ana", Set.of("qa"), Set.of(), 10, true);
		// rounds by hand only: no scheduled round within the test
		Dispatcher first = dispatcher("least-loaded", Duration.ofHours(1));
		Dispatcher second = dispatcher("least-loaded", Duration.ofHours(1));
		ticket("ticket-a", "qa", null, "en");
		assertThat(first.dispatch()).as("the first round takes the lease").isEqualTo(1);

		ticket("ticket-b", "qa", null, "en");
		assertThat(second.dispatch()).as("the lease is the first instance's").isZero();
		assertThat(assignee("ticket-b")).as("nobody dispatched meanwhile").isNull();

		first.start();
		first.stop();
		assertThat(second.dispatch()).as("released at stop").isEqualTo(1);
		assertThat(assignee("ticket-b")).isEqualTo("ana");
	}

	@Test
	void a_round_that_fails_is_tried_again_at_the_next_interval() throws InterruptedException {
		agent("ana", Set.of("qa"), Set.of(), 10, true);
		// the queue shows a ticket routing's triage does not have yet: assigning it fails
		this.axon.eventBus()
			.publish(GenericEventMessage.asEventMessage(new TriageDecided("ticket-a", "triage-ticket-a", "normal",
					NOW.plusSeconds(3600), "standard", NOW, null, "en", null, List.of(), "qa")));
		Dispatcher dispatcher = dispatcher("least-loaded");
		assertThatRuntimeException().isThrownBy(dispatcher::dispatch);
		dispatcher.start();
		Thread.sleep(200);
		assertThat(assignee("ticket-a")).isNull();

		ticket("ticket-a", "qa", null, "en");

		await().atMost(Duration.ofSeconds(10)).until(() -> "ana".equals(assignee("ticket-a")));
		assertThat(dispatcher.isRunning()).isTrue();
	}

	@Test
	void a_dispatcher_that_is_not_enabled_never_starts() {
		Dispatcher dispatcher = new Dispatcher(this.agents, this.queues, this.axon.commandGateway(),
				new AssignmentSettings(false, "least-loaded", Duration.ofMillis(20)), this.clock, this.database,
				NO_OPERATIONS);
		dispatcher.start();
		assertThat(dispatcher.isRunning()).isFalse();
	}

	private Dispatcher dispatcher(String strategy) {
		return dispatcher(strategy, Duration.ofMillis(20));
	}

	private Dispatcher dispatcher(String strategy, Duration interval) {
		Dispatcher dispatcher = new Dispatcher(this.agents, this.queues, this.axon.commandGateway(),
				new AssignmentSettings(true, strategy, interval), this.clock, this.database, NO_OPERATIONS);
		this.dispatchers.add(dispatcher);
		return dispatcher;
	}

	private void agent(String id, Set<String> teams, Set<String> languages, int capacity, boolean available) {
		this.agents.save(id, id, teams, Set.of(), languages, capacity);
		this.agents.setAvailable(id, available);
	}

	/** Triaged into a team's queue under the policy of the customer's tier. */
	private void ticket(String id, String team, String tier, String language) {
		String policy = POLICIES.select(tier, "email").name();
		this.axon.commandGateway()
			.sendAndWait(new TriageTicket(id, "email", NOW.minusSeconds(60), tier, policy, language, null, List.of(),
					team, List.of()));
	}

	private String assignee(String ticket) {
		return this.queues.item(ticket).map(QueueItem::assignee).orElse(null);
	}

	private List<AssignmentDecided> decisions(String ticket) {
		return events(ticket, AssignmentDecided.class);
	}

	private <E extends TriageEvent> List<E> events(String ticket, Class<E> type) {
		return this.axon.eventStore()
			.readEvents(ticket)
			.asStream()
			.map(Message::getPayload)
			.filter(type::isInstance)
			.map(type::cast)
			.toList();
	}

}
