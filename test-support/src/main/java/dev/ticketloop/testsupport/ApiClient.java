package dev.ticketloop.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Calls a service's REST API over real HTTP as a channel adapter, agent or operator
 * would: a JSON body if there is one, the API key if there is one.
 */
public final class ApiClient {

	private final HttpClient http;

	private final String baseUrl;

	/**
	 * @param baseUrl what paths are relative to ({@code ""} for absolute URLs)
	 */
	public ApiClient(HttpClient http, String baseUrl) {
		this.http = http;
		this.baseUrl = baseUrl;
	}

	public HttpResponse<String> send(String method, String path, String body, String key)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (key != null) {
			request.header("X-Api-Key", key);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
