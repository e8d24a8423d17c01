package dev.ticketloop.ticketservice.ticket;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * {@link TicketEvent.TicketReopened} revision 1 to revision 2, on the way out of the
 * store (stored events are never rewritten): {@code assigned} is true with an agent,
 * false with {@code "agent": null} (written when the ticket was with no agent), and null
 * when the event has no {@code agent} at all (written before reopenings recorded it:
 * nothing is known of the assignment). Only the stored event can tell the last two apart;
 * the record reads both as null.
 */
@Component
class TicketReopenedUpcaster extends SingleEventUpcaster {

	private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(
			TicketEvent.TicketReopened.class.getName(), "1");

	private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(
			TicketEvent.TicketReopened.class.getName(), "2");

	@Override
	protected boolean canUpcast(IntermediateEventRepresentation representation) {
		return REVISION_1.equals(representation.getType());
	}

	@Override
	protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
		return representation.upcastPayload(REVISION_2, JsonNode.class, TicketReopenedUpcaster::revision2);
	}

	static JsonNode revision2(JsonNode revision1) {
		ObjectNode event = (ObjectNode) revision1.deepCopy();
		JsonNode agent = event.get("agent");
		if (agent == null) {
			event.putNull("assigned");
		}
		else {
			event.put("assigned", !agent.isNull());
		}
		return event;
	}

}
