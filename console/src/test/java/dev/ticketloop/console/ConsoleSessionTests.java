package dev.ticketloop.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's sessions and its passage to the services, over real HTTP: a service
 * stand-in (a JDK HTTP server that knows three keys, as the services' {@code /me} does)
 * behind a running console.
 */
@Tag("integration")
class ConsoleSessionTests {

	private static final Map<String, String> KEYS = Map.of("agent-key-0000001", "{\"name\":\"ana\",\"role\":\"agent\"}",
			"engineering-key-01", "{\"name\":\"ci\",\"role\":\"engineering\"}", "adapter-key-00001",
			"{\"name\":\"mail\",\"role\":\"adapter\",\"channel\":\"email\"}");

	private static HttpServer service;

	private static ConfigurableApplicationContext console;

	private static String base;

	private static final Map<String, String> seenKeys = new ConcurrentHashMap<>();

	private static final CountDownLatch streamMayEnd = new CountDownLatch(1);

	@BeforeAll
	static void start() throws IOException {
		service = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		service.createContext("/", ConsoleSessionTests::serve);
		service.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
		service.start();
		String url = "http://localhost:" + service.getAddress().getPort();
		console = ConsoleApplication.builder()
			.run("--server.port=0", "--ticketloop.console.services.ticket=" + url,
					"--ticketloop.console.services.routing=" + url, "--ticketloop.console.session-lifetime=3s");
		base = "http://localhost:" + ((WebServerApplicationContext) console).getWebServer().getPort();
	}

	@AfterAll
	static void stop() {
		streamMayEnd.countDown();
		console.close();
		service.stop(0);
	}

	private static void serve(HttpExchange exchange) throws IOException {
		String key = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Api-Key")).orElse("");
		String path = exchange.getRequestURI().toString();
		seenKeys.put(path, key);
		exchange.getRequestBody().readAllBytes();
		if (path.equals("/me")) {
			String me = KEYS.get(key);
			respond(exchange, (me != null) ? 200 : 401, "application/json",
					(me != null) ? me : "{\"title\":\"Unauthorized\",\"status\":401}");
		}
		else if (path.startsWith("/queues/support/stream")) {
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write("event:queue\ndata:{\"n\":1}\n\n".getBytes(StandardCharsets.UTF_8));
				out.flush();
				streamMayEnd.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		else if (path.equals("/tickets/T-1/resolution")) {
			respond(exchange, 409, "application/problem+json",
					"{\"type\":\"https://ticketloop.dev/problems/invalid-state\",\"status\":409,\"detail\":\"not now\"}");
		}
		else {
			respond(exchange, 200, "application/json", "{\"path\":\"" + path + "\"}");
		}
	}

	private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** A browser: it keeps cookies and sends the CSRF cookie's token back as a header. */
	private static final class Browser {

		final CookieManager cookies = new CookieManager();

		final HttpClient http = HttpClient.newBuilder().cookieHandler(this.cookies).build();

		private final String origin;

		Browser() {
			this(base);
		}

		Browser(String origin) {
			this.origin = origin;
		}

		HttpResponse<String> send(String method, String path, String json, boolean withCsrf) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.origin + path))
				.method(method,
						(json != null) ? HttpRequest.BodyPublishers.ofString(json)
								: HttpRequest.BodyPublishers.noBody())
				.header("Accept", "application/json");
			if (json != null) {
				request.header("Content-Type", "application/json");
			}
			if (withCsrf) {
				cookie("XSRF-TOKEN").ifPresent((token) -> request.header("X-XSRF-TOKEN", token));
			}
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		Optional<String> cookie(String name) {
			return this.cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter((c) -> c.getName().equals(name))
				.map(HttpCookie::getValue)
				.findFirst();
		}

		HttpResponse<String> signIn(String key) throws Exception {
			send("GET", "/sign-in", null, false);
			return send("POST", "/session", "{\"key\":\"" + key + "\"}", true);
		}

	}

	@Test
	void a_person_signs_in_with_their_key_and_gets_an_http_only_strict_session_cookie() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> page = browser.send("GET", "/sign-in", null, false);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("sign-in-form");
		assertThat(browser.cookie("XSRF-TOKEN")).isPresent();

		HttpResponse<String> signedIn = browser.send("POST", "/session", "{\"key\":\"agent-key-0000001\"}", true);

		assertThat(signedIn.statusCode()).isEqualTo(200);
		assertThat(signedIn.body()).contains("\"name\":\"ana\"", "\"role\":\"agent\"", "\"queue\"");
		List<String> setCookies = signedIn.headers().allValues("Set-Cookie");
		assertThat(setCookies).anySatisfy((
				c) -> assertThat(c).startsWith("TICKETLOOP_SESSION=").contains("HttpOnly").contains("SameSite=Strict"));
		assertThat(browser.send("GET", "/session", null, false).body()).contains("\"name\":\"ana\"");
	}

	@Test
	void a_sign_in_without_the_csrf_token_is_refused_as_a_problem() throws Exception {
		Browser browser = new Browser();
		browser.send("GET", "/sign-in", null, false);

		HttpResponse<String> refused = browser.send("POST", "/session", "{\"key\":\"agent-key-0000001\"}", false);

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));
		assertThat(refused.body()).contains("problems/csrf");
		assertThat(browser.cookie("TICKETLOOP_SESSION")).isEmpty();
	}

	@Test
	void a_wrong_key_and_a_channel_adapters_key_cannot_sign_in() throws Exception {
		HttpResponse<String> wrong = new Browser().signIn("no-such-key-000001");
		HttpResponse<String> adapter = new Browser().signIn("adapter-key-00001");

		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.body()).contains("sign-in-refused").doesNotContain("no-such-key");
		assertThat(adapter.statusCode()).isEqualTo(403);
		assertThat(adapter.body()).contains("channel adapter");
	}

	/**
	 * An address that failed as often as allowed is refused before any key is checked,
	 * even a good one, and told when to try again. A console of its own: the other tests
	 * sign in from the same address.
	 */
	@Test
	void an_address_that_fails_too_often_is_refused_for_a_while() throws Exception {
		String url = "http://localhost:" + service.getAddress().getPort();
		try (ConfigurableApplicationContext strict = ConsoleApplication.builder()
			.run("--server.port=0", "--ticketloop.console.services.ticket=" + url,
					"--ticketloop.console.failed-sign-ins=3", "--ticketloop.console.failed-sign-in-window=1h")) {
			String strictBase = "http://localhost:" + ((WebServerApplicationContext) strict).getWebServer().getPort();
			for (int i = 0; i < 3; i++) {
				assertThat(new Browser(strictBase).signIn("no-such-key-00000" + i).statusCode()).isEqualTo(401);
			}
			HttpResponse<String> refused = new Browser(strictBase).signIn("agent-key-0000001");
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Content-Type"))
				.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));
			assertThat(refused.body()).contains("too-many-sign-ins").doesNotContain("agent-key");
			assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
					(seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, Duration.ofHours(1).toSeconds()));
		}
		assertThat(new Browser().signIn("agent-key-0000001").statusCode()).as("the shared console's own count")
			.isEqualTo(200);
	}

	@Test
	void calls_pass_to_the_service_with_the_persons_key_and_its_problems_come_back_as_they_were() throws Exception {
		Browser browser = new Browser();
		browser.signIn("agent-key-0000001");

		HttpResponse<String> read = browser.send("GET", "/api/ticket/tickets/T-1?x=1", null, false);
		HttpResponse<String> refused = browser.send("POST", "/api/ticket/tickets/T-1/resolution",
				"{\"resolution\":\"done\"}", true);
		HttpResponse<String> withoutCsrf = browser.send("POST", "/api/ticket/tickets/T-1/replies", "{\"body\":\"hi\"}",
				false);
		HttpResponse<String> noService = browser.send("GET", "/api/billing/invoices", null, false);
		HttpResponse<String> tooLarge = browser.send("POST", "/api/ticket/tickets/T-2/replies",
				"{\"body\":\"" + "x".repeat(ApiPassage.MAX_BODY) + "\"}", true);

		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).contains("/tickets/T-1?x=1");
		assertThat(seenKeys.get("/tickets/T-1?x=1")).isEqualTo("agent-key-0000001");
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("invalid-state", "not now");
		assertThat(withoutCsrf.statusCode()).isEqualTo(403);
		assertThat(seenKeys).doesNotContainKey("/tickets/T-1/replies");
		assertThat(noService.statusCode()).isEqualTo(404);
		assertThat(noService.body()).contains("problems/not-found");
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(tooLarge.body()).contains("problems/request-too-large");
		assertThat(seenKeys).doesNotContainKey("/tickets/T-2/replies");
	}

	@Test
	void without_a_session_pages_send_to_the_sign_in_and_calls_answer_401() throws Exception {
		Browser browser = new Browser();

		HttpResponse<String> page = browser.send("GET", "/queue", null, false);
		HttpResponse<String> call = browser.send("GET", "/api/ticket/tickets/T-1", null, false);

		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/sign-in?next=%2Fqueue"));
		assertThat(call.statusCode()).isEqualTo(401);
		assertThat(call.body()).contains("problems/unauthorized");
	}

	@Test
	void a_role_sees_no_page_that_is_not_for_it() throws Exception {
		Browser engineering = new Browser();
		engineering.signIn("engineering-key-01");

		HttpResponse<String> queue = engineering.send("GET", "/queue", null, false);
		HttpResponse<String> session = engineering.send("GET", "/session", null, false);

		assertThat(queue.statusCode()).isEqualTo(403);
		assertThat(queue.body()).contains("forbidden.title").doesNotContain("id=\"queue\"");
		assertThat(session.body()).doesNotContain("\"queue\"");
	}

	@Test
	void signing_out_ends_the_session() throws Exception {
		Browser browser = new Browser();
		browser.signIn("agent-key-0000001");

		HttpResponse<String> out = browser.send("DELETE", "/session", null, true);
		HttpResponse<String> after = browser.send("GET", "/api/ticket/tickets/T-1", null, false);

		assertThat(out.statusCode()).isEqualTo(204);
		assertThat(after.statusCode()).isEqualTo(401);
	}

	@Test
	void a_session_ends_after_its_lifetime_however_active() throws Exception {
		Browser browser = new Browser();
		browser.signIn("agent-key-0000001");
		for (int i = 0; i < 2; i++) {
			assertThat(browser.send("GET", "/api/ticket/tickets/T-1", null, false).statusCode()).isEqualTo(200);
			Thread.sleep(1_000);
		}
		Thread.sleep(1_500);

		assertThat(browser.send("GET", "/api/ticket/tickets/T-1", null, false).statusCode()).isEqualTo(401);
	}

	@Test
	void an_event_stream_reaches_the_browser_while_the_service_still_streams() throws Exception {
		Browser browser = new Browser();
		browser.signIn("agent-key-0000001");
		// the headers within 5 s, while the service still streams (a console that
		// buffered
		// the answer would send them when the service ends, 20 s later)
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/routing/queues/support/stream"))
			.header("Accept", "text/event-stream")
			.timeout(Duration.ofSeconds(5))
			.build();

		HttpResponse<InputStream> stream = browser.http.send(request, HttpResponse.BodyHandlers.ofInputStream());

		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("text/event-stream"));
		byte[] first = new byte[64];
		int read = readWithin(stream.body(), first, Duration.ofSeconds(5));
		assertThat(new String(first, 0, read, StandardCharsets.UTF_8)).contains("event:queue");
		stream.body().close();
	}

	private static int readWithin(InputStream in, byte[] into, Duration within) throws Exception {
		var reading = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
			try {
				return in.read(into);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		return reading.get(within.toMillis(), TimeUnit.MILLISECONDS);
	}

}
