package dev.ticketloop.notificationservice.support;

import java.time.Instant;
import java.util.UUID;

import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketTriagedV1;
import dev.ticketloop.testsupport.CloudEventsProducer;

/** Plays ticket-service in the tests: its events on the real broker. */
public final class TicketEventsProducer implements AutoCloseable {

	private final CloudEventsProducer producer = new CloudEventsProducer("/ticketloop/ticket-service");

	public String publish(IntegrationEvent data) {
		return this.producer.publish(data);
	}

	public String publish(String eventId, IntegrationEvent data) {
		return this.producer.publish(eventId, data);
	}

	/** A new ticket, opened and triaged (the acknowledgement follows). */
	public String openAndTriage(String channel, String email, String name, String locale, String timeZone,
			String subject) {
		return openAndTriage(UUID.randomUUID().toString(), channel, email, name, locale, timeZone, subject);
	}

	public String openAndTriage(String ticket, String channel, String email, String name, String locale,
			String timeZone, String subject) {
		Instant now = Instant.now();
		publish(new TicketOpenedV1(ticket, channel, "cust-" + ticket.substring(0, 6), email, name, locale, subject,
				"The export button does nothing", now, timeZone, "standard"));
		publish(new TicketTriagedV1(ticket, "triage-" + ticket, "normal", now.plusSeconds(86_400), now));
		return ticket;
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
