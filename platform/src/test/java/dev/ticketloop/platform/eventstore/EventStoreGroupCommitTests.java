package dev.ticketloop.platform.eventstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ticketloop.platform.eventstore.Engines.Written;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One append holding commits of many aggregates (a fan-out chunk, a processor's batch) is
 * written with one insert of stream documents and one of commits, and still behaves as a
 * unit: a conflict on one aggregate leaves none of them changed and none of them locked,
 * and a commit whose positions were taken meanwhile moves to new ones.
 */
@IntegrationTest
class EventStoreGroupCommitTests {

	private MongoClient client;

	private MongoDatabase database;

	private MongoEventStorageEngine engine;

	@BeforeEach
	void setUp() {
		this.client = MongoClients.create(TestInfrastructure.get().mongoConnectionString());
		this.database = this.client.getDatabase(TestInfrastructure.uniqueDatabase("group"));
		this.engine = Engines.engine(this.database, Duration.ofSeconds(10));
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void commits_of_many_aggregates_in_one_append_are_each_read_whole() {
		this.engine.appendEvents(batch("a", 0, 2, "b", 0, 1, "c", 0, 3));
		this.engine.appendEvents(batch("a", 2, 1, "b", 1, 2, "c", 3, 1));

		assertThat(writers("a")).containsExactly("0", "0", "1");
		assertThat(writers("b")).containsExactly("0", "1", "1");
		assertThat(writers("c")).containsExactly("0", "0", "0", "1");
		assertThat(Engines.readAfter(this.engine, null)).hasSize(10);
	}

	@Test
	void a_conflict_on_one_aggregate_fails_the_whole_append_and_locks_none() {
		this.engine.appendEvents(batch("a", 0, 1, "b", 0, 1, "c", 0, 1));
		this.engine.appendEvents(Engines.events("b", 1, 1, "concurrent"));

		assertThatExceptionOfType(ConcurrencyException.class)
			.isThrownBy(() -> this.engine.appendEvents(batch("a", 1, 1, "b", 1, 1, "c", 1, 1)));

		assertThat(writers("a")).containsExactly("0");
		assertThat(writers("b")).containsExactly("0", "concurrent");
		assertThat(writers("c")).containsExactly("0");
		// the retry of the unit of work, with b's state reloaded, goes through
		this.engine.appendEvents(batch("a", 1, 1, "b", 2, 1, "c", 1, 1));
		assertThat(writers("a")).containsExactly("0", "1");
		assertThat(writers("b")).containsExactly("0", "concurrent", "1");
		assertThat(writers("c")).containsExactly("0", "1");
	}

	@Test
	void a_commit_whose_positions_were_released_meanwhile_moves_to_new_ones() {
		this.engine.appendEvents(Engines.events("warm-up", 0, 1, "0"));
		long next = this.database.getCollection(MongoEventStorageEngine.POSITIONS)
			.find(Filters.eq("_id", "global"))
			.first()
			.get("next", Number.class)
			.longValue();
		// a reader released the position the second commit will get (its writer seemed
		// dead)
		this.database.getCollection(MongoEventStorageEngine.COMMITS)
			.insertOne(new Document("_id", next + 2).append("tombstone", true));

		this.engine.appendEvents(batch("a", 0, 2, "b", 0, 2, "c", 0, 1));

		assertThat(writers("a")).containsExactly("0", "0");
		assertThat(writers("b")).containsExactly("0", "0");
		assertThat(writers("c")).containsExactly("0");
		assertThat(Engines.readAfter(this.engine, null)).extracting((e) -> ((Written) e.getPayload()).aggregate())
			.containsExactly("warm-up", "a", "a", "c", "b", "b");
	}

	/**
	 * Commits of three aggregates in one append, written by "0" at sequence 0, else "1".
	 */
	private static List<EventMessage<?>> batch(String a, long aFrom, int aCount, String b, long bFrom, int bCount,
			String c, long cFrom, int cCount) {
		List<EventMessage<?>> events = new ArrayList<>();
		events.addAll(Engines.events(a, aFrom, aCount, (aFrom == 0) ? "0" : "1"));
		events.addAll(Engines.events(b, bFrom, bCount, (bFrom == 0) ? "0" : "1"));
		events.addAll(Engines.events(c, cFrom, cCount, (cFrom == 0) ? "0" : "1"));
		return events;
	}

	private List<String> writers(String aggregate) {
		return this.engine.readEvents(aggregate)
			.asStream()
			.map(DomainEventMessage::getPayload)
			.map((p) -> ((Written) p).writer())
			.toList();
	}

}
