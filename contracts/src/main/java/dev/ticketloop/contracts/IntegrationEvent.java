package dev.ticketloop.contracts;

/**
 * The data of a published event. Each one concerns exactly one ticket: its id is the
 * Kafka key and the CloudEvents {@code subject}. The closed set of implementations is
 * {@link EventType} (not a sealed type: they live in per-producer packages of an unnamed
 * module).
 */
public interface IntegrationEvent {

	String ticketId();

}
