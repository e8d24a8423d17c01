package dev.ticketloop.contracts;

/**
 * An event about exactly one ticket: keyed by the ticket's id, so all events of one
 * ticket keep their order.
 */
public interface TicketIntegrationEvent extends IntegrationEvent {

	String ticketId();

	@Override
	default String subjectId() {
		return ticketId();
	}

}
