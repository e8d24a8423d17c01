package dev.ticketloop.contracts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.ticketloop.contracts.CompatibilityGate.Deprecation;
import dev.ticketloop.contracts.CompatibilityGate.PublishedType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compatibility gate in the build: the published language must stay compatible with
 * its last release, and each kind of breaking change, made here on purpose, is refused,
 * while additive changes and a new versioned type pass. A new release is written with
 * {@code -Dcontracts.release=<yyyy-mm-dd>} (into {@code released/}), deliberately, when
 * the contract is released.
 */
class CompatibilityGateTests {

	private static final String OPENED = EventType.TICKET_OPENED.type();

	private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

	@Test
	void the_published_language_is_compatible_with_its_last_release() throws IOException {
		String release = System.getProperty("contracts.release");
		if (release != null && !release.isBlank()) {
			CompatibilityGate.writeRelease(CompatibilityGate.RELEASED.resolve(release));
		}
		Path last = CompatibilityGate.lastRelease();
		assertThat(CompatibilityGate.refusals(CompatibilityGate.read(last), CompatibilityGate.current(),
				CompatibilityGate.deprecations(), LocalDate.now()))
			.as("breaking changes against the release in " + last)
			.isEmpty();
	}

	@Test
	void every_type_of_the_release_is_in_it_with_its_key() throws IOException {
		Map<String, PublishedType> released = CompatibilityGate.read(CompatibilityGate.lastRelease());
		assertThat(released).containsKey(OPENED);
		assertThat(released.get(OPENED).key()).isEqualTo("ticketId");
		assertThat(released.get(EventType.RELEASE_PUBLISHED.type()).key()).isEqualTo("releaseId");
		assertThat(released.get(EventType.ISSUE_CONFIRMED.type()).key()).isEqualTo("issueKey");
	}

	@Test
	void a_removed_field_is_refused() {
		assertThat(refusalsAfter((schema) -> properties(schema).remove("subject")))
			.containsExactly(OPENED + ": field removed at data.subject: consumers read it (a rename is a removal)");
	}

	@Test
	void a_renamed_field_is_refused_as_a_removal() {
		assertThat(refusalsAfter((schema) -> properties(schema).set("title", properties(schema).remove("subject"))))
			.anySatisfy((r) -> assertThat(r).contains("field removed at data.subject"));
	}

	@Test
	void a_changed_type_is_refused() {
		assertThat(refusalsAfter((schema) -> ((ObjectNode) properties(schema).get("subject")).put("type", "integer")))
			.singleElement()
			.asString()
			.contains("type changed at data.subject");
	}

	@Test
	void a_new_required_field_is_refused() {
		assertThat(refusalsAfter((schema) -> {
			properties(schema).putObject("deviceModel").put("type", "string");
			((ArrayNode) schema.get("required")).add("deviceModel");
		})).singleElement().asString().contains("new required field at data.deviceModel");
	}

	@Test
	void a_removed_enum_value_is_refused() {
		assertThat(refusalsAfter((schema) -> {
			ArrayNode channels = (ArrayNode) properties(schema).get("channel").get("enum");
			channels.remove(channels.size() - 1);
		})).singleElement().asString().contains("enum value removed at data.channel: social");
	}

	@Test
	void a_narrowed_constraint_is_refused() {
		assertThat(refusalsAfter((schema) -> ((ObjectNode) properties(schema).get("subject")).put("maxLength", 100)))
			.singleElement()
			.asString()
			.contains("constraint narrowed at data.subject: maxLength 300 became 100");
	}

	@Test
	void a_changed_key_or_topic_is_refused() {
		Map<String, PublishedType> current = new LinkedHashMap<>(CompatibilityGate.current());
		PublishedType opened = current.get(OPENED);
		current.put(OPENED, new PublishedType(OPENED, "ticketloop.tickets.v2", "customerRef", opened.schema()));
		assertThat(CompatibilityGate.refusals(CompatibilityGate.current(), current, List.of(), TODAY)).containsExactly(
				OPENED + ": topic changed from ticketloop.ticket.events.v1 to ticketloop.tickets.v2",
				OPENED + ": key changed from ticketId to customerRef");
	}

	@Test
	void additive_changes_pass() {
		assertThat(refusalsAfter((schema) -> {
			properties(schema).putObject("deviceModel").put("type", "string").put("description", "Pixel 9, iPhone 16");
			((ArrayNode) properties(schema).get("channel").get("enum")).add("whatsapp");
			((ObjectNode) properties(schema).get("subject")).put("maxLength", 500).put("description", "longer now");
		})).isEmpty();
	}

	@Test
	void a_type_removed_without_deprecation_is_refused() {
		Map<String, PublishedType> current = new LinkedHashMap<>(CompatibilityGate.current());
		current.remove(OPENED);
		assertThat(CompatibilityGate.refusals(CompatibilityGate.current(), current, List.of(), TODAY)).singleElement()
			.asString()
			.contains("removed without a deprecation");
	}

	@Test
	void a_new_versioned_type_passes_and_the_old_one_goes_only_after_its_period() {
		Map<String, PublishedType> released = CompatibilityGate.current();
		PublishedType opened = released.get(OPENED);
		String v2 = "dev.ticketloop.ticket.opened.v2";
		ObjectNode v2Schema = (ObjectNode) opened.schema().deepCopy();
		properties(v2Schema).remove("subject");
		Map<String, PublishedType> withV2 = new LinkedHashMap<>(released);
		withV2.put(v2, new PublishedType(v2, opened.topic(), "ticketId", v2Schema));
		assertThat(CompatibilityGate.refusals(released, withV2, List.of(), TODAY)).as("v2 beside v1").isEmpty();

		Map<String, PublishedType> withoutV1 = new LinkedHashMap<>(withV2);
		withoutV1.remove(OPENED);
		Deprecation until = new Deprecation(OPENED, v2, LocalDate.of(2027, 3, 31));
		assertThat(CompatibilityGate.refusals(withV2, withoutV1, List.of(until), TODAY)).singleElement()
			.asString()
			.contains("before the end of its deprecation period (2027-03-31)");
		assertThat(CompatibilityGate.refusals(withV2, withoutV1, List.of(until), LocalDate.of(2027, 4, 1))).isEmpty();

		Map<String, PublishedType> withoutBoth = new LinkedHashMap<>(released);
		withoutBoth.remove(OPENED);
		assertThat(CompatibilityGate.refusals(released, withoutBoth, List.of(until), LocalDate.of(2027, 4, 1)))
			.singleElement()
			.asString()
			.contains("its successor " + v2 + " is not published");
	}

	private static List<String> refusalsAfter(Consumer<ObjectNode> change) {
		Map<String, PublishedType> released = CompatibilityGate.current();
		PublishedType opened = released.get(OPENED);
		ObjectNode schema = (ObjectNode) opened.schema().deepCopy();
		change.accept(schema);
		Map<String, PublishedType> current = new LinkedHashMap<>(released);
		current.put(OPENED, new PublishedType(OPENED, opened.topic(), opened.key(), schema));
		return CompatibilityGate.refusals(released, current, List.of(), TODAY);
	}

	private static ObjectNode properties(ObjectNode schema) {
		return (ObjectNode) schema.get("properties");
	}

}
