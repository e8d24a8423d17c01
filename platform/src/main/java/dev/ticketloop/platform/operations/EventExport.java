package dev.ticketloop.platform.operations;

import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;

import dev.ticketloop.platform.eventstore.StoredEvents;
import dev.ticketloop.platform.eventstore.StoredEvents.StoredEvent;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event store as JSON lines, one event per line in order of global position, by time
 * range and aggregate type, streamed: a window of positions is read, written and dropped
 * before the next, so memory stays constant whatever the size. Payloads and metadata are
 * written as stored (the revision the event was written with, not upcast).
 */
public final class EventExport {

	/**
	 * How far before and past the range the export still reads: commits are stored in
	 * order of position, and their timestamps may be out of that order by about the time
	 * a commit takes (well under the gap timeout).
	 */
	static final Duration STRAGGLERS = Duration.ofMinutes(1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StoredEvents events;

	private final EventStorageEngine engine;

	public EventExport(StoredEvents events, EventStorageEngine engine) {
		this.events = events;
		this.engine = engine;
	}

	/** What to export: events at or after {@code from} and before {@code to}. */
	public record Range(Instant from, Instant to, String aggregateType) {

		public Range {
			if (from != null && to != null && !from.isBefore(to)) {
				throw new IllegalArgumentException("from: must be before to");
			}
		}

	}

	/** The global position to start reading a range at. */
	long firstPosition(Instant from) {
		if (from == null) {
			return 0;
		}
		TrackingToken token = this.engine.createTokenAt(from);
		return (token instanceof GapAwareTrackingToken gapAware) ? gapAware.getIndex() + 1 : 0;
	}

	/**
	 * Writes the range as JSON lines.
	 * @return the number of events written
	 */
	public long write(Range range, OutputStream out) throws Exception {
		long bound = this.events.bound();
		Instant stopAfter = (range.to() != null) ? range.to().plus(STRAGGLERS) : null;
		long[] written = { 0 };
		try (JsonGenerator json = JSON.writer().withRootValueSeparator("\n").createGenerator(out)) {
			long first = (range.from() != null) ? firstPosition(range.from().minus(STRAGGLERS)) : 0;
			this.events.read(first, bound,
					(commit) -> stopAfter != null && commit.getDate("at").toInstant().isAfter(stopAfter),
					(commit) -> range.aggregateType() == null || range.aggregateType().equals(commit.getString("type")),
					(event) -> {
						if (inRange(event.timestamp(), range)) {
							line(json, event);
							written[0]++;
						}
						return true;
					});
			if (written[0] > 0) {
				json.writeRaw('\n');
			}
		}
		return written[0];
	}

	private static boolean inRange(Instant at, Range range) {
		return (range.from() == null || !at.isBefore(range.from())) && (range.to() == null || at.isBefore(range.to()));
	}

	private static void line(JsonGenerator json, StoredEvent event) {
		json.writeStartObject();
		json.writeNumberProperty("position", event.position());
		json.writeStringProperty("eventId", event.eventId());
		json.writeStringProperty("aggregateType", event.aggregateType());
		json.writeStringProperty("aggregateId", event.aggregateId());
		if (event.sequence() != null) {
			json.writeNumberProperty("sequence", event.sequence());
		}
		json.writeStringProperty("type", event.payloadType());
		json.writeStringProperty("revision", event.payloadRevision());
		json.writeStringProperty("timestamp", event.timestamp().toString());
		json.writeName("metaData");
		rawOrString(json, event.metaData());
		json.writeName("payload");
		rawOrString(json, event.payload());
		json.writeEndObject();
	}

	private static void rawOrString(JsonGenerator json, String value) {
		if (value == null) {
			json.writeNull();
		}
		else if (value.startsWith("{") || value.startsWith("[")) {
			json.writeRawValue(value);
		}
		else {
			json.writeString(value);
		}
	}

}
