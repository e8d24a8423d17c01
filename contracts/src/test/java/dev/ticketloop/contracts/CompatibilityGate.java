package dev.ticketloop.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The build's compatibility gate: the published language as it is now against the last
 * release ({@code released/<release>/}: each type's topic, key and JSON Schema, copied at
 * the release and never edited). A type of the release must still be published on the
 * same topic with the same key and a compatible schema ({@link SchemaCompatibility}). The
 * one way to change a type incompatibly is a new versioned type ({@code …v2}) on its
 * topic, published beside the old one, which is then deprecated
 * ({@code released/deprecations.json}) and may only go once its documented period is
 * over.
 */
final class CompatibilityGate {

	static final Path RELEASED = Path.of("released");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private CompatibilityGate() {
	}

	/** A published type as a release fixes it. */
	record PublishedType(String type, String topic, String key, JsonNode schema) {
	}

	/**
	 * An old type still published beside its successor until a date.
	 *
	 * @param supersededBy the new versioned type, on the same topic
	 * @param publishedUntil the last day it is published; it may go after
	 */
	record Deprecation(String type, String supersededBy, LocalDate publishedUntil) {
	}

	/** The published language now: every type with its topic, key field and schema. */
	static Map<String, PublishedType> current() {
		Map<String, PublishedType> types = new LinkedHashMap<>();
		for (EventType type : EventType.values()) {
			types.put(type.type(), new PublishedType(type.type(), type.topic(), keyOf(type), schemaOf(type)));
		}
		return types;
	}

	/**
	 * The field that is the Kafka key: the one whose value is the sample's subject.
	 */
	static String keyOf(EventType type) {
		IntegrationEvent sample = Samples.BY_TYPE.get(type);
		return Arrays.stream(type.dataClass().getRecordComponents()).filter((component) -> {
			try {
				return Objects.equals(component.getAccessor().invoke(sample), sample.subjectId());
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}).map((component) -> component.getName()).findFirst().orElseThrow();
	}

	static JsonNode schemaOf(EventType type) {
		try (InputStream in = CompatibilityGate.class.getClassLoader().getResourceAsStream(type.schemaPath())) {
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The newest release under {@code released/} (releases are named to sort by time).
	 */
	static Path lastRelease() throws IOException {
		try (Stream<Path> releases = Files.list(RELEASED)) {
			return releases.filter(Files::isDirectory).max(Comparator.naturalOrder()).orElseThrow();
		}
	}

	static Map<String, PublishedType> read(Path release) throws IOException {
		Map<String, PublishedType> types = new LinkedHashMap<>();
		for (JsonNode entry : JSON.readTree(release.resolve("catalogue.json").toFile())) {
			String type = entry.get("type").asString();
			types.put(type, new PublishedType(type, entry.get("topic").asString(), entry.get("key").asString(),
					JSON.readTree(release.resolve("schemas").resolve(type + ".json").toFile())));
		}
		return types;
	}

	static List<Deprecation> deprecations() throws IOException {
		Path file = RELEASED.resolve("deprecations.json");
		List<Deprecation> deprecations = new ArrayList<>();
		if (Files.exists(file)) {
			for (JsonNode entry : JSON.readTree(file.toFile())) {
				deprecations.add(new Deprecation(entry.get("type").asString(), entry.get("supersededBy").asString(),
						LocalDate.parse(entry.get("publishedUntil").asString())));
			}
		}
		return deprecations;
	}

	/** Writes a release: the catalogue and the schemas as they are now. */
	static void writeRelease(Path release) throws IOException {
		Files.createDirectories(release.resolve("schemas"));
		ArrayNode catalogue = JSON.createArrayNode();
		for (PublishedType type : current().values()) {
			ObjectNode entry = catalogue.addObject();
			entry.put("type", type.type()).put("topic", type.topic()).put("key", type.key());
			Files.writeString(release.resolve("schemas").resolve(type.type() + ".json"),
					JSON.writerWithDefaultPrettyPrinter().writeValueAsString(type.schema()) + "\n");
		}
		Files.writeString(release.resolve("catalogue.json"),
				JSON.writerWithDefaultPrettyPrinter().writeValueAsString(catalogue) + "\n");
	}

	/**
	 * @return why the current language may not replace the released one; empty when it
	 * may
	 */
	static List<String> refusals(Map<String, PublishedType> released, Map<String, PublishedType> current,
			List<Deprecation> deprecations, LocalDate today) {
		List<String> refusals = new ArrayList<>();
		for (PublishedType old : released.values()) {
			PublishedType now = current.get(old.type());
			if (now == null) {
				removal(old, current, deprecations, today).ifPresent(refusals::add);
				continue;
			}
			if (!old.topic().equals(now.topic())) {
				refusals.add(old.type() + ": topic changed from " + old.topic() + " to " + now.topic());
			}
			if (!old.key().equals(now.key())) {
				refusals.add(old.type() + ": key changed from " + old.key() + " to " + now.key());
			}
			SchemaCompatibility.breaks(old.schema(), now.schema()).forEach((b) -> refusals.add(old.type() + ": " + b));
		}
		return refusals;
	}

	private static java.util.Optional<String> removal(PublishedType old, Map<String, PublishedType> current,
			List<Deprecation> deprecations, LocalDate today) {
		java.util.Optional<Deprecation> deprecation = deprecations.stream()
			.filter((d) -> d.type().equals(old.type()))
			.findFirst();
		if (deprecation.isEmpty()) {
			return java.util.Optional.of(old.type() + ": removed without a deprecation (publish a …v2 beside it, "
					+ "deprecate it in released/deprecations.json, remove it after its period)");
		}
		PublishedType successor = current.get(deprecation.get().supersededBy());
		if (successor == null || !successor.topic().equals(old.topic())) {
			return java.util.Optional.of(old.type() + ": removed, but its successor " + deprecation.get().supersededBy()
					+ " is not published on " + old.topic());
		}
		if (!today.isAfter(deprecation.get().publishedUntil())) {
			return java.util.Optional.of(old.type() + ": removed before the end of its deprecation period ("
					+ deprecation.get().publishedUntil() + ")");
		}
		return java.util.Optional.empty();
	}

}
