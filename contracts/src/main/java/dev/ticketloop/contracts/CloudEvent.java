package dev.ticketloop.contracts;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode around one published event.
 *
 * @param id unique per event; the same event delivered twice carries the same id, so
 * consumers deduplicate on it
 * @param source the publishing service, e.g. {@code /ticketloop/ticket-service}
 * @param type see {@link EventType#type()}
 * @param subject what the event is about, usually the ticket id (also the Kafka key)
 * @param time when the fact happened
 * @param dataschema where the JSON Schema of {@code data} is served
 * @param traceparent the W3C trace context of the request that caused the event (the
 * CloudEvents distributed-tracing extension), or null
 * @param data the event itself
 */
public record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
		String datacontenttype, String dataschema, @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent,
		IntegrationEvent data) {

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
				type.schemaUri(), null, data);
	}

	/** The same event, its schema named at where a service serves it. */
	public CloudEvent withDataschema(String dataschema) {
		return new CloudEvent(this.specversion, this.id, this.source, this.type, this.subject, this.time,
				this.datacontenttype, dataschema, this.traceparent, this.data);
	}

	/** The same event in the trace of the request that caused it. */
	public CloudEvent withTraceparent(String traceparent) {
		return new CloudEvent(this.specversion, this.id, this.source, this.type, this.subject, this.time,
				this.datacontenttype, this.dataschema, traceparent, this.data);
	}

	public EventType eventType() {
		return EventType.ofType(this.type).orElseThrow();
	}

}
