package dev.ticketloop.notificationservice.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A channel adapter's callback endpoint: a real HTTP server on loopback that records
 * every request and answers with the status codes the test scripts (200 once the script
 * is used up).
 */
public final class CallbackReceiver implements AutoCloseable {

	/** One request as the adapter received it. */
	public record Received(String path, Map<String, List<String>> headers, byte[] body) {

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.map((e) -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Deque<Integer> script = new ArrayDeque<>();

	private final Map<String, Integer> byContent = new java.util.HashMap<>();

	public CallbackReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			this.received
				.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
			int status;
			synchronized (this.script) {
				String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
				String rule = this.byContent.keySet().stream().filter(text::contains).findFirst().orElse(null);
				if (rule != null) {
					status = this.byContent.remove(rule);
				}
				else {
					status = this.script.isEmpty() ? 200 : this.script.poll();
				}
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.server.start();
	}

	/**
	 * The next request whose body contains the text is answered with this status
	 * (whatever else is scripted): for a test that must not depend on which callback
	 * comes first.
	 */
	public void answerWhenBodyContains(String text, int status) {
		synchronized (this.script) {
			this.byContent.put(text, status);
		}
	}

	/** The next requests are answered with these statuses, in order. */
	public void answerNext(Integer... statuses) {
		synchronized (this.script) {
			this.script.addAll(List.of(statuses));
		}
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	public List<Received> received(String path) {
		return this.received.stream().filter((r) -> r.path().equals(path)).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
