package dev.ticketloop.contracts;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ticketloop.contracts.notification.NotificationDeliveredV1;
import dev.ticketloop.contracts.routing.TriageDecidedV1;
import dev.ticketloop.contracts.ticket.AgentRepliedV1;
import dev.ticketloop.contracts.ticket.ClarificationRequestedV1;
import dev.ticketloop.contracts.ticket.CustomerMessageReceivedV1;
import dev.ticketloop.contracts.ticket.CustomerNotifiedV1;
import dev.ticketloop.contracts.ticket.TicketAssignedV1;
import dev.ticketloop.contracts.ticket.TicketClosedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketRatedV1;
import dev.ticketloop.contracts.ticket.TicketReopenedV1;
import dev.ticketloop.contracts.ticket.TicketResolvedV1;
import dev.ticketloop.contracts.ticket.TicketTriagedV1;

/**
 * The catalogue of published event types: CloudEvents {@code type}, the topic it travels
 * on, its data class and the JSON Schema describing that data
 * ({@code /schemas/<type>.json} on the classpath, also the CloudEvents
 * {@code dataschema}).
 */
public enum EventType {

	TICKET_OPENED("dev.ticketloop.ticket.opened.v1", Topics.TICKET_EVENTS, TicketOpenedV1.class),

	TICKET_TRIAGED("dev.ticketloop.ticket.triaged.v1", Topics.TICKET_EVENTS, TicketTriagedV1.class),

	CUSTOMER_NOTIFIED("dev.ticketloop.ticket.customer-notified.v1", Topics.TICKET_EVENTS, CustomerNotifiedV1.class),

	TICKET_ASSIGNED("dev.ticketloop.ticket.assigned.v1", Topics.TICKET_EVENTS, TicketAssignedV1.class),

	CLARIFICATION_REQUESTED("dev.ticketloop.ticket.clarification-requested.v1", Topics.TICKET_EVENTS,
			ClarificationRequestedV1.class),

	CUSTOMER_MESSAGE_RECEIVED("dev.ticketloop.ticket.customer-message-received.v1", Topics.TICKET_EVENTS,
			CustomerMessageReceivedV1.class),

	AGENT_REPLIED("dev.ticketloop.ticket.agent-replied.v1", Topics.TICKET_EVENTS, AgentRepliedV1.class),

	TICKET_RESOLVED("dev.ticketloop.ticket.resolved.v1", Topics.TICKET_EVENTS, TicketResolvedV1.class),

	TICKET_REOPENED("dev.ticketloop.ticket.reopened.v1", Topics.TICKET_EVENTS, TicketReopenedV1.class),

	TICKET_RATED("dev.ticketloop.ticket.rated.v1", Topics.TICKET_EVENTS, TicketRatedV1.class),

	TICKET_CLOSED("dev.ticketloop.ticket.closed.v1", Topics.TICKET_EVENTS, TicketClosedV1.class),

	TRIAGE_DECIDED("dev.ticketloop.routing.triage-decided.v1", Topics.ROUTING_DECISIONS, TriageDecidedV1.class),

	NOTIFICATION_DELIVERED("dev.ticketloop.notification.delivered.v1", Topics.NOTIFICATION_RECEIPTS,
			NotificationDeliveredV1.class);

	private static final Map<String, EventType> BY_TYPE = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

	private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(EventType::dataClass, Function.identity()));

	private final String type;

	private final String topic;

	private final Class<? extends IntegrationEvent> dataClass;

	EventType(String type, String topic, Class<? extends IntegrationEvent> dataClass) {
		this.type = type;
		this.topic = topic;
		this.dataClass = dataClass;
	}

	public String type() {
		return this.type;
	}

	public String topic() {
		return this.topic;
	}

	public Class<? extends IntegrationEvent> dataClass() {
		return this.dataClass;
	}

	/**
	 * The schema's location relative to the classpath root, used as CloudEvents
	 * dataschema.
	 */
	public String schemaPath() {
		return "schemas/" + this.type + ".json";
	}

	/** The schema's {@code $id}, used as the CloudEvents {@code dataschema}. */
	public String schemaUri() {
		return "https://ticketloop.dev/" + schemaPath();
	}

	public static Optional<EventType> ofType(String type) {
		return Optional.ofNullable(BY_TYPE.get(type));
	}

	public static EventType of(IntegrationEvent data) {
		EventType type = BY_CLASS.get(data.getClass());
		if (type == null) {
			throw new IllegalArgumentException("Not a published event: " + data.getClass().getName());
		}
		return type;
	}

}
