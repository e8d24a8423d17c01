package dev.ticketloop.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's REST API as the tool calls it: JSON in and out, the operator's key, and
 * every refusal turned into a {@link Failure} with the exit code scripts rely on.
 */
final class Api {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String key;

	Api(String baseUrl, String key) {
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.key = key;
	}

	/** A value as one path segment (a stray '/' or space stays in its segment). */
	static String segment(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
	}

	JsonNode get(String path) {
		return send("GET", path, null);
	}

	JsonNode post(String path, String body) {
		return send("POST", path, body);
	}

	/**
	 * Copies a streamed answer (no time limit on the body) to {@code out}.
	 * @return the bytes copied
	 */
	long stream(String path, String accept, java.io.OutputStream out) {
		HttpRequest request = request("GET", path, null).header("Accept", accept).build();
		HttpResponse<java.io.InputStream> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (java.io.InputStream in = response.body()) {
				if (response.statusCode() >= 300) {
					fail(response.statusCode(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
				}
				return in.transferTo(out);
			}
		}
		catch (ConnectException | HttpTimeoutException ex) {
			throw new Failure(ExitCodes.UNAVAILABLE,
					"Cannot reach " + this.baseUrl + " (" + ex.getClass().getSimpleName() + ")");
		}
		catch (IOException ex) {
			throw new Failure(ExitCodes.UNAVAILABLE, "Reading from " + this.baseUrl + " failed: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Failure(ExitCodes.UNAVAILABLE, "Interrupted");
		}
	}

	private HttpRequest.Builder request(String method, String path, String body) {
		if (this.key == null || this.key.isBlank()) {
			throw new Failure(ExitCodes.USAGE, "No API key: pass --key or set TICKETLOOP_API_KEY.");
		}
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("X-Api-Key", this.key)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
	}

	private JsonNode send(String method, String path, String body) {
		HttpRequest.Builder request = request(method, path, body).timeout(Duration.ofSeconds(60))
			.header("Accept", "application/json");
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (ConnectException | HttpTimeoutException ex) {
			throw new Failure(ExitCodes.UNAVAILABLE,
					"Cannot reach " + this.baseUrl + " (" + ex.getClass().getSimpleName() + ")");
		}
		catch (IOException ex) {
			throw new Failure(ExitCodes.UNAVAILABLE, "Talking to " + this.baseUrl + " failed: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Failure(ExitCodes.UNAVAILABLE, "Interrupted");
		}
		int status = response.statusCode();
		JsonNode json = response.body().isBlank() ? JSON.nullNode() : parse(response.body());
		if (status >= 200 && status < 300) {
			return json;
		}
		throw failure(status, json, response.body());
	}

	private static void fail(int status, String body) {
		throw failure(status, body.isBlank() ? JSON.nullNode() : parse(body), body);
	}

	private static Failure failure(int status, JsonNode json, String body) {
		String detail = json.path("detail").asString(body);
		int code = switch (status) {
			case 401, 403 -> ExitCodes.DENIED;
			case 404 -> ExitCodes.NOT_FOUND;
			case 409 -> ExitCodes.REFUSED;
			default -> (status >= 500) ? ExitCodes.UNAVAILABLE : ExitCodes.USAGE;
		};
		return new Failure(code, status + " " + detail);
	}

	private static JsonNode parse(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (RuntimeException ex) {
			return JSON.getNodeFactory().stringNode(body);
		}
	}

	/** What went wrong, and the exit code it ends the tool with. */
	static final class Failure extends RuntimeException {

		final int exitCode;

		Failure(int exitCode, String message) {
			super(message);
			this.exitCode = exitCode;
		}

	}

}
