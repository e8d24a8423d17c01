package dev.ticketloop.platform.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ticketloop.platform.eventstore.Engines.Written;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays start where they should (tail, head, a point in time) and upcasters still
 * apply.
 */
@IntegrationTest
class EventStoreTokensAndUpcastingTests {

	private MongoClient client;

	private MongoDatabase database;

	@BeforeEach
	void setUp() {
		this.client = MongoClients.create(TestInfrastructure.get().mongoConnectionString());
		this.database = this.client.getDatabase(TestInfrastructure.uniqueDatabase("tokens"));
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void tail_head_and_point_in_time_tokens_start_a_stream_where_they_should() {
		MongoEventStorageEngine engine = Engines.engine(this.database, Duration.ofSeconds(10));
		assertThat(engine.createHeadToken()).as("empty store").isNull();
		append(engine, "early-1", Instant.parse("2026-11-20T10:00:00Z"));
		append(engine, "early-2", Instant.parse("2026-11-21T10:00:00Z"));
		append(engine, "late-1", Instant.parse("2026-11-22T10:00:00Z"));
		append(engine, "late-2", Instant.parse("2026-11-23T10:00:00Z"));

		assertThat(aggregatesAfter(engine, engine.createTailToken())).containsExactly("early-1", "early-2", "late-1",
				"late-2");
		assertThat(aggregatesAfter(engine, engine.createTokenAt(Instant.parse("2026-11-22T00:00:00Z"))))
			.containsExactly("late-1", "late-2");
		assertThat(aggregatesAfter(engine, engine.createTokenAt(Instant.parse("2026-11-22T10:00:00Z"))))
			.as("an event exactly at the instant is included")
			.containsExactly("late-1", "late-2");
		assertThat(aggregatesAfter(engine, engine.createTokenAt(Instant.parse("2026-11-30T00:00:00Z")))).isEmpty();
		TrackingToken head = engine.createHeadToken();
		assertThat(aggregatesAfter(engine, head)).isEmpty();
		append(engine, "after-head", Instant.parse("2026-11-23T11:00:00Z"));
		assertThat(aggregatesAfter(engine, head)).containsExactly("after-head");
	}

	@Test
	void events_are_upcast_on_the_way_out_of_the_store() {
		MongoEventStorageEngine plain = Engines.engine(this.database, Duration.ofSeconds(10));
		plain.appendEvents(Engines.events("order-7", 0, 1, "legacy-writer"));

		MongoEventStorageEngine upcasting = Engines.engine(this.database, Duration.ofSeconds(10), new RenameWriter(),
				java.time.Clock.systemUTC());

		assertThat(upcasting.readEvents("order-7").asStream().map((e) -> ((Written) e.getPayload()).writer()))
			.containsExactly("renamed-writer");
		assertThat(Engines.readAfter(upcasting, null)).extracting((e) -> ((Written) e.getPayload()).writer())
			.containsExactly("renamed-writer");
	}

	private static void append(MongoEventStorageEngine engine, String aggregate, Instant at) {
		engine.appendEvents(List
			.of(new GenericDomainEventMessage<>("Torture", aggregate, 0, new Written(aggregate, 0, "t"),
					org.axonframework.messaging.MetaData.emptyInstance(), java.util.UUID.randomUUID().toString(), at)));
	}

	private static List<String> aggregatesAfter(MongoEventStorageEngine engine, TrackingToken token) {
		try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
			return stream.map((e) -> ((Written) e.getPayload()).aggregate()).toList();
		}
	}

	/**
	 * A schema change: the writer field's value is renamed in stored events of revision
	 * null.
	 */
	static final class RenameWriter extends SingleEventUpcaster {

		@Override
		protected boolean canUpcast(IntermediateEventRepresentation representation) {
			return representation.getType().getName().equals(Written.class.getName())
					&& representation.getType().getRevision() == null;
		}

		@Override
		protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
			return representation.upcastPayload(new SimpleSerializedType(Written.class.getName(), "2"), String.class,
					(json) -> json.replace("legacy-writer", "renamed-writer"));
		}

	}

}
