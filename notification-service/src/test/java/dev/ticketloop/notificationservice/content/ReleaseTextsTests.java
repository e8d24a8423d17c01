package dev.ticketloop.notificationservice.content;

import java.time.Instant;
import java.util.Map;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.routing.TemplateApprovedV1;
import dev.ticketloop.contracts.routing.TemplateRetiredV1;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approved release texts as routing publishes them: the latest approved version of an
 * issue's release template, in the customer's language, placeholders filled; none once
 * retired, and none for a template that tells of no release.
 */
class ReleaseTextsTests {

	private static final Instant AT = Instant.parse("2026-12-07T09:00:00Z");

	private final CloudEventCodec codec = new CloudEventCodec();

	private final ReleaseTexts texts = new ReleaseTexts(this.codec);

	@Test
	void the_latest_approved_text_of_an_issue_in_the_customers_language_with_its_placeholders_filled() {
		publish(new TemplateApprovedV1("release-eng-42", 1, "Fixed", "release", "ENG-42",
				Map.of("en", "Fixed in {{version}}, ticket {{ticketId}}.", "es", "Corregido en {{ version }}."), "lena",
				AT));
		publish(new TemplateApprovedV1("release-eng-42", 2, "Fixed", "release", "ENG-42", Map.of("en",
				"Fixed in {{version}} for you, {{customerName}}{{unknown}}.", "es", "Corregido en {{version}}."),
				"lena", AT));
		publish(new TemplateApprovedV1("reset-password", 1, "Reset", "login", null, Map.of("en", "Reset it."), "lena",
				AT));

		Map<String, String> values = Map.of("version", "4.2.0", "ticketId", "T-1", "customerName", "Ana");
		assertThat(this.texts.textFor("ENG-42", "en-GB", values)).hasValue("Fixed in 4.2.0 for you, Ana.");
		assertThat(this.texts.textFor("ENG-42", "es-MX", values)).hasValue("Corregido en 4.2.0.");
		assertThat(this.texts.textFor("ENG-42", "zh-CN", values)).isEmpty();
		assertThat(this.texts.textFor("ENG-7", "en", values)).isEmpty();

		publish(new TemplateRetiredV1("release-eng-42", "ENG-42", "lena", AT));
		assertThat(this.texts.textFor("ENG-42", "en-GB", values)).isEmpty();
	}

	private void publish(dev.ticketloop.contracts.IntegrationEvent data) {
		byte[] value = this.codec
			.write(CloudEvent.of("evt-" + System.nanoTime(), "/ticketloop/routing-service", AT, data));
		this.texts.on(new ConsumerRecord<>(Topics.ROUTING_TEMPLATES, 0, 0, data.subjectId(), value));
	}

}
