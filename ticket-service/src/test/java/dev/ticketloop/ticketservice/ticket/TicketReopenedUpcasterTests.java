package dev.ticketloop.ticketservice.ticket;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code TicketReopened} revision 1 to 2: what the stored event's shape says of the
 * assignment, and the rest of the event as it was.
 */
class TicketReopenedUpcasterTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ID = "0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10";

	@Test
	void an_agent_named_is_an_assignment() {
		JsonNode upcast = upcast("\"agent\":\"maria\"");
		assertThat(upcast.get("assigned").asBoolean()).isTrue();
		assertThat(upcast.get("agent").asString()).isEqualTo("maria");
		assertThat(upcast.get("reopenCount").asInt()).isEqualTo(1);
		assertThat(upcast.get("reason").asString()).isEqualTo("Still broken");
	}

	@Test
	void an_agent_recorded_as_none_is_no_assignment() {
		JsonNode upcast = upcast("\"agent\":null");
		assertThat(upcast.get("assigned").isBoolean()).isTrue();
		assertThat(upcast.get("assigned").asBoolean()).isFalse();
	}

	@Test
	void no_agent_recorded_at_all_is_an_assignment_not_known() {
		JsonNode upcast = upcast(null);
		assertThat(upcast.has("assigned")).isTrue();
		assertThat(upcast.get("assigned").isNull()).isTrue();
		assertThat(upcast.has("agent")).isFalse();
	}

	@Test
	void revision_2_names_an_agent_exactly_when_the_ticket_is_assigned() {
		assertThat(new TicketEvent.TicketReopened(TicketId.of(ID), "r", 1, null, "maria").assigned()).isTrue();
		assertThat(new TicketEvent.TicketReopened(TicketId.of(ID), "r", 1, null, null).assigned()).isFalse();
		assertThat(new TicketEvent.TicketReopened(TicketId.of(ID), "r", 1, null, null, null).assigned()).isNull();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TicketEvent.TicketReopened(TicketId.of(ID), "r", 1, null, "maria", null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TicketEvent.TicketReopened(TicketId.of(ID), "r", 1, null, null, true));
	}

	private static JsonNode upcast(String agent) {
		String revision1 = "{\"ticketId\":\"" + ID + "\",\"reason\":\"Still broken\",\"reopenCount\":1,"
				+ "\"reopenedAt\":\"2026-11-20T10:00:00Z\"" + ((agent != null) ? "," + agent : "") + "}";
		JsonNode before = JSON.readTree(revision1);
		JsonNode after = TicketReopenedUpcaster.revision2(before);
		assertThat(before).as("the stored event is not changed").isEqualTo(JSON.readTree(revision1));
		return after;
	}

}
