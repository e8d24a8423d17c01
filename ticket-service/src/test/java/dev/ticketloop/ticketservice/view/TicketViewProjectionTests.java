package dev.ticketloop.ticketservice.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.ticketloop.contracts.EventType;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
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
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketReopened;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketResolved;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketTriaged;
import dev.ticketloop.ticketservice.ticket.TicketId;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket view written a batch at a time (as the event processor hands it events)
 * against the MongoDB of the test infrastructure: the same documents as event by event,
 * and a batch handled again (a redelivery, a replay over a view not reset, a batch that
 * overlaps one already applied) changes nothing.
 */
@IntegrationTest
class TicketViewProjectionTests {

	private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

	private MongoClient client;

	private MongoDatabase database;

	@BeforeEach
	void connect() {
		this.client = MongoClients.create(TestInfrastructure.get().mongoConnectionString());
		this.database = this.client.getDatabase(TestInfrastructure.uniqueDatabase("ticketview"));
	}

	@AfterEach
	void disconnect() {
		this.client.close();
	}

	/** Three tickets' lives, interleaved as they would be in the store. */
	private static List<EventMessage<?>> history() {
		List<EventMessage<?>> events = new ArrayList<>();
		for (int round = 0; round < 6; round++) {
			for (int t = 1; t <= 3; t++) {
				TicketId id = TicketId.of("0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e1" + t);
				Instant at = T0.plusSeconds(round * 60L + t);
				TicketEvent event = switch (round) {
					case 0 -> new TicketOpened(id, Channel.EMAIL, "cust-" + t,
							new Contact("c" + t + "@example.com", "C" + t, null), "en-GB", "Export", "Broken", at);
					case 1 -> new TicketTriaged(id, "d-" + t, Priority.NORMAL, at.plusSeconds(86_400), at);
					case 2 -> new TicketAssigned(id, "maria", null, at);
					case 3 -> new AgentReplied(id, "maria", "Try this", at);
					case 4 -> new TicketResolved(id, "maria", "Done", true, at, ResolutionCause.AGENT);
					default -> new TicketReopened(id, "Still broken", 1, at, "maria");
				};
				if (round == 5 && t == 3) {
					continue; // one ticket stays resolved
				}
				events.add(new GenericDomainEventMessage<>("Ticket", id.value(), round, event, MetaData.emptyInstance(),
						"evt-" + t + "-" + round, at));
			}
		}
		return events;
	}

	private static void handle(TicketViewProjection projection, EventMessage<?> message) {
		GenericDomainEventMessage<?> m = (GenericDomainEventMessage<?>) message;
		projection.on((TicketEvent) m.getPayload(), m.getSequenceNumber(), m.getTimestamp());
	}

	/**
	 * As the pooled processor does: one unit of work over the batch, an event at a time.
	 */
	private static void batch(TicketViewProjection projection, List<EventMessage<?>> events) throws Exception {
		BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
		unitOfWork.executeWithResult(() -> {
			handle(projection, unitOfWork.getMessage());
			return null;
		});
		assertThat(unitOfWork.getExecutionResult().isExceptionResult()).isFalse();
	}

	private static List<Document> views(MongoDatabase database) {
		return database.getCollection(TicketViewProjection.COLLECTION)
			.find()
			.sort(Sorts.ascending("_id"))
			.into(new ArrayList<>());
	}

	@Test
	void a_batch_writes_the_same_views_as_its_events_one_by_one() throws Exception {
		TicketViewProjection byEvent = new TicketViewProjection(this.database);
		history().forEach((e) -> handle(byEvent, e));
		MongoDatabase other = this.client.getDatabase(TestInfrastructure.uniqueDatabase("ticketview"));
		batch(new TicketViewProjection(other), history());

		List<Document> expected = views(this.database);
		assertThat(expected).hasSize(3);
		assertThat(expected).extracting((d) -> d.getString("status"))
			.containsExactly("IN_PROGRESS", "IN_PROGRESS", "RESOLVED");
		assertThat(views(other)).isEqualTo(expected);
	}

	@Test
	void a_batch_handled_again_or_overlapping_one_already_applied_changes_nothing() throws Exception {
		TicketViewProjection projection = new TicketViewProjection(this.database);
		List<EventMessage<?>> history = history();
		batch(projection, history.subList(0, 10));
		batch(projection, history.subList(0, 10));
		batch(projection, history.subList(5, history.size()));
		List<Document> once = views(this.database);

		batch(projection, history);

		assertThat(views(this.database)).isEqualTo(once);
		assertThat(once).extracting((d) -> d.getList("history", Document.class).size()).containsExactly(6, 6, 5);
		assertThat(once).extracting((d) -> d.get("version", Number.class).longValue()).containsExactly(5L, 5L, 4L);
	}

	@Test
	void the_history_spells_each_close_reason_as_the_published_event_does() throws Exception {
		JsonNode schema;
		try (var in = getClass().getClassLoader().getResourceAsStream(EventType.TICKET_CLOSED.schemaPath())) {
			schema = JsonMapper.builder().build().readTree(in);
		}
		List<String> published = new ArrayList<>();
		schema.get("properties").get("reason").get("enum").forEach((r) -> published.add(r.asString()));
		TicketViewProjection projection = new TicketViewProjection(this.database);
		List<String> shown = new ArrayList<>();
		for (CloseReason reason : CloseReason.values()) {
			TicketId id = TicketId.of("0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e2" + reason.ordinal());
			projection.on(new TicketOpened(id, Channel.EMAIL, "cust-1", new Contact("c@example.com", "C", null), "en",
					"Export", "Broken", T0), 0, T0);
			projection.on(new TicketClosed(id, reason, T0.plusSeconds(60)), 1, T0.plusSeconds(60));
			Document view = this.database.getCollection(TicketViewProjection.COLLECTION)
				.find(new Document("_id", id.value()))
				.first();
			shown
				.add(view.getList("history", Document.class).get(1).get("details", Document.class).getString("reason"));
		}
		assertThat(shown).containsExactlyElementsOf(published);
	}

}
