package dev.ticketloop.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document shipped in the contracts jar is the one generated from the
 * catalogue and the schemas (it cannot drift: regenerate with
 * {@code -Dasyncapi.update=true}), it is valid against the official AsyncAPI 3.0.0 JSON
 * Schema ({@code @asyncapi/specs} 6.11.1, Apache-2.0, read offline), and every topic,
 * event type and schema it names exists.
 */
class AsyncApiDocumentTests {

	private static final Path CHECKED_IN = Path.of("src/main/resources", AsyncApiDocument.RESOURCE);

	private final String generated = new AsyncApiDocument(3, 1).yaml();

	@Test
	void the_shipped_document_is_the_generated_one() throws IOException {
		if (Boolean.getBoolean("asyncapi.update") || !Files.exists(CHECKED_IN)) {
			Files.writeString(CHECKED_IN, this.generated);
		}
		assertThat(Files.readString(CHECKED_IN, StandardCharsets.UTF_8))
			.as("regenerate with -Dasyncapi.update=true after a change of the catalogue or a schema")
			.isEqualTo(this.generated);
	}

	@Test
	void the_html_page_in_docs_is_rendered_from_this_document() throws Exception {
		String rendered = Files.readString(Path.of("../docs/asyncapi/asyncapi.yaml.sha256")).strip();
		String sha256 = java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(CHECKED_IN)));
		assertThat(rendered).as("docs/asyncapi/index.html is older than the document: run bin/asyncapi-html")
			.isEqualTo(sha256);
	}

	@Test
	void the_document_is_valid_against_the_asyncapi_3_0_schema() {
		List<Error> errors = asyncApiSchema().validate(this.generated, InputFormat.YAML);
		assertThat(errors).isEmpty();
	}

	@Test
	void the_validation_against_the_asyncapi_schema_can_fail() {
		String publishIsGoneIn3 = this.generated.replaceFirst("action: \"?send\"?", "action: publish");
		assertThat(publishIsGoneIn3).isNotEqualTo(this.generated);
		assertThat(asyncApiSchema().validate(publishIsGoneIn3, InputFormat.YAML)).isNotEmpty();
		String noPartitions = this.generated.replaceFirst("partitions: 3", "partitions: 0");
		assertThat(noPartitions).isNotEqualTo(this.generated);
		assertThat(asyncApiSchema().validate(noPartitions, InputFormat.YAML)).as("the Kafka bindings are checked too")
			.isNotEmpty();
	}

	@Test
	void every_topic_and_event_type_is_described_with_its_schema() throws IOException {
		JsonNode doc = YAMLMapper.builder().build().readTree(this.generated);
		Set<String> addresses = new HashSet<>();
		doc.get("channels").forEach((channel) -> addresses.add(channel.get("address").asString()));
		for (TopicSpec topic : Topics.ALL) {
			assertThat(addresses).contains(topic.name());
			if (topic.deadLettered()) {
				assertThat(addresses).contains(topic.deadLetterTopic());
			}
		}
		JsonNode messages = doc.get("components").get("messages");
		Set<String> names = new HashSet<>();
		List<String> refs = new ArrayList<>();
		messages.forEach((message) -> {
			names.add(message.get("name").asString());
			message.path("payload").path("allOf").forEach((part) -> {
				if (part.has("$ref")) {
					refs.add(part.get("$ref").asString());
				}
				if (part.path("properties").path("data").has("$ref")) {
					refs.add(part.get("properties").get("data").get("$ref").asString());
				}
			});
		});
		for (EventType type : EventType.values()) {
			assertThat(names).contains(type.type());
			JsonNode channel = doc.get("channels").get(AsyncApiDocument.channelId(type.topic()));
			assertThat(channel.get("messages").has(AsyncApiDocument.messageId(type))).as(type.type()).isTrue();
		}
		assertThat(refs).hasSize(EventType.values().length * 2);
		for (String ref : refs) {
			try (InputStream in = getClass().getClassLoader().getResourceAsStream(ref)) {
				assertThat(in).as("the schema " + ref + " beside the document").isNotNull();
			}
		}
	}

	private static Schema asyncApiSchema() {
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
		return registry.getSchema(SchemaLocation.of("classpath:asyncapi-spec/3.0.0-without-id.json"));
	}

}
