package dev.ticketloop.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares a service's OpenAPI document with what its endpoints answer. The document is
 * checked for what a client generator and a developer need (a tag, a summary and a
 * description on every operation, errors as problem+json with the {@code Problem} schema,
 * no {@code * / *}, the public operations marked public, the refusals of the others
 * listed); then every answer the test sees (sent by {@link #call}, or observed with
 * {@link #observe}) must be one the document lists for its operation, with the media type
 * it names. {@link #probeEveryOperation} calls every operation with no key, with each key
 * given, with a path that names nothing and an empty body.
 */
public final class ApiDocumentCheck {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final JsonNode document;

	private final Map<Pattern, String> templates = new LinkedHashMap<>();

	private final Set<String> failures = new LinkedHashSet<>();

	private final Set<String> seen = new TreeSet<>();

	/** Reads the document at {@code /v3/api-docs} with this key. */
	public ApiDocumentCheck(int port, String key) throws IOException, InterruptedException {
		this.baseUrl = "http://localhost:" + port;
		HttpResponse<String> answer = this.http.send(
				HttpRequest.newBuilder(URI.create(this.baseUrl + "/v3/api-docs")).header("X-Api-Key", key).build(),
				HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("/v3/api-docs answered " + answer.statusCode() + ": " + answer.body());
		}
		this.document = JSON.readTree(answer.body());
		for (String template : this.document.path("paths").propertyNames()) {
			this.templates.put(Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+")), template);
		}
	}

	public JsonNode document() {
		return this.document;
	}

	/** Checks the document itself; the failures join {@link #failures()}. */
	public ApiDocumentCheck checkStructure() {
		JsonNode problem = this.document.path("components").path("schemas").path("Problem");
		if (problem.isMissingNode()) {
			this.failures.add("no Problem schema in components");
		}
		boolean globallySecured = !this.document.path("security").isEmpty();
		operations((method, path, operation) -> {
			String op = method.toUpperCase(Locale.ROOT) + " " + path + ": ";
			JsonNode tags = operation.path("tags");
			if (tags.isEmpty() || tags.get(0).asString().endsWith("-controller")) {
				this.failures.add(op + "no tag of its own: " + tags);
			}
			if (operation.path("summary").asString("").isBlank()
					|| operation.path("description").asString("").isBlank()) {
				this.failures.add(op + "no summary or description");
			}
			boolean isPublic = operation.has("security") ? operation.path("security").isEmpty() : !globallySecured;
			JsonNode responses = operation.path("responses");
			if (!isPublic && (!responses.has("401") || !responses.has("403"))) {
				this.failures.add(op + "secured, but 401 or 403 not listed");
			}
			if (responses.propertyNames().stream().noneMatch((code) -> code.startsWith("2"))) {
				this.failures.add(op + "no success answer listed");
			}
			for (Map.Entry<String, JsonNode> response : responses.properties()) {
				String code = response.getKey();
				JsonNode content = response.getValue().path("content");
				if (content.has("*/*")) {
					this.failures.add(op + code + " answers */*");
				}
				if (response.getValue().path("description").asString("").isBlank()) {
					this.failures.add(op + code + " has no description");
				}
				if (code.startsWith("2") && !code.equals("204")
						&& (content.isEmpty() || content.properties()
							.stream()
							.anyMatch((media) -> media.getValue().path("schema").isMissingNode()))) {
					this.failures.add(op + code + " has no content schema");
				}
				if (code.startsWith("4") || code.startsWith("5")) {
					boolean onlyProblem = content.size() == 1 && content.has("application/problem+json")
							&& "#/components/schemas/Problem".equals(
									content.path("application/problem+json").path("schema").path("$ref").asString(""));
					if (!onlyProblem) {
						this.failures.add(op + code + " is not application/problem+json with the Problem schema");
					}
				}
			}
		});
		return this;
	}

	/** The operations marked public (no key needed), as "METHOD path". */
	public Set<String> publicOperations() {
		Set<String> found = new TreeSet<>();
		boolean globallySecured = !this.document.path("security").isEmpty();
		operations((method, path, operation) -> {
			if (operation.has("security") ? operation.path("security").isEmpty() : !globallySecured) {
				found.add(method.toUpperCase(Locale.ROOT) + " " + path);
			}
		});
		return found;
	}

	/**
	 * Calls every operation with no key and with each of these keys, with every path
	 * variable set to {@code no-such-<name>} and, where it takes a body, an empty object.
	 */
	public ApiDocumentCheck probeEveryOperation(List<String> keys) {
		List<String> keysAndNone = new ArrayList<>();
		keysAndNone.add(null);
		keysAndNone.addAll(keys);
		operations((method, path, operation) -> {
			String concrete = path.replaceAll("\\{([^}]+)}", "no-such-$1");
			String body = operation.has("requestBody") ? "{}" : null;
			for (String key : keysAndNone) {
				call(method.toUpperCase(Locale.ROOT), concrete, body, key);
			}
		});
		return this;
	}

	/** Sends a request and checks its answer against the document; answers it. */
	public Answer call(String method, String path, String body, String key) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.timeout(Duration.ofSeconds(30))
				.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
						: HttpRequest.BodyPublishers.noBody());
			if (body != null) {
				request.header("Content-Type", "application/json");
			}
			if (key != null) {
				request.header("X-Api-Key", key);
			}
			// streams answer headers, then go on: read the body only when it ends
			HttpResponse<InputStream> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofInputStream());
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			String text;
			try (InputStream in = response.body()) {
				text = contentType.startsWith("text/event-stream") ? "(stream)"
						: new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			}
			observe(method, path, response.statusCode(), contentType, text);
			return new Answer(response.statusCode(), contentType, text);
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An answer: status, media type, body. */
	public record Answer(int status, String contentType, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

	/** Checks an answer seen for a request against the operation the document lists. */
	public void observe(String method, String path, int status, String contentType, String body) {
		String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
		String template = this.templates.entrySet()
			.stream()
			.filter((e) -> e.getKey().matcher(bare).matches())
			.map(Map.Entry::getValue)
			.sorted((a, b) -> Integer.compare(literalLength(b), literalLength(a)))
			.findFirst()
			.orElse(null);
		String what = method + " " + path + " answered " + status + " " + contentType + ": ";
		if (template == null) {
			this.failures.add(what + "no operation in the document has this path");
			return;
		}
		JsonNode operation = this.document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
		if (operation.isMissingNode()) {
			if (status != 405) {
				this.failures.add(what + "the document has no " + method + " for " + template);
			}
			return;
		}
		this.seen.add(method + " " + template + " " + status);
		JsonNode response = operation.path("responses").path(String.valueOf(status));
		if (response.isMissingNode()) {
			this.failures
				.add(method + " " + template + ": " + status + " is not listed (answered " + abbreviated(body) + ")");
			return;
		}
		JsonNode content = response.path("content");
		String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
		if (body.isEmpty() || mediaType.isEmpty()) {
			if (!content.isEmpty() && !body.isEmpty()) {
				this.failures.add(method + " " + template + " " + status + ": answered without a media type");
			}
			return;
		}
		if (!content.has(mediaType)) {
			this.failures.add(method + " " + template + " " + status + ": answered " + mediaType
					+ ", the document lists " + content.propertyNames());
		}
	}

	/** What did not match, one line each (empty when all did). */
	public List<String> failures() {
		return List.copyOf(this.failures);
	}

	/** Each operation and status seen, as "METHOD template status". */
	public Set<String> seen() {
		return Set.copyOf(this.seen);
	}

	private interface OperationVisitor {

		void visit(String method, String path, JsonNode operation);

	}

	private void operations(OperationVisitor visitor) {
		for (Map.Entry<String, JsonNode> path : this.document.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				if (Set.of("get", "put", "post", "delete", "patch").contains(operation.getKey())) {
					visitor.visit(operation.getKey(), path.getKey(), operation.getValue());
				}
			}
		}
	}

	private static int literalLength(String template) {
		return template.replaceAll("\\{[^}]+}", "").length();
	}

	private static String abbreviated(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "..." : text;
	}

}
