package dev.ticketloop.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode around one published event.
 *
 * @param id unique per event; the same event delivered twice carries the same id, so
 * consumers deduplicate on it
 * @param source the publishing service, e.g. {@code /ticketloop/ticket-service}
 * @param type see {@link EventType#type()}
 * @param subject what the event is about, usually the ticket id (also the Kafka key)
 * @param time when the fact happened
 * @param dataschema the JSON Schema of {@code data}
 * @param data the event itself
 */
public record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
		String datacontenttype, String dataschema, IntegrationEvent data) {

	public static final String SPEC_VERSION = "1.0";

	public static final String CONTENT_TYPE = "application/cloudevents+json";

	public CloudEvent {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(data, "data");
	}

	public static CloudEvent of(String id, String source, Instant time, IntegrationEvent data) {
		EventType type = EventType.of(data);
		return new CloudEvent(SPEC_VERSION, id, source, type.type(), data.subjectId(), time, "application/json",
				type.schemaUri(), data);
	}

	public EventType eventType() {
		return EventType.ofType(this.type).orElseThrow();
	}

}
