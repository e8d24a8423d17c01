package dev.ticketloop.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumers in other teams rely on these shapes. Every published event's JSON is compared
 * with an approved snapshot (a change is a visible diff in review), and every schema must
 * describe exactly what is written. Regenerate snapshots with
 * {@code -Dsnapshots.update=true} after an intended, compatible change.
 */
class PublishedEventContractTests {

	private static final Path SNAPSHOTS = Path.of("src/test/resources/snapshots");

	private final CloudEventCodec codec = new CloudEventCodec();

	private final JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest
	@EnumSource(EventType.class)
	void published_json_matches_the_approved_snapshot(EventType type) throws IOException {
		CloudEvent event = CloudEvent.of("evt-" + type.name().toLowerCase(java.util.Locale.ROOT), "/ticketloop/test",
				Samples.AT, Samples.BY_TYPE.get(type));
		String actual = this.json.writerWithDefaultPrettyPrinter()
			.writeValueAsString(this.json.readTree(this.codec.write(event))) + "\n";
		Path snapshot = SNAPSHOTS.resolve(type.type() + ".json");
		if (Boolean.getBoolean("snapshots.update") || !Files.exists(snapshot)) {
			Files.createDirectories(SNAPSHOTS);
			Files.writeString(snapshot, actual);
		}
		assertThat(actual).isEqualTo(Files.readString(snapshot, StandardCharsets.UTF_8));
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void the_schema_describes_every_field_written_and_requires_only_existing_ones(EventType type) throws IOException {
		JsonNode schema = schema(type);
		Set<String> described = new HashSet<>(schema.get("properties").propertyNames());
		Set<String> written = new HashSet<>(
				this.json.readTree(this.json.writeValueAsBytes(Samples.BY_TYPE.get(type))).propertyNames());
		Set<String> components = new HashSet<>(
				Arrays.stream(type.dataClass().getRecordComponents()).map(c -> c.getName()).toList());
		assertThat(described).isEqualTo(written).isEqualTo(components);
		Set<String> required = new HashSet<>();
		schema.get("required").forEach(r -> required.add(r.asString()));
		assertThat(described).containsAll(required);
		assertThat(schema.get("title").asString()).isEqualTo(type.dataClass().getSimpleName());
		assertThat(schema.get("$id").asString()).isEqualTo(type.schemaUri());
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void every_event_survives_a_round_trip_through_the_codec(EventType type) {
		CloudEvent event = CloudEvent.of("evt-1", "/ticketloop/test", Samples.AT, Samples.BY_TYPE.get(type));
		CloudEvent read = this.codec.read(this.codec.write(event)).orElseThrow();
		assertThat(read).isEqualTo(event);
		assertThat(read.subject()).isEqualTo(event.data().subjectId()).isNotBlank();
		assertThat(read.eventType().topic()).isEqualTo(type.topic());
	}

	private JsonNode schema(EventType type) throws IOException {
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.schemaPath())) {
			assertThat(in).as("schema on the classpath at " + type.schemaPath()).isNotNull();
			return this.json.readTree(in);
		}
	}

}
