package dev.ticketloop.contracts;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventCodecTests {

	private final CloudEventCodec codec = new CloudEventCodec();

	@Test
	void an_unknown_type_is_skipped_not_failed() {
		String json = """
				{"specversion":"1.0","id":"1","source":"/x","type":"com.example.other.v1",
				 "time":"2026-11-23T09:15:30Z","data":{"ticketId":"t"}}""";
		assertThat(this.codec.read(json.getBytes(StandardCharsets.UTF_8))).isEmpty();
	}

	@Test
	void unknown_fields_inside_data_are_tolerated() {
		String json = """
				{"specversion":"1.0","id":"1","source":"/x","type":"dev.ticketloop.notification.delivered.v1",
				 "subject":"0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10","time":"2026-11-23T09:15:30Z","newField":true,
				 "data":{"ticketId":"0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10","notificationId":"n","reason":"acknowledgement","channel":"email",
				         "deliveredAt":"2026-11-23T09:15:31Z","addedLater":42}}""";
		assertThat(this.codec.read(json.getBytes(StandardCharsets.UTF_8))).get()
			.extracting(CloudEvent::data)
			.hasFieldOrPropertyWithValue("notificationId", "n");
	}

	/**
	 * Fields added to a version in place are optional: what producers wrote before they
	 * existed still reads, with the new fields empty.
	 */
	@Test
	void an_opened_event_written_before_the_time_zone_and_tier_existed_still_reads() throws Exception {
		byte[] old;
		try (var in = getClass()
			.getResourceAsStream("/compat/dev.ticketloop.ticket.opened.v1.before-time-zone-and-tier.json")) {
			old = in.readAllBytes();
		}
		assertThat(this.codec.read(old)).get()
			.extracting(CloudEvent::data)
			.isInstanceOfSatisfying(dev.ticketloop.contracts.ticket.TicketOpenedV1.class, (opened) -> {
				assertThat(opened.locale()).isEqualTo("es-MX");
				assertThat(opened.contactTimeZone()).isNull();
				assertThat(opened.customerTier()).isNull();
			});
	}

	@Test
	void a_triage_decision_written_before_classification_existed_still_reads() throws Exception {
		byte[] old;
		try (var in = getClass()
			.getResourceAsStream("/compat/dev.ticketloop.routing.triage-decided.v1.before-classification.json")) {
			old = in.readAllBytes();
		}
		assertThat(this.codec.read(old)).get()
			.extracting(CloudEvent::data)
			.isInstanceOfSatisfying(dev.ticketloop.contracts.routing.TriageDecidedV1.class, (decision) -> {
				assertThat(decision.priority()).isEqualTo("normal");
				assertThat(decision.reason()).isNull();
				assertThat(decision.tags()).isEmpty();
			});
	}

	@Test
	void a_reopening_written_before_the_agent_existed_still_reads_and_tells_nothing_of_the_assignment()
			throws Exception {
		byte[] old;
		try (var in = getClass().getResourceAsStream("/compat/dev.ticketloop.ticket.reopened.v1.before-agent.json")) {
			old = in.readAllBytes();
		}
		assertThat(this.codec.read(old)).get()
			.extracting(CloudEvent::data)
			.isInstanceOfSatisfying(dev.ticketloop.contracts.ticket.TicketReopenedV1.class, (reopened) -> {
				assertThat(reopened.reopenCount()).isEqualTo(1);
				assertThat(reopened.agent()).isNull();
				assertThat(reopened.assigned()).isNull();
			});
	}

	@Test
	void a_broken_envelope_is_reported_as_malformed() {
		assertThatThrownBy(() -> this.codec.read("not json".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(CloudEventCodec.MalformedEventException.class);
		assertThatThrownBy(() -> this.codec.read("""
				{"specversion":"0.3","id":"1","source":"/x","type":"t","time":"2026-11-23T09:15:30Z"}"""
			.getBytes(StandardCharsets.UTF_8))).isInstanceOf(CloudEventCodec.MalformedEventException.class)
			.hasMessageContaining("specversion");
		assertThatThrownBy(() -> this.codec.read("""
				{"specversion":"1.0","id":"1","source":"/x","type":"dev.ticketloop.ticket.opened.v1",
				 "time":"yesterday","data":{}}""".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(CloudEventCodec.MalformedEventException.class);
	}

}
