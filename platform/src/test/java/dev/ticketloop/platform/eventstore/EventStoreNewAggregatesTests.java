package dev.ticketloop.platform.eventstore;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch that creates many aggregates asks about all of them in one query
 * ({@link MongoEventStorageEngine#expectNew}): the new ones then load as empty without a
 * round trip, the ones that exist load as always, the knowledge ends with the unit of
 * work, and an aggregate created by someone else meanwhile is still caught by the append.
 */
@IntegrationTest
class EventStoreNewAggregatesTests {

	private final List<String> commands = new CopyOnWriteArrayList<>();

	private MongoClient client;

	private MongoEventStorageEngine engine;

	@BeforeEach
	void setUp() {
		CommandListener counter = new CommandListener() {
			@Override
			public void commandStarted(CommandStartedEvent event) {
				EventStoreNewAggregatesTests.this.commands.add(event.getCommandName());
			}
		};
		this.client = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(TestInfrastructure.get().mongoConnectionString()))
			.addCommandListener(counter)
			.build());
		MongoDatabase database = this.client.getDatabase(TestInfrastructure.uniqueDatabase("new-aggregates"));
		this.engine = Engines.engine(database, Duration.ofSeconds(10));
		this.engine.appendEvents(Engines.events("existing", 0, 3, "w"));
		this.engine.storeSnapshot(new GenericDomainEventMessage<>("Torture", "snapshotted", 4,
				new Engines.Written("snapshotted", 4, "w")));
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void the_new_ones_load_empty_without_a_query_and_the_others_as_always() {
		DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch")).execute(() -> {
			this.commands.clear();
			this.engine.expectNew(List.of("new-1", "new-2", "existing", "snapshotted"));
			assertThat(this.commands).as("one query for the streams, one for the snapshots")
				.containsExactly("find", "find");

			this.commands.clear();
			assertThat(sequences("new-1")).isEmpty();
			assertThat(this.engine.readSnapshot("new-1")).isEmpty();
			assertThat(sequences("new-2")).isEmpty();
			assertThat(this.commands).as("no round trip for an aggregate known to be new").isEmpty();

			assertThat(sequences("existing")).containsExactly(0L, 1L, 2L);
			assertThat(this.engine.readSnapshot("snapshotted")).isPresent();
			assertThat(this.commands).as("the ones that exist are read").isNotEmpty();
		});
	}

	@Test
	void the_knowledge_ends_with_the_unit_of_work() {
		DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch"))
			.execute(() -> this.engine.expectNew(List.of("later")));
		this.engine.appendEvents(Engines.events("later", 0, 2, "w"));

		DefaultUnitOfWork.startAndGet(new GenericMessage<>("next"))
			.execute(() -> assertThat(sequences("later")).containsExactly(0L, 1L));
		assertThat(sequences("later")).containsExactly(0L, 1L);
	}

	@Test
	void outside_a_unit_of_work_it_asks_nothing_and_changes_nothing() {
		this.commands.clear();
		this.engine.expectNew(List.of("new-1"));

		assertThat(this.commands).isEmpty();
		assertThat(sequences("existing")).containsExactly(0L, 1L, 2L);
	}

	@Test
	void an_aggregate_created_meanwhile_is_caught_by_the_append() throws Exception {
		DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch")).execute(() -> {
			this.engine.expectNew(List.of("raced"));
			Thread other = Thread.ofPlatform()
				.start(() -> this.engine.appendEvents(Engines.events("raced", 0, 1, "a")));
			try {
				other.join();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
			assertThat(sequences("raced")).as("still believed new in this unit of work").isEmpty();
			assertThatThrownBy(() -> this.engine.appendEvents(Engines.events("raced", 0, 1, "b")))
				.isInstanceOf(AggregateStreamCreationException.class);
		});
		assertThat(
				this.engine.readEvents("raced", 0).asStream().map((e) -> ((Engines.Written) e.getPayload()).writer()))
			.containsExactly("a");
	}

	private List<Long> sequences(String aggregate) {
		return this.engine.readEvents(aggregate, 0).asStream().map(DomainEventMessage::getSequenceNumber).toList();
	}

}
