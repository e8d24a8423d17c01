package dev.ticketloop.deploy.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chaos suite's clients of the services, as channel adapters, agents and engineering
 * call them while instances die: a correct request is sent again (to the next instance)
 * until it gets an answer; every 5xx answer is counted (there must be none), as are the
 * attempts that met a dead instance.
 */
final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final AtomicLong calls = new AtomicLong();

	private final AtomicLong unreachable = new AtomicLong();

	private final Map<String, AtomicInteger> serverErrors = new ConcurrentHashMap<>();

	private final AtomicInteger next = new AtomicInteger();

	/** An answer: its status and its JSON body (null when it has none). */
	record Answer(int status, JsonNode body, String text) {

		String field(String name) {
			return this.body.path(name).asString();
		}

	}

	/**
	 * Sends a correct request to one of the instances until one answers (the next one
	 * after a connection failure), for at most {@code patience}; answers 5xx are counted
	 * and sent again too.
	 */
	Answer call(List<String> instances, String method, String path, String body, String key,
			Map<String, String> headers, Duration patience) throws InterruptedException {
		long deadline = System.nanoTime() + patience.toNanos();
		int start = Math.floorMod(this.next.getAndIncrement(), instances.size());
		for (int attempt = 0;; attempt++) {
			String base = instances.get((start + attempt) % instances.size());
			this.calls.incrementAndGet();
			try {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
					.timeout(Duration.ofSeconds(30))
					.method(method,
							(body != null) ? HttpRequest.BodyPublishers.ofString(body)
									: HttpRequest.BodyPublishers.noBody())
					.header("X-Api-Key", key);
				if (body != null) {
					request.header("Content-Type", "application/json");
				}
				headers.forEach(request::header);
				HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() < 500) {
					JsonNode json = response.body().isBlank() ? null : JSON.readTree(response.body());
					return new Answer(response.statusCode(), json, response.body());
				}
				this.serverErrors
					.computeIfAbsent(method + " " + template(path) + " " + response.statusCode(),
							(k) -> new AtomicInteger())
					.incrementAndGet();
			}
			catch (IOException ex) {
				this.unreachable.incrementAndGet();
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						method + " " + path + " got no answer but 5xx or failures for " + patience);
			}
			Thread.sleep(250 + 250L * Math.min(attempt, 8));
		}
	}

	Answer call(List<String> instances, String method, String path, String body, String key)
			throws InterruptedException {
		return call(instances, method, path, body, key, Map.of(), Duration.ofMinutes(3));
	}

	/** The path with ids taken out, so that errors group by endpoint. */
	private static String template(String path) {
		return path.replaceAll("/[0-9a-f]{8}-[0-9a-f-]{27}", "/{id}")
			.replaceAll("/[A-Z][A-Z0-9_]{1,15}-[A-Z0-9]{1,24}", "/{key}");
	}

	long calls() {
		return this.calls.get();
	}

	long unreachable() {
		return this.unreachable.get();
	}

	/** Answers 5xx by endpoint and status. */
	Map<String, Integer> serverErrors() {
		Map<String, Integer> errors = new java.util.TreeMap<>();
		this.serverErrors.forEach((k, v) -> errors.put(k, v.get()));
		return errors;
	}

	int serverErrorCount() {
		return this.serverErrors.values().stream().mapToInt(AtomicInteger::get).sum();
	}

}
