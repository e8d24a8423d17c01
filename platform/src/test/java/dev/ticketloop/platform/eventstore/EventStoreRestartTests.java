package dev.ticketloop.platform.eventstore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.ticketloop.infra.embedded.EmbeddedMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A local system's history must survive a restart of the H2-backed MongoDB stand-in. */
class EventStoreRestartTests {

	@TempDir
	Path dir;

	@Test
	void events_tokens_and_snapshots_survive_a_restart_of_the_store() {
		Path file = this.dir.resolve("store.mv");
		TrackingToken tokenAfterTwo;
		try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(file, 0);
				MongoClient client = MongoClients.create(mongo.connectionString())) {
			MongoEventStorageEngine engine = Engines.engine(client.getDatabase("service"), Duration.ofSeconds(5));
			engine.appendEvents(Engines.events("order-1", 0, 3, "before"));
			engine.appendEvents(Engines.events("order-2", 0, 1, "before"));
			engine.storeSnapshot(new GenericDomainEventMessage<>("Torture", "order-1", 2,
					new Engines.Written("order-1", 2, "snapshot")));
			List<TrackedEventMessage<?>> read = Engines.readAfter(engine, null);
			tokenAfterTwo = read.get(1).trackingToken();
			tokens(client).initializeTokenSegments("projection", 1);
			tokens(client).storeToken(tokenAfterTwo, "projection", 0);
			tokens(client).releaseClaim("projection", 0);
		}

		try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(file, 0);
				MongoClient client = MongoClients.create(mongo.connectionString())) {
			MongoEventStorageEngine engine = Engines.engine(client.getDatabase("service"), Duration.ofSeconds(5));
			EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
			assertThat(eventStore.readEvents("order-1").asStream().map(DomainEventMessage::getSequenceNumber))
				.as("an aggregate loads from its snapshot on")
				.containsExactly(2L);
			eventStore.shutDown();
			assertThat(engine.readEvents("order-1").asStream().map(DomainEventMessage::getSequenceNumber))
				.as("the whole history is still there")
				.containsExactly(0L, 1L, 2L);
			assertThat(engine.readSnapshot("order-1")).get()
				.extracting((s) -> ((Engines.Written) s.getPayload()).writer())
				.isEqualTo("snapshot");
			assertThat(engine.lastSequenceNumberFor("order-1")).contains(2L);
			TrackingToken token = tokens(client).fetchToken("projection", 0);
			assertThat(Engines.readAfter(engine, null)).hasSize(4);
			assertThat(token).isEqualTo(tokenAfterTwo);
			// every event has a token of its own: the stored one points into order-1's
			// commit, and the read goes on with its last event
			assertThat(Engines.readAfter(engine, token)).extracting((e) -> ((Engines.Written) e.getPayload()))
				.containsExactly(new Engines.Written("order-1", 2, "before"),
						new Engines.Written("order-2", 0, "before"));
			engine.appendEvents(Engines.events("order-1", 3, 1, "after"));
			assertThat(engine.lastSequenceNumberFor("order-1")).contains(3L);
		}
	}

	private static TokenStore tokens(MongoClient client) {
		return MongoTokenStore.builder()
			.mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client.getDatabase("service")).build())
			.serializer(Jackson3Serializer.builder().build())
			.nodeId("restart-test")
			.build();
	}

}
