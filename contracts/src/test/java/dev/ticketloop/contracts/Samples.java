package dev.ticketloop.contracts;

import java.time.Instant;
import java.util.Map;

import dev.ticketloop.contracts.notification.NotificationDeliveredV1;
import dev.ticketloop.contracts.routing.TriageDecidedV1;
import dev.ticketloop.contracts.ticket.CustomerNotifiedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketTriagedV1;

/** One fixed example of every published event, the basis of the snapshot tests. */
final class Samples {

	static final String TICKET = "0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10";

	static final Instant AT = Instant.parse("2026-11-23T09:15:30Z");

	static final Map<EventType, IntegrationEvent> BY_TYPE = Map.of(EventType.TICKET_OPENED,
			new TicketOpenedV1(TICKET, "email", "cust-4711", "ana@example.com", "Ana", "es-MX", "No puedo exportar",
					"El botón de exportar no hace nada.", AT),
			EventType.TICKET_TRIAGED,
			new TicketTriagedV1(TICKET, "triage-" + TICKET, "normal", AT.plusSeconds(86_400), AT.plusSeconds(2)),
			EventType.CUSTOMER_NOTIFIED,
			new CustomerNotifiedV1(TICKET, TICKET + ":acknowledgement", "acknowledgement", "email", AT.plusSeconds(3)),
			EventType.TRIAGE_DECIDED,
			new TriageDecidedV1(TICKET, "triage-" + TICKET, "normal", AT.plusSeconds(86_400), "email-standard",
					AT.plusSeconds(1)),
			EventType.NOTIFICATION_DELIVERED, new NotificationDeliveredV1(TICKET, TICKET + ":acknowledgement",
					"acknowledgement", "email", AT.plusSeconds(3)));

	private Samples() {
	}

}
