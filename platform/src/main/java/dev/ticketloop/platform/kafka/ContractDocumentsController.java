package dev.ticketloop.platform.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import dev.ticketloop.contracts.AsyncApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The published language's documents, from the contracts jar: each event type's JSON
 * Schema at the URL its records name as {@code dataschema}, and the AsyncAPI document of
 * every topic.
 */
@RestController
@Tag(name = "Contracts", description = "The JSON Schemas of the published events and the AsyncAPI document of the "
		+ "Kafka topics, as shipped in the contracts jar.")
public class ContractDocumentsController {

	private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z0-9.-]{1,120}\\.json");

	private static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

	@Operation(summary = "Read a JSON Schema",
			description = "The schema a record's dataschema names, e.g. dev.ticketloop.ticket.opened.v1.json, or "
					+ "the envelope's, cloudevents-envelope.json.")
	@ApiResponse(responseCode = "200", description = "The schema.")
	@ApiResponse(responseCode = "404", description = "No such schema.")
	@GetMapping(path = "/schemas/{name}", produces = "application/schema+json")
	ResponseEntity<byte[]> schema(@PathVariable String name) throws IOException {
		if (!SCHEMA_NAME.matcher(name).matches()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No schema is named so.");
		}
		return ResponseEntity.ok().contentType(SCHEMA_JSON).body(resource("schemas/" + name));
	}

	@Operation(summary = "Read the AsyncAPI document",
			description = "Every topic published or consumed, with its messages, keys, headers, schemas and "
					+ "bindings (AsyncAPI 3.0).")
	@ApiResponse(responseCode = "200", description = "The document, YAML.")
	@GetMapping(path = "/asyncapi.yaml", produces = "application/yaml")
	ResponseEntity<byte[]> asyncApi() throws IOException {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/yaml"))
			.body(resource(AsyncApiDocument.RESOURCE));
	}

	private static byte[] resource(String path) throws IOException {
		try (InputStream in = ContractDocumentsController.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No document is there.");
			}
			return in.readAllBytes();
		}
	}

}
