package dev.ticketloop.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The AsyncAPI 3.0 document of the published language, generated from the catalogue
 * ({@link Topics#ALL}, {@link EventType}) and the JSON Schemas, so that it cannot drift
 * from them: a channel per topic and per dead-letter topic with its Kafka bindings
 * (partitions, replicas, cleanup policy, retention), a message per event type (the
 * CloudEvents envelope with its data schema referenced, the key, the headers), and the
 * operations of each service that publishes or consumes it. Shipped in this jar as
 * {@value #RESOURCE}, beside the schemas it references ({@code schemas/…}).
 */
public final class AsyncApiDocument {

	/**
	 * Where the document is on the classpath (the schemas it names are relative to it).
	 */
	public static final String RESOURCE = "asyncapi.yaml";

	private static final String KAFKA_BINDING_VERSION = "0.5.0";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int partitions;

	private final int replicas;

	/**
	 * @param partitions the partitions each topic is created with (the deployment's
	 * default)
	 * @param replicas their replication factor
	 */
	public AsyncApiDocument(int partitions, int replicas) {
		this.partitions = partitions;
		this.replicas = replicas;
	}

	/** The document as YAML. */
	public String yaml() {
		return YAMLMapper.builder()
			.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER, YAMLWriteFeature.SPLIT_LINES)
			.enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
			.build()
			.writeValueAsString(tree());
	}

	/** The document as a JSON tree. */
	public ObjectNode tree() {
		ObjectNode doc = JSON.createObjectNode();
		doc.put("asyncapi", "3.0.0");
		ObjectNode info = doc.putObject("info");
		info.put("title", "ticketloop: the published language");
		info.put("version", "1");
		info.put("description", """
				Every Kafka topic the ticketloop platform publishes or consumes. Each record is a CloudEvents 1.0 \
				envelope in structured JSON mode (content type application/cloudevents+json) whose data is \
				described by the JSON Schema its type names (also its dataschema). Records are keyed by their \
				subject (the ticket, the release, the issue, the template), so all events of one subject keep \
				their order; delivery is at least once, deduplicate on the CloudEvents id. The W3C trace context \
				travels as the CloudEvents traceparent extension and header. Versioning rules, retention and \
				backfills: docs/consumers.md.""");
		info.putObject("license").put("name", "Apache-2.0");
		doc.put("defaultContentType", CloudEvent.CONTENT_TYPE);
		ObjectNode servers = doc.putObject("servers");
		servers.putObject("local")
			.put("host", "localhost:9092")
			.put("protocol", "kafka")
			.put("description", "The broker bin/run starts (KAFKA_BOOTSTRAP_SERVERS elsewhere).");
		ObjectNode channels = doc.putObject("channels");
		ObjectNode operations = doc.putObject("operations");
		ObjectNode messages = doc.putObject("components").putObject("messages");
		for (TopicSpec topic : Topics.ALL) {
			String channelId = channelId(topic.name());
			ObjectNode channel = channels.putObject(channelId);
			channel.put("address", topic.name());
			channel.put("title", topic.name());
			channel.put("description",
					topic.description() + " Keyed by " + topic.key() + "; published by " + topic.publishedBy() + ".");
			ObjectNode channelMessages = channel.putObject("messages");
			for (EventType type : topic.eventTypes()) {
				String messageId = messageId(type);
				messages.set(messageId, message(type, topic));
				channelMessages.putObject(messageId).put("$ref", "#/components/messages/" + messageId);
			}
			channel.putObject("bindings")
				.set("kafka", topicBinding(topic.name(), topic.cleanupPolicy().kafkaName(),
						(topic.retention() != null) ? topic.retention().toMillis() : -1));
			String sender = operationName(topic.publishedBy());
			operations.set(sender + "Sends" + capitalized(channelId), operation("send", channelId, channel,
					"How " + topic.publishedBy() + " publishes " + topic.name() + "."));
			for (String consumer : topic.consumedBy()) {
				operations.set(operationName(consumer) + "Receives" + capitalized(channelId),
						operation("receive", channelId, channel,
								"How " + consumer + " consumes " + topic.name()
										+ (topic.deadLettered()
												? "; what it cannot read goes to " + topic.deadLetterTopic()
												: "; read from the beginning at each start")
										+ "."));
			}
			if (topic.deadLettered()) {
				String dltId = channelId(topic.deadLetterTopic());
				ObjectNode dlt = channels.putObject(dltId);
				dlt.put("address", topic.deadLetterTopic());
				dlt.put("title", topic.deadLetterTopic());
				dlt.put("description", "Records of " + topic.name()
						+ " a consumer could not read or handle, as they were, with why, where from and when in "
						+ "their headers; kept forever, re-driven or discarded by operators.");
				dlt.putObject("messages").putObject("deadLetter").put("$ref", "#/components/messages/deadLetter");
				dlt.putObject("bindings").set("kafka", topicBinding(topic.deadLetterTopic(), "delete", -1));
				operations.set("platformSendsDeadLettersTo" + capitalized(channelId), operation("send", dltId, dlt,
						"A consumer that cannot read or handle a record of " + topic.name() + " sends it here."));
			}
		}
		messages.set("deadLetter", deadLetter());
		return doc;
	}

	private ObjectNode topicBinding(String topic, String cleanupPolicy, long retentionMs) {
		ObjectNode binding = JSON.createObjectNode();
		binding.put("topic", topic);
		binding.put("partitions", this.partitions);
		binding.put("replicas", this.replicas);
		ObjectNode config = binding.putObject("topicConfiguration");
		config.putArray("cleanup.policy").add(cleanupPolicy);
		if (!"compact".equals(cleanupPolicy)) {
			config.put("retention.ms", retentionMs);
		}
		binding.put("bindingVersion", KAFKA_BINDING_VERSION);
		return binding;
	}

	private static ObjectNode operation(String action, String channelId, ObjectNode channel, String description) {
		ObjectNode operation = JSON.createObjectNode();
		operation.put("action", action);
		operation.putObject("channel").put("$ref", "#/channels/" + channelId);
		operation.put("description", description);
		ArrayNode messages = operation.putArray("messages");
		channel.get("messages")
			.propertyNames()
			.forEach((id) -> messages.addObject().put("$ref", "#/channels/" + channelId + "/messages/" + id));
		return operation;
	}

	private static ObjectNode message(EventType type, TopicSpec topic) {
		JsonNode schema = schemaOf(type);
		ObjectNode message = JSON.createObjectNode();
		message.put("name", type.type());
		message.put("title", type.dataClass().getSimpleName());
		message.put("summary", schema.path("description").asString(type.type()));
		message.put("contentType", CloudEvent.CONTENT_TYPE);
		message.set("headers", headers());
		ObjectNode payload = message.putObject("payload");
		ArrayNode allOf = payload.putArray("allOf");
		allOf.addObject().put("$ref", CloudEventValidator.ENVELOPE_SCHEMA_PATH);
		ObjectNode typed = allOf.addObject();
		typed.put("type", "object");
		ObjectNode properties = typed.putObject("properties");
		properties.putObject("type").put("const", type.type());
		properties.putObject("dataschema")
			.put("type", "string")
			.put("description", "Ends with /" + type.schemaPath() + " (where the publishing service serves it).");
		properties.putObject("data").put("$ref", type.schemaPath());
		message.putObject("correlationId")
			.put("description", "The subject: " + topic.key() + ".")
			.put("location", "$message.payload#/subject");
		ObjectNode kafka = message.putObject("bindings").putObject("kafka");
		kafka.putObject("key").put("type", "string").put("description", "The " + topic.key() + ".");
		kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
		return message;
	}

	private static ObjectNode headers() {
		ObjectNode headers = JSON.createObjectNode();
		headers.put("type", "object");
		ObjectNode properties = headers.putObject("properties");
		properties.putObject("content-type").put("type", "string").put("const", CloudEvent.CONTENT_TYPE);
		properties.putObject("traceparent")
			.put("type", "string")
			.put("pattern", "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")
			.put("description", "W3C trace context of the request that caused the event, as in the envelope.");
		return headers;
	}

	private static ObjectNode deadLetter() {
		ObjectNode message = JSON.createObjectNode();
		message.put("name", "dead-letter");
		message.put("title", "A dead letter");
		message.put("summary", "The record as it was on its topic (key, value, headers), with why and where from.");
		ObjectNode headers = message.putObject("headers");
		headers.put("type", "object");
		ObjectNode properties = headers.putObject("properties");
		properties.putObject("ticketloop-dlt-reason")
			.put("type", "string")
			.put("description", "The exception and the rule broken, never the record's values.");
		properties.putObject("ticketloop-dlt-at").put("type", "string").put("description", "When (ISO-8601).");
		properties.putObject("kafka_dlt-original-topic").put("type", "string");
		properties.putObject("kafka_dlt-original-partition")
			.put("type", "string")
			.put("description", "4-byte big-endian int.");
		properties.putObject("kafka_dlt-original-offset")
			.put("type", "string")
			.put("description", "8-byte big-endian long.");
		properties.putObject("kafka_dlt-original-timestamp")
			.put("type", "string")
			.put("description", "8-byte big-endian long, epoch milliseconds.");
		properties.putObject("kafka_dlt-original-consumer-group")
			.put("type", "string")
			.put("description", "The consumer group that could not handle it.");
		properties.putObject("kafka_dlt-exception-fqcn").put("type", "string");
		properties.putObject("kafka_dlt-exception-message").put("type", "string");
		message.putObject("payload")
			.put("description", "The original record's value, unchanged (possibly not JSON at all).");
		return message;
	}

	private static JsonNode schemaOf(EventType type) {
		try (InputStream in = AsyncApiDocument.class.getClassLoader().getResourceAsStream(type.schemaPath())) {
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code ticketloop.ticket.events.v1} → {@code ticketEventsV1}. */
	static String channelId(String topic) {
		String[] words = topic.replaceFirst("^ticketloop\\.", "").split("[.-]");
		StringBuilder id = new StringBuilder(words[0]);
		for (int i = 1; i < words.length; i++) {
			id.append(capitalized(words[i]));
		}
		return id.toString();
	}

	/** {@code dev.ticketloop.ticket.opened.v1} → {@code ticketOpenedV1}. */
	static String messageId(EventType type) {
		return channelId(type.type().replaceFirst("^dev\\.ticketloop\\.", ""));
	}

	private static String operationName(String party) {
		List<String> words = new ArrayList<>(List.of(party.replace("'s", "").split("[ -]")));
		StringBuilder name = new StringBuilder(words.remove(0).toLowerCase(Locale.ROOT));
		words.forEach((word) -> name.append(capitalized(word.toLowerCase(Locale.ROOT))));
		return name.toString().replace("Ci", "CI");
	}

	private static String capitalized(String word) {
		return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
	}

}
