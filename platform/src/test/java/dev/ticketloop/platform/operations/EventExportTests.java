package dev.ticketloop.platform.operations;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ticketloop.platform.eventstore.Engines;
import dev.ticketloop.platform.eventstore.MongoEventStorageEngine;
import dev.ticketloop.platform.eventstore.StoredEvents;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export's range against commits whose timestamps are out of position order (a commit
 * may be stored after one written later): an event in the range is exported wherever it
 * lies, an event outside it is not, and each line is an event as stored.
 */
@IntegrationTest
class EventExportTests {

	private static final Instant T = Instant.parse("2026-12-01T09:00:00Z");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private MongoClient client;

	private MongoDatabase database;

	@BeforeEach
	void setUp() {
		this.client = MongoClients.create(TestInfrastructure.get().mongoConnectionString());
		this.database = this.client.getDatabase(TestInfrastructure.uniqueDatabase("export"));
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void events_are_exported_by_their_own_time_wherever_their_commit_lies() throws Exception {
		MongoEventStorageEngine engine = Engines.engine(this.database, Duration.ofSeconds(10));
		// positions 0..3, timestamps out of position order
		append(engine, "late-in-range", 10);
		append(engine, "early", 0);
		append(engine, "early-too", 1);
		append(engine, "in-range", 20);
		EventExport export = new EventExport(new StoredEvents(this.database), engine);

		List<JsonNode> lines = export(export, new EventExport.Range(T.plusSeconds(5), T.plusSeconds(30), null));

		assertThat(lines).extracting((l) -> l.get("aggregateId").asString())
			.containsExactly("late-in-range", "in-range");
		assertThat(lines).extracting((l) -> l.get("position").asLong()).containsExactly(0L, 3L);
		JsonNode first = lines.get(0);
		assertThat(first.get("aggregateType").asString()).isEqualTo("Written");
		assertThat(first.get("sequence").asLong()).isZero();
		assertThat(first.get("type").asString()).isEqualTo(Engines.Written.class.getName());
		assertThat(first.get("timestamp").asString()).isEqualTo(T.plusSeconds(10).toString());
		assertThat(first.get("payload").get("aggregate").asString()).isEqualTo("late-in-range");
		assertThat(export(export, new EventExport.Range(null, null, "NoSuchType"))).isEmpty();
		assertThat(export(export, new EventExport.Range(null, T.plusSeconds(5), null)))
			.extracting((l) -> l.get("aggregateId").asString())
			.containsExactly("early", "early-too");
	}

	private static List<JsonNode> export(EventExport export, EventExport.Range range) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		export.write(range, out);
		return out.toString(StandardCharsets.UTF_8).lines().map(JSON::readTree).toList();
	}

	private static void append(MongoEventStorageEngine engine, String aggregate, int second) {
		engine.appendEvents(
				List.of(new GenericDomainEventMessage<>("Written", aggregate, 0, new Engines.Written(aggregate, 0, "w"),
						MetaData.emptyInstance(), aggregate + "-0", T.plusSeconds(second))));
	}

}
