package dev.ticketloop.contracts;

import java.util.List;
import java.util.function.Consumer;

import dev.ticketloop.contracts.CloudEventCodec.InvalidEventException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every record is checked against its JSON Schema by a real validator: the envelope's,
 * then its type's, with types, formats, enums and required fields asserted. What breaks a
 * schema is refused by the codec with the place and the rule, never the value.
 */
class SchemaValidationTests {

	private final CloudEventCodec codec = new CloudEventCodec();

	private final JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest
	@EnumSource(EventType.class)
	void every_published_event_validates_against_its_schema(EventType type) {
		byte[] record = this.codec
			.write(CloudEvent.of("evt-1", "/ticketloop/test", Samples.AT, Samples.BY_TYPE.get(type))
				.withTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
		assertThat(this.codec.violations(record)).isEmpty();
	}

	@Test
	void a_field_of_the_wrong_type_is_refused() {
		assertRefused((data) -> data.put("subject", 42), "data.subject", "integer found, string expected");
	}

	@Test
	void a_value_outside_its_enum_is_refused() {
		assertRefused((data) -> data.put("channel", "fax"), "data.channel", "enumeration");
	}

	@Test
	void a_platform_outside_the_known_ones_is_refused_and_every_known_one_is_accepted() {
		assertRefused((data) -> data.put("platform", "amiga"), "data.platform", "enumeration");
		for (String platform : ContractFormats.PLATFORMS) {
			assertThat(violationsOf((data) -> data.put("platform", platform), (envelope) -> {
			})).as(platform).isEmpty();
		}
	}

	@Test
	void the_schema_states_the_platforms_and_the_product_version_format_as_intake_does() throws Exception {
		var schema = this.json
			.readTree(getClass().getResourceAsStream("/schemas/dev.ticketloop.ticket.opened.v1.json"));
		var properties = schema.get("properties");
		List<String> platforms = new java.util.ArrayList<>();
		properties.get("platform").get("enum").forEach((value) -> {
			if (!value.isNull()) {
				platforms.add(value.asString());
			}
		});
		assertThat(platforms).isEqualTo(ContractFormats.PLATFORMS);
		assertThat(properties.get("productVersion").get("pattern").asString())
			.isEqualTo("^" + ContractFormats.PRODUCT_VERSION + "$");
	}

	@Test
	void a_product_version_that_is_not_one_is_refused() {
		assertRefused((data) -> data.put("productVersion", "latest"), "data.productVersion", "pattern");
		for (String version : List.of("4", "4.2.1", "4.3.0-beta.2", "2026.12.1.7+build.9")) {
			assertThat(violationsOf((data) -> data.put("productVersion", version), (envelope) -> {
			})).as(version).isEmpty();
		}
	}

	@Test
	void a_missing_required_field_is_refused() {
		assertRefused((data) -> data.remove("openedAt"), "data", "openedAt");
	}

	@Test
	void a_ticket_id_that_is_not_a_uuid_is_refused() {
		assertRefused((data) -> data.put("ticketId", "ticket-1"), "data.ticketId", "uuid");
	}

	@Test
	void a_time_that_is_not_an_rfc_3339_instant_is_refused() {
		assertRefused((data) -> data.put("openedAt", "yesterday"), "data.openedAt", "date-time");
	}

	@Test
	void an_address_that_is_not_an_email_is_refused_without_repeating_it() {
		List<String> violations = violationsOf((data) -> data.put("contactEmail", "ana-at-example"), (envelope) -> {
		});
		assertThat(violations).singleElement()
			.asString()
			.contains("data.contactEmail")
			.doesNotContain("ana-at-example");
	}

	@Test
	void an_address_at_a_reserved_top_level_domain_is_an_email_as_intake_accepts_it() {
		assertThat(violationsOf((data) -> data.put("contactEmail", "x-cli-0@cli.example"), (envelope) -> {
		})).isEmpty();
		assertThat(ContractFormats.isEmail("ana.lópez@correo.example")).isTrue();
		assertThat(ContractFormats.isEmail("\"quoted\"@example.com")).isFalse();
		assertThat(ContractFormats.isEmail("two@@example.com")).isFalse();
		assertThat(ContractFormats.isEmail("a".repeat(65) + "@example.com")).isFalse();
	}

	@Test
	void a_malformed_traceparent_is_refused() {
		List<String> violations = violationsOf((data) -> {
		}, (envelope) -> envelope.put("traceparent", "00-nothex-01"));
		assertThat(violations).singleElement().asString().contains("traceparent");
	}

	@Test
	void an_envelope_without_id_or_of_another_specversion_is_refused() {
		List<String> violations = violationsOf((data) -> {
		}, (envelope) -> {
			envelope.remove("id");
			envelope.put("specversion", "0.3");
		});
		assertThat(violations).hasSize(2)
			.anySatisfy((v) -> assertThat(v).contains("id"))
			.anySatisfy((v) -> assertThat(v).contains("specversion"));
	}

	@Test
	void an_added_optional_field_is_accepted() {
		assertThat(
				violationsOf((data) -> data.put("somethingNew", "x"), (envelope) -> envelope.put("partitionkey", "k")))
			.isEmpty();
	}

	@Test
	void a_type_this_version_does_not_know_is_checked_as_an_envelope_only() {
		assertThat(violationsOf((data) -> data.put("channel", 1),
				(envelope) -> envelope.put("type", "dev.ticketloop.ticket.opened.v9")))
			.isEmpty();
	}

	private void assertRefused(Consumer<ObjectNode> change, String where, String rule) {
		List<String> violations = violationsOf(change, (envelope) -> {
		});
		assertThat(violations).singleElement().asString().contains(where).contains(rule);
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.codec.read(recordWith(change, (envelope) -> {
			})))
			.satisfies((ex) -> assertThat(ex.violations()).isEqualTo(violations));
	}

	private List<String> violationsOf(Consumer<ObjectNode> data, Consumer<ObjectNode> envelope) {
		return this.codec.violations(recordWith(data, envelope));
	}

	private byte[] recordWith(Consumer<ObjectNode> data, Consumer<ObjectNode> envelope) {
		ObjectNode record = (ObjectNode) this.json.readTree(this.codec.write(
				CloudEvent.of("evt-1", "/ticketloop/test", Samples.AT, Samples.BY_TYPE.get(EventType.TICKET_OPENED))));
		data.accept((ObjectNode) record.get("data"));
		envelope.accept(record);
		return this.json.writeValueAsBytes(record);
	}

}
