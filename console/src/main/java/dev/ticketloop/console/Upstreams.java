package dev.ticketloop.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The services behind the console, called over HTTP with the signed-in person's key.
 */
@Component
class Upstreams {

	static final String API_KEY = "X-Api-Key";

	private final ConsoleProperties properties;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	Upstreams(ConsoleProperties properties) {
		this.properties = properties;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(3))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	HttpClient http() {
		return this.http;
	}

	/** The base URL of a service the console passes calls to, if it is one. */
	Optional<URI> service(String name) {
		return Optional.ofNullable(this.properties.services().get(name));
	}

	/**
	 * Who a key belongs to, as ticket-service knows it ({@code GET /me}).
	 * @return the person; empty when the key is not valid
	 * @throws UpstreamUnavailable when ticket-service does not answer
	 */
	Optional<ConsoleUser> whoIs(String key) {
		HttpRequest request = HttpRequest.newBuilder(this.properties.identityService().resolve("/me"))
			.timeout(Duration.ofSeconds(10))
			.header(API_KEY, key)
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UpstreamUnavailable("ticket");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UpstreamUnavailable("ticket");
		}
		if (response.statusCode() == 401) {
			return Optional.empty();
		}
		if (response.statusCode() != 200) {
			throw new UpstreamUnavailable("ticket");
		}
		JsonNode me = this.json.readTree(response.body());
		String role = me.path("role").asString("").toUpperCase(Locale.ROOT);
		if (role.equals("ADAPTER")) {
			throw new AdapterKey();
		}
		return Optional.of(new ConsoleUser(me.path("name").asString(), ConsoleUser.Role.valueOf(role), key));
	}

	/** A service did not answer. */
	static final class UpstreamUnavailable extends RuntimeException {

		private final String service;

		UpstreamUnavailable(String service) {
			super(service + "-service did not answer", null, false, false);
			this.service = service;
		}

		String service() {
			return this.service;
		}

	}

	/** A channel adapter's key, which cannot sign in to the console. */
	static final class AdapterKey extends RuntimeException {

		AdapterKey() {
			super("a channel adapter's key", null, false, false);
		}

	}

}
