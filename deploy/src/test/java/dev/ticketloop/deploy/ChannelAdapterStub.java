package dev.ticketloop.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A channel adapter's callback (chat, app or social): a real HTTP server on loopback that
 * accepts every notification webhook and keeps what it received.
 */
final class ChannelAdapterStub implements AutoCloseable {

	private final HttpServer server;

	private final List<JsonNode> received = new CopyOnWriteArrayList<>();

	private final List<String> signatures = new CopyOnWriteArrayList<>();

	private final List<String> traceparents = new CopyOnWriteArrayList<>();

	private volatile boolean refusing;

	ChannelAdapterStub() throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			if (this.refusing) {
				// a refusal for good: notification-service gives the notification up
				exchange.getRequestBody().readAllBytes();
				exchange.sendResponseHeaders(410, -1);
				exchange.close();
				return;
			}
			try (InputStream in = exchange.getRequestBody()) {
				JsonNode notification = json.readTree(in.readAllBytes());
				this.traceparents.add(notification.path("id").asString() + " "
						+ exchange.getRequestHeaders().getFirst("traceparent"));
				this.received.add(notification);
			}
			this.signatures.add(exchange.getRequestHeaders().getFirst("Ticketloop-Signature"));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.server.start();
	}

	/**
	 * A stub registered with notification-service as the chat channel's webhook, by the
	 * chat adapter's key.
	 */
	static ChannelAdapterStub registeredForChat(String notificationServiceUrl, String chatAdapterKey) throws Exception {
		ChannelAdapterStub stub = new ChannelAdapterStub();
		HttpResponse<String> registered = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(notificationServiceUrl + "/webhooks/chat"))
				.header("Content-Type", "application/json")
				.header("X-Api-Key", chatAdapterKey)
				.PUT(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + stub.url() + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (registered.statusCode() != 201) {
			stub.close();
			throw new IllegalStateException(
					"The webhook was not registered: " + registered.statusCode() + " " + registered.body());
		}
		return stub;
	}

	/** From now on, answers every webhook 410 Gone (true) or accepts it again (false). */
	void refuse(boolean refusing) {
		this.refusing = refusing;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/notifications";
	}

	/** The notifications received about one ticket, in order. */
	List<JsonNode> about(String ticketId) {
		return this.received.stream().filter((m) -> ticketId.equals(m.get("ticketId").asString())).toList();
	}

	/** The {@code traceparent} header of the webhook call that brought a notification. */
	String traceparentOf(JsonNode notification) {
		String prefix = notification.path("id").asString() + " ";
		return this.traceparents.stream()
			.filter((t) -> t.startsWith(prefix))
			.map((t) -> t.substring(prefix.length()))
			.findFirst()
			.orElse(null);
	}

	List<String> signatures() {
		return List.copyOf(this.signatures);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
