package dev.ticketloop.insightsservice.report;

import java.time.Instant;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.routing.TemplateApprovedV1;
import dev.ticketloop.contracts.routing.TemplateRetiredV1;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The templates' titles as the template library's compacted topic gives them: the latest
 * approved version's, and a retired template's still after a restart, when compaction has
 * left only its retirement on the topic.
 */
@IntegrationTest
class TemplateTitlesTests {

	private final CloudEventCodec codec = new CloudEventCodec();

	private MongoClient client;

	private MongoDatabase database;

	@BeforeEach
	void connect() {
		this.client = MongoClients.create(TestInfrastructure.get().mongoConnectionString());
		this.database = this.client.getDatabase(TestInfrastructure.uniqueDatabase("titles"));
	}

	@AfterEach
	void disconnect() {
		this.client.close();
	}

	@Test
	void the_latest_version_names_a_template_and_a_retired_one_keeps_its_title_after_a_restart() {
		TemplateTitles titles = new TemplateTitles(this.codec, this.database);
		titles.on(record(approved("reset-password", 2, "Reset your password")));
		titles.on(record(approved("reset-password", 1, "Password help"))); // read late
		titles.on(record(approved("invoice-copy", 1, "A copy of an invoice")));
		titles.on(record(new TemplateRetiredV1("invoice-copy", null, "lead", Instant.parse("2026-12-01T10:00:00Z"))));
		assertThat(titles.title("reset-password")).isEqualTo("Reset your password");
		assertThat(titles.title("invoice-copy")).isEqualTo("A copy of an invoice");
		assertThat(titles.title("unknown")).isNull();

		// a restart: the compacted topic holds the password template's latest approval
		// and
		// the invoice template's retirement only
		TemplateTitles restarted = new TemplateTitles(this.codec, this.database);
		restarted.on(record(approved("reset-password", 2, "Reset your password")));
		restarted
			.on(record(new TemplateRetiredV1("invoice-copy", null, "lead", Instant.parse("2026-12-01T10:00:00Z"))));
		assertThat(restarted.title("invoice-copy")).isEqualTo("A copy of an invoice");
		assertThat(restarted.title("reset-password")).isEqualTo("Reset your password");
	}

	private static TemplateApprovedV1 approved(String id, int version, String title) {
		return new TemplateApprovedV1(id, version, title, "account", null, Map.of("en", "Hello"), "lead",
				Instant.parse("2026-11-01T10:00:00Z").plusSeconds(version));
	}

	private ConsumerRecord<String, byte[]> record(IntegrationEvent data) {
		CloudEvent event = CloudEvent.of(java.util.UUID.randomUUID().toString(), "/ticketloop/routing-service",
				Instant.parse("2026-11-01T10:00:00Z"), data);
		return new ConsumerRecord<>(Topics.ROUTING_TEMPLATES, 0, 0, data.subjectId(), this.codec.write(event));
	}

}
