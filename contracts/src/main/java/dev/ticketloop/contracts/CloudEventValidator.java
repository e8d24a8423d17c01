package dev.ticketloop.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;
import tools.jackson.databind.JsonNode;

/**
 * Validates records of the published language against their JSON Schemas (draft 2020-12,
 * formats asserted): the CloudEvents envelope first, then its data against the schema of
 * its type. The schemas are read from this jar, never fetched. Violations name the place
 * and the rule broken, never the value (it may be personal data).
 */
public final class CloudEventValidator {

	/** The base of every schema's {@code $id}. */
	public static final String SCHEMA_ID_BASE = "https://ticketloop.dev/schemas/";

	/** The envelope's schema, on the classpath beside the data schemas. */
	public static final String ENVELOPE_SCHEMA_PATH = "schemas/cloudevents-envelope.json";

	/**
	 * Draft 2020-12 with {@code email} read as {@link ContractFormats#EMAIL} (the
	 * validator's own check refuses top level domains missing from IANA's list, such as
	 * {@code .example}, which intake accepts).
	 */
	private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft202012()).format(new Format() {

		@Override
		public String getName() {
			return "email";
		}

		@Override
		public boolean matches(ExecutionContext context, String value) {
			return ContractFormats.isEmail(value);
		}

	}).build();

	private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(DIALECT,
			(builder) -> builder
				.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
				.schemaIdResolvers((resolvers) -> resolvers.mapPrefix(SCHEMA_ID_BASE, "classpath:schemas/")));

	private final Schema envelope = this.registry
		.getSchema(SchemaLocation.of(SCHEMA_ID_BASE + "cloudevents-envelope.json"));

	private final Map<EventType, Schema> data = new ConcurrentHashMap<>();

	/**
	 * @param record a record's JSON
	 * @return what is wrong with it, empty when it is valid (a type this version does not
	 * know is checked as an envelope only)
	 */
	public List<String> violations(JsonNode record) {
		List<String> violations = new ArrayList<>(messages("envelope", "", this.envelope.validate(record)));
		JsonNode type = record.get("type");
		JsonNode payload = record.get("data");
		if (type != null && type.isString() && payload != null && payload.isObject()) {
			EventType.ofType(type.asString())
				.ifPresent((known) -> violations.addAll(messages("data", "data.", schemaOf(known).validate(payload))));
		}
		return violations;
	}

	/**
	 * @return what is wrong with one event's data
	 */
	public List<String> violations(EventType type, JsonNode data) {
		return messages("data", "data.", schemaOf(type).validate(data));
	}

	private Schema schemaOf(EventType type) {
		return this.data.computeIfAbsent(type,
				(known) -> this.registry.getSchema(SchemaLocation.of(known.schemaUri())));
	}

	private static List<String> messages(String root, String prefix, List<Error> errors) {
		return errors.stream().map((error) -> {
			String location = error.getInstanceLocation().toString().replaceFirst("^[$/]", "").replace('/', '.');
			String where = location.isEmpty() ? root : prefix + location;
			return where + ": " + error.getMessage();
		}).toList();
	}

}
