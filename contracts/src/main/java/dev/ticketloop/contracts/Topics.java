package dev.ticketloop.contracts;

/**
 * Kafka topics of the published language. Versioned: an incompatible change gets a new
 * topic, never a silent change of an existing one. Every record is keyed by ticket id, so
 * all events of one ticket keep their order.
 */
public final class Topics {

	/** Facts about tickets, published by ticket-service. */
	public static final String TICKET_EVENTS = "ticketloop.ticket.events.v1";

	/** Triage decisions (priority, due times), published by routing-service. */
	public static final String ROUTING_DECISIONS = "ticketloop.routing.decisions.v1";

	/**
	 * Delivery receipts, one per notified recipient, published by notification-service.
	 */
	public static final String NOTIFICATION_RECEIPTS = "ticketloop.notification.receipts.v1";

	/**
	 * Releases shipped by engineering, published by engineering's CI and consumed by
	 * ticket-service. Keyed by release id (the one topic not keyed by ticket).
	 */
	public static final String ENGINEERING_RELEASES = "ticketloop.engineering.releases.v1";

	private Topics() {
	}

}
