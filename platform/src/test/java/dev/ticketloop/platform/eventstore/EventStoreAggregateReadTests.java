package dev.ticketloop.platform.eventstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Aggregate streams are read a window of sequence numbers at a time: commits that cross a
 * window's end, streams longer than a window and than a batch, and reads that start at a
 * later commit all give the events in order, each once.
 */
@IntegrationTest
class EventStoreAggregateReadTests {

	private MongoClient client;

	private MongoDatabase database;

	@BeforeEach
	void setUp() {
		this.client = MongoClients.create(TestInfrastructure.get().mongoConnectionString());
		this.database = this.client.getDatabase(TestInfrastructure.uniqueDatabase("streams"));
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void a_stream_of_many_commits_of_different_sizes_is_read_whole_and_in_order() {
		MongoEventStorageEngine engine = Engines.engine(this.database, Duration.ofSeconds(10));
		int[] sizes = { 1, 2, 3, 5, 31, 1, 33 };
		List<Long> commitStarts = new ArrayList<>();
		long next = 0;
		while (next < 3 * MongoEventStorageEngine.STREAM_WINDOW + 150) {
			int size = sizes[commitStarts.size() % sizes.length];
			commitStarts.add(next);
			engine.appendEvents(Engines.events("long", next, size, "w"));
			next += size;
		}
		engine.appendEvents(Engines.events("other", 0, 2, "w"));
		long total = next;

		assertThat(sequences(engine, "long", 0)).containsExactlyElementsOf(LongStream.range(0, total).boxed().toList());
		long later = commitStarts.get(commitStarts.size() / 2);
		assertThat(sequences(engine, "long", later))
			.containsExactlyElementsOf(LongStream.range(later, total).boxed().toList());
		assertThat(engine.lastSequenceNumberFor("long")).contains(total - 1);
		assertThat(sequences(engine, "other", 0)).containsExactly(0L, 1L);
		assertThat(sequences(engine, "missing", 0)).isEmpty();
	}

	private static List<Long> sequences(MongoEventStorageEngine engine, String aggregate, long from) {
		return engine.readEvents(aggregate, from).asStream().map(DomainEventMessage::getSequenceNumber).toList();
	}

}
