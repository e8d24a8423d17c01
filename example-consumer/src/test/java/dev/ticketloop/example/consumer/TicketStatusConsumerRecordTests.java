package dev.ticketloop.example.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.ticket.TicketResolvedV1;
import dev.ticketloop.example.consumer.TicketStatusConsumer.Counts;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

import static dev.ticketloop.example.consumer.TicketStatusesTests.AT;
import static dev.ticketloop.example.consumer.TicketStatusesTests.TICKET;
import static dev.ticketloop.example.consumer.TicketStatusesTests.opened;
import static org.assertj.core.api.Assertions.assertThat;

/** How one record is handled, without a broker. */
class TicketStatusConsumerRecordTests {

	final CloudEventCodec codec = new CloudEventCodec();

	final TicketStatuses statuses = new TicketStatuses();

	final List<TicketState> changes = new ArrayList<>();

	final TicketStatusConsumer consumer = new TicketStatusConsumer(new MockConsumer<>("earliest"),
			new TicketStatusConsumer.Settings("unused:9092", "test", false), this.statuses, this.changes::add);

	long offset;

	@Test
	void an_event_is_applied_and_its_tickets_new_state_reported() {
		handle(write(opened(TICKET)));

		assertThat(this.changes).singleElement().returns(TicketStatus.NEW, TicketState::status);
		assertThat(this.consumer.counts()).isEqualTo(new Counts(1, 1, 0, 0, 0, 0));
	}

	@Test
	void a_record_that_is_not_json_is_counted_as_unreadable_and_the_next_one_is_applied() {
		handle(write(opened(TICKET)));
		handle("{not json".getBytes(StandardCharsets.UTF_8));
		handle(write(new TicketResolvedV1(TICKET, "Done", true, AT, "agent")));

		assertThat(this.consumer.counts()).isEqualTo(new Counts(3, 2, 0, 0, 0, 1));
		assertThat(this.statuses.ticket(TICKET)).get().returns(TicketStatus.RESOLVED, TicketState::status);
	}

	@Test
	void a_record_without_a_value_is_counted_as_unreadable() {
		handle(null);

		assertThat(this.consumer.counts().unreadable()).isOne();
		assertThat(this.statuses.all()).isEmpty();
	}

	@Test
	void an_envelope_without_an_id_is_counted_as_unreadable() {
		String json = this.codec.writeAsString(event(opened(TICKET))).replaceFirst("\"id\":\"[^\"]*\",", "");
		assertThat(json).doesNotContain("\"id\"");

		handle(json.getBytes(StandardCharsets.UTF_8));

		assertThat(this.consumer.counts().unreadable()).isOne();
	}

	@Test
	void an_event_without_a_ticket_id_is_counted_as_unreadable() {
		String json = this.codec.writeAsString(event(opened(TICKET))).replace("\"ticketId\":\"" + TICKET + "\",", "");
		assertThat(json).doesNotContain("ticketId");

		handle(json.getBytes(StandardCharsets.UTF_8));

		assertThat(this.consumer.counts().unreadable()).isOne();
		assertThat(this.statuses.all()).isEmpty();
	}

	@Test
	void an_event_of_a_type_this_version_does_not_know_is_skipped() {
		String json = this.codec.writeAsString(event(opened(TICKET)))
			.replace("dev.ticketloop.ticket.opened.v1", "dev.ticketloop.ticket.teleported.v1");

		handle(json.getBytes(StandardCharsets.UTF_8));

		assertThat(this.consumer.counts()).isEqualTo(new Counts(1, 0, 0, 1, 0, 0));
		assertThat(this.statuses.all()).isEmpty();
	}

	@Test
	void an_event_read_twice_is_counted_as_a_duplicate_and_reported_once() {
		byte[] record = write(opened(TICKET));
		handle(record);
		handle(record);

		assertThat(this.consumer.counts()).isEqualTo(new Counts(2, 1, 1, 0, 0, 0));
		assertThat(this.changes).hasSize(1);
	}

	private void handle(byte[] value) {
		this.consumer.handle(new ConsumerRecord<>(Topics.TICKET_EVENTS, 0, this.offset++, TICKET, value));
	}

	private byte[] write(IntegrationEvent data) {
		return this.codec.write(event(data));
	}

	private static CloudEvent event(IntegrationEvent data) {
		return CloudEvent.of(UUID.randomUUID().toString(), "/ticketloop/ticket-service", Instant.now(), data);
	}

}
