package dev.ticketloop.contracts;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes and reads {@link CloudEvent}s as structured-mode JSON. Reading is tolerant:
 * unknown fields are ignored (a producer may add optional fields within a version), an
 * unknown {@code type} is reported as empty so that a consumer can skip what it does not
 * understand.
 */
public final class CloudEventCodec {

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	public byte[] write(CloudEvent event) {
		return this.mapper.writeValueAsBytes(event);
	}

	public String writeAsString(CloudEvent event) {
		return this.mapper.writeValueAsString(event);
	}

	/**
	 * Reads an envelope.
	 * @return the event, or empty when its type is not one this version knows
	 * @throws MalformedEventException when the bytes are not a valid envelope
	 */
	public Optional<CloudEvent> read(byte[] json) {
		try {
			JsonNode node = this.mapper.readTree(json);
			if (!(node instanceof ObjectNode envelope)) {
				throw new MalformedEventException("not a JSON object");
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
					optionalText(envelope, "datacontenttype"), optionalText(envelope, "dataschema"), payload));
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

}
