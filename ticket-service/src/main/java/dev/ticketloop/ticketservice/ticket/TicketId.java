package dev.ticketloop.ticketservice.ticket;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A ticket's identity: a UUID, kept as its canonical text. */
public record TicketId(String value) {

	public TicketId {
		Objects.requireNonNull(value, "ticket id");
		try {
			value = UUID.fromString(value).toString();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not a ticket id: " + value);
		}
	}

	public static TicketId newId() {
		return new TicketId(UUID.randomUUID().toString());
	}

	@JsonCreator
	public static TicketId of(String value) {
		return new TicketId(value);
	}

	@JsonValue
	@Override
	public String value() {
		return this.value;
	}

	/** Axon uses an aggregate identifier's text form. */
	@Override
	public String toString() {
		return this.value;
	}

}
