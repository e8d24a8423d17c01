package dev.ticketloop.contracts;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes and reads {@link CloudEvent}s as structured-mode JSON. Reading validates the
 * record against its schemas ({@link CloudEventValidator}) and is tolerant where the
 * versioning rules allow: unknown fields are ignored (a producer may add optional fields
 * within a version), an unknown {@code type} is reported as empty so that a consumer can
 * skip what it does not understand.
 */
public final class CloudEventCodec {

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final CloudEventValidator validator = new CloudEventValidator();

	public byte[] write(CloudEvent event) {
		return this.mapper.writeValueAsBytes(event);
	}

	public String writeAsString(CloudEvent event) {
		return this.mapper.writeValueAsString(event);
	}

	/**
	 * @return what is wrong with a record's bytes against the envelope's and its type's
	 * schemas, empty when it is valid
	 */
	public List<String> violations(byte[] json) {
		try {
			return this.validator.violations(this.mapper.readTree(json));
		}
		catch (JacksonException ex) {
			return List.of("not JSON: " + ex.getOriginalMessage());
		}
	}

	/**
	 * Reads an envelope.
	 * @return the event, or empty when its type is not one this version knows
	 * @throws MalformedEventException when the bytes are not a valid envelope
	 * @throws InvalidEventException when the envelope or its data breaks its schema
	 */
	public Optional<CloudEvent> read(byte[] json) {
		try {
			JsonNode node = this.mapper.readTree(json);
			if (!(node instanceof ObjectNode envelope)) {
				throw new MalformedEventException("not a JSON object");
			}
			List<String> violations = this.validator.violations(envelope);
			if (!violations.isEmpty()) {
				throw new InvalidEventException(violations);
			}
			String specversion = text(envelope, "specversion");
			if (!CloudEvent.SPEC_VERSION.equals(specversion)) {
				throw new MalformedEventException("unsupported specversion " + specversion);
			}
			Optional<EventType> type = EventType.ofType(text(envelope, "type"));
			if (type.isEmpty()) {
				return Optional.empty();
			}
			JsonNode data = envelope.get("data");
			if (data == null || !data.isObject()) {
				throw new MalformedEventException("missing data");
			}
			IntegrationEvent payload = this.mapper.treeToValue(data, type.get().dataClass());
			return Optional.of(new CloudEvent(specversion, text(envelope, "id"), text(envelope, "source"),
					type.get().type(), optionalText(envelope, "subject"), Instant.parse(text(envelope, "time")),
					optionalText(envelope, "datacontenttype"), optionalText(envelope, "dataschema"),
					optionalText(envelope, "traceparent"), payload));
		}
		catch (JacksonException ex) {
			throw new MalformedEventException(ex.getOriginalMessage(), ex);
		}
		catch (DateTimeParseException ex) {
			throw new MalformedEventException("time is not an RFC 3339 instant", ex);
		}
	}

	private static String text(ObjectNode node, String field) {
		String value = optionalText(node, field);
		if (value == null || value.isBlank()) {
			throw new MalformedEventException("missing " + field);
		}
		return value;
	}

	private static String optionalText(ObjectNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	/** The bytes are not a CloudEvents envelope this codec can read. */
	public static class MalformedEventException extends RuntimeException {

		public MalformedEventException(String message) {
			super(message);
		}

		public MalformedEventException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/** The record is JSON but breaks the schema of its envelope or of its data. */
	public static class InvalidEventException extends MalformedEventException {

		private final List<String> violations;

		public InvalidEventException(List<String> violations) {
			super("breaks its schema: " + String.join("; ", violations));
			this.violations = List.copyOf(violations);
		}

		public List<String> violations() {
			return this.violations;
		}

	}

}
