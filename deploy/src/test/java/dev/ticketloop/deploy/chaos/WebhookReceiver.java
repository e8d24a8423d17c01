package dev.ticketloop.deploy.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A channel adapter's callback endpoint: a real HTTP server on loopback that accepts and
 * records every webhook notification-service sends it.
 */
final class WebhookReceiver implements AutoCloseable {

	/**
	 * One webhook as received.
	 *
	 * @param delivery the {@code Ticketloop-Delivery} header, the same on every attempt
	 * @param notification the notification's id (ticket, reason and cause)
	 */
	record Received(String delivery, String notification, String ticket) {
	}

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final JsonMapper json = JsonMapper.builder().build();

	WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().factory()));
		this.server.createContext("/hook", (exchange) -> {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			JsonNode webhook = this.json.readTree(body);
			this.received.add(new Received(exchange.getRequestHeaders().getFirst("Ticketloop-Delivery"),
					webhook.path("id").asString(), webhook.path("ticketId").asString()));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
