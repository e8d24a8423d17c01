package dev.ticketloop.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code data:} lines of a server-sent events response as JSON, read on a thread of
 * their own as they come; closing stops reading.
 */
public final class ServerSentEvents implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

	private final InputStream body;

	private final Thread reader;

	private volatile RuntimeException failure;

	private ServerSentEvents(InputStream body) {
		this.body = body;
		this.reader = Thread.ofPlatform().daemon().name("sse-reader").start(this::read);
	}

	/** Starts reading the response's events. */
	public static ServerSentEvents of(HttpResponse<InputStream> response) {
		return new ServerSentEvents(response.body());
	}

	/**
	 * The next event's data, or null when none came within the time.
	 * @throws IllegalStateException when an event's data was not JSON
	 */
	public JsonNode next(Duration within) throws InterruptedException {
		JsonNode next = this.events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
		if (next == null && this.failure != null) {
			throw new IllegalStateException("An event's data was not JSON", this.failure);
		}
		return next;
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(this.body, StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith("data:")) {
					this.events.add(JSON.readTree(line.substring(5)));
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// the stream was closed
		}
		catch (RuntimeException ex) {
			this.failure = ex;
		}
	}

	@Override
	public void close() {
		this.reader.interrupt();
		try {
			this.body.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
