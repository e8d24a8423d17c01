package dev.ticketloop.contracts;

/**
 * The data of a published event. Its {@link #subjectId()} is the Kafka key and the
 * CloudEvents {@code subject}: the ticket for events about a ticket
 * ({@link TicketIntegrationEvent}), the release for engineering's releases. The closed
 * set of implementations is {@link EventType} (not a sealed type: they live in
 * per-producer packages of an unnamed module).
 */
public interface IntegrationEvent {

	/**
	 * What the event is about: the Kafka key (and so the order) and CloudEvents subject.
	 */
	String subjectId();

}
