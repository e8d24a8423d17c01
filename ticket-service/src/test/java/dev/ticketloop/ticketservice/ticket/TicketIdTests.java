package dev.ticketloop.ticketservice.ticket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TicketIdTests {

	@Test
	void a_ticket_id_is_a_uuid_in_canonical_form() {
		assertThat(TicketId.of("0B8F4A52-5D8E-4F57-9C55-2F1F3C1A7E10").value())
			.isEqualTo("0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10");
	}

	@Test
	void anything_else_is_not_a_ticket_id() {
		assertThatIllegalArgumentException().isThrownBy(() -> TicketId.of("../etc/passwd"))
			.withMessageContaining("Not a ticket id");
	}

	@Test
	void an_unknown_channel_names_the_known_ones() {
		assertThatIllegalArgumentException().isThrownBy(() -> Channel.fromWireName("fax"))
			.withMessage("channel: unknown channel 'fax', expected one of email, chat, app, social");
	}

}
