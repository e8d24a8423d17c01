package dev.ticketloop.platform.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.MutableClock;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Aggregate streams are read a window of sequence numbers at a time: commits that cross a
 * window's end, streams longer than a window and than a batch, and reads that start at a
 * later commit all give the events in order, each once. A dead writer's claim never
 * blocks an aggregate for longer than the gap timeout.
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

	/**
	 * A creation loads nothing first, so only the append meets the claim a writer left
	 * when it died between claiming the stream and writing the commit (a {@code kill -9}
	 * during intake). Until the gap timeout the claim may still be a live writer's: the
	 * creation conflicts. After it the claim is the dead writer's: it is removed and the
	 * creation succeeds.
	 */
	@Test
	void a_creation_blocked_by_a_dead_writers_claim_succeeds_once_the_claim_lapsed() {
		MutableClock clock = MutableClock.at(Instant.parse("2026-12-06T10:00:00Z"));
		MongoEventStorageEngine engine = Engines.engine(this.database, Duration.ofSeconds(10),
				NoOpEventUpcaster.INSTANCE, clock);
		engine.appendHook((step) -> {
			if (step == MongoEventStorageEngine.AppendStep.STREAM_CLAIMED) {
				throw new IllegalStateException("killed after claiming the stream");
			}
		});
		assertThatThrownBy(() -> engine.appendEvents(Engines.events("orphan", 0, 1, "dead")))
			.hasMessageContaining("killed");
		engine.appendHook((step) -> {
		});

		clock.advance(Duration.ofSeconds(3));
		assertThatThrownBy(() -> engine.appendEvents(Engines.events("orphan", 0, 1, "early")))
			.isInstanceOf(AggregateStreamCreationException.class);
		assertThat(engine.lastSequenceNumberFor("orphan")).isEmpty();

		clock.advance(Duration.ofSeconds(10));
		engine.appendEvents(Engines.events("orphan", 0, 2, "retry"));
		assertThat(sequences(engine, "orphan", 0)).containsExactly(0L, 1L);
		assertThat(engine.readEvents("orphan", 0).asStream().map((e) -> ((Engines.Written) e.getPayload()).writer()))
			.containsOnly("retry");
	}

	/**
	 * Issue 15: an aggregate's events listed with the global positions tracking gives
	 * them, from any sequence number: the first of a commit, one inside a commit, one
	 * inside a commit longer than a window, one past the end.
	 */
	@Test
	void an_aggregates_events_are_listed_with_the_positions_tracking_gives_them_from_any_sequence_number() {
		MongoEventStorageEngine engine = Engines.engine(this.database, Duration.ofSeconds(10));
		engine.appendEvents(Engines.events("listed", 0, 3, "w"));
		engine.appendEvents(Engines.events("between", 0, 2, "w"));
		engine.appendEvents(Engines.events("listed", 3, 1, "w"));
		engine.appendEvents(Engines.events("between", 2, 1, "w"));
		engine.appendEvents(Engines.events("listed", 4, MongoEventStorageEngine.STREAM_WINDOW + 8, "w"));
		long total = 4 + MongoEventStorageEngine.STREAM_WINDOW + 8;
		Map<String, Long> tracked = new HashMap<>();
		for (TrackedEventMessage<?> event : Engines.readAfter(engine, null)) {
			tracked.put(event.getIdentifier(), ((GapAwareTrackingToken) event.trackingToken()).getIndex());
		}

		List<PositionedEvent> all = engine.readPositionedEvents("listed", 0, 1_000);
		assertThat(all).extracting((p) -> p.event().getSequenceNumber())
			.containsExactlyElementsOf(LongStream.range(0, total).boxed().toList());
		assertThat(all)
			.allSatisfy((p) -> assertThat(p.globalPosition()).as("sequence %d", p.event().getSequenceNumber())
				.isEqualTo(tracked.get(p.event().getIdentifier())));
		assertThat(all.get(3).globalPosition()).as("after the other aggregate's commit")
			.isEqualTo(all.get(2).globalPosition() + 3);
		assertThat(all.get(0).event().getPayload()).isEqualTo(new Engines.Written("listed", 0, "w"));

		assertThat(sequencesOf(engine.readPositionedEvents("listed", 1, 1))).as("inside a commit").containsExactly(1L);
		assertThat(sequencesOf(engine.readPositionedEvents("listed", 2, 3))).as("across commits")
			.containsExactly(2L, 3L, 4L);
		assertThat(sequencesOf(engine.readPositionedEvents("listed", total - 2, 5)))
			.as("inside a commit longer than a window")
			.containsExactly(total - 2, total - 1);
		assertThat(engine.readPositionedEvents("listed", total - 2, 5).get(0).globalPosition())
			.isEqualTo(all.get((int) total - 2).globalPosition());
		assertThat(engine.readPositionedEvents("listed", total, 5)).as("past the end").isEmpty();
		assertThat(engine.readPositionedEvents("between", 3, 5)).as("past the end").isEmpty();
		assertThat(engine.readPositionedEvents("missing", 0, 5)).isEmpty();
	}

	private static List<Long> sequencesOf(List<PositionedEvent> events) {
		return events.stream().map((p) -> p.event().getSequenceNumber()).toList();
	}

	private static List<Long> sequences(MongoEventStorageEngine engine, String aggregate, long from) {
		return engine.readEvents(aggregate, from).asStream().map(DomainEventMessage::getSequenceNumber).toList();
	}

}
