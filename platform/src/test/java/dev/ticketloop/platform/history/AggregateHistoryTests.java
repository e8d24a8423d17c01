package dev.ticketloop.platform.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ticketloop.platform.eventstore.Engines;
import dev.ticketloop.platform.eventstore.MongoEventStorageEngine;
import dev.ticketloop.platform.history.AggregateHistory.EventPage;
import dev.ticketloop.platform.history.AggregateHistory.EventView;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 15: every service lists an aggregate's events through one helper: pages that
 * follow each other (a commit of several events split across pages too), global positions
 * increasing, the limit checked, the aggregate's 404 when it has no event, and the events
 * up to an instant; a view computed on a scratch document.
 */
@IntegrationTest
class AggregateHistoryTests {

	private MongoClient client;

	private MongoDatabase database;

	@BeforeEach
	void setUp() {
		this.client = MongoClients.create(TestInfrastructure.get().mongoConnectionString());
		this.database = this.client.getDatabase(TestInfrastructure.uniqueDatabase("history"));
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void an_aggregates_events_are_paged_with_increasing_global_positions() {
		MongoEventStorageEngine engine = Engines.engine(this.database, Duration.ofSeconds(10));
		engine.appendEvents(Engines.events("paged", 0, 3, "w"));
		engine.appendEvents(Engines.events("other", 0, 1, "w"));
		engine.appendEvents(Engines.events("paged", 3, 2, "w"));
		AggregateHistory history = new AggregateHistory(engine);

		EventPage first = history.page("paged", null, 2, IllegalStateException::new);
		EventPage second = history.page("paged", first.next(), 2, IllegalStateException::new);
		EventPage last = history.page("paged", second.next(), 2, IllegalStateException::new);

		assertThat(first.aggregateId()).isEqualTo("paged");
		assertThat(first.events()).extracting(EventView::sequence).containsExactly(0L, 1L);
		assertThat(first.next()).isEqualTo(1L);
		assertThat(second.events()).extracting(EventView::sequence).containsExactly(2L, 3L);
		assertThat(last.events()).extracting(EventView::sequence).containsExactly(4L);
		assertThat(last.next()).isNull();
		List<Long> positions = java.util.stream.Stream.of(first, second, last)
			.flatMap((p) -> p.events().stream())
			.map(EventView::globalPosition)
			.toList();
		assertThat(positions).containsExactly(0L, 1L, 2L, 4L, 5L);
		assertThat(first.events().get(0).type()).isEqualTo("Written");
		assertThat(first.events().get(0).payload()).isEqualTo(new Engines.Written("paged", 0, "w"));
		assertThat(first.events().get(0).timestamp()).isNotNull();
		assertThat(history.page("paged", 4L, 10, IllegalStateException::new).events()).as("after the last").isEmpty();

		assertThatThrownBy(() -> history.page("missing", null, 10, () -> new IllegalStateException("404")))
			.hasMessage("404");
		assertThatThrownBy(() -> history.page("paged", null, 0, IllegalStateException::new))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("limit:");
		assertThatThrownBy(
				() -> history.page("paged", null, AggregateHistory.MAX_LIMIT + 1, IllegalStateException::new))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> history.page("paged", -2L, 10, IllegalStateException::new))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("after:");
	}

	@Test
	void the_events_up_to_an_instant_are_those_written_by_then() throws Exception {
		MongoEventStorageEngine engine = Engines.engine(this.database, Duration.ofSeconds(10));
		AggregateHistory history = new AggregateHistory(engine);
		Instant before = Instant.now();
		Thread.sleep(20);
		engine.appendEvents(Engines.events("timed", 0, 2, "w"));
		Thread.sleep(20);
		Instant then = Instant.now();
		Thread.sleep(20);
		engine.appendEvents(Engines.events("timed", 2, 1, "w"));

		assertThat(history.until("timed", before)).isEmpty();
		assertThat(history.until("timed", then)).extracting(DomainEventMessage::getSequenceNumber)
			.containsExactly(0L, 1L);
		assertThat(history.until("timed", Instant.now())).hasSize(3);
	}

	@Test
	void a_scratch_view_is_what_the_updates_make_and_leaves_nothing_behind() {
		ScratchViews scratch = new ScratchViews(this.database.getCollection("views_as_of"));

		Document view = scratch.apply("item-1",
				List.of(Updates.set("status", "NEW"), Updates.inc("count", 1), Updates.set("status", "DONE")));

		assertThat(view).isEqualTo(new Document("_id", "item-1").append("status", "DONE").append("count", 1));
		assertThat(scratch.apply("item-1", List.of())).isNull();
		assertThat(this.database.getCollection("views_as_of").countDocuments()).isZero();
	}

}
