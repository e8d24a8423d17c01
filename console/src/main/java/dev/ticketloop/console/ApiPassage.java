package dev.ticketloop.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/<service>/<path>}: a call of a page passed to the service with the
 * signed-in person's key, and its answer passed back as it came (status, problem details,
 * JSON, CSV, server-sent events streamed as they arrive). The services decide what the
 * person may do, by the key's role, exactly as for any other client; the console only
 * adds the key and refuses what is not a call of one of its services.
 */
@RestController
class ApiPassage {

	/** Request headers passed to the service; the browser's cookies never are. */
	private static final List<String> REQUEST_HEADERS = List.of("Accept", "Content-Type", "Accept-Language",
			"Idempotency-Key", "If-Match", "If-None-Match", "Last-Event-ID", "traceparent");

	/** Response headers passed back. */
	private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Content-Disposition", "ETag",
			"Retry-After", "Cache-Control");

	private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

	/** The largest body a page sends (a reply, a template: well under it). */
	static final int MAX_BODY = 1024 * 1024;

	private final Upstreams upstreams;

	private final ConsoleProperties properties;

	/**
	 * The services' answers being passed: closed at a stop, which ends their requests.
	 */
	private final Set<InputStream> open = ConcurrentHashMap.newKeySet();

	ApiPassage(Upstreams upstreams, ConsoleProperties properties) {
		this.upstreams = upstreams;
		this.properties = properties;
	}

	/**
	 * Passes the call on the request's thread (a virtual thread: a stream held open for
	 * minutes costs no platform thread), writing what arrives as it arrives.
	 */
	@RequestMapping("/api/{service}/**")
	void pass(@PathVariable String service, HttpServletRequest request, HttpServletResponse response,
			@AuthenticationPrincipal ConsoleUser user) throws IOException {
		URI base = this.upstreams.service(service)
			.orElseThrow(() -> new ConsoleProblems.Refused(HttpStatus.NOT_FOUND, "not-found",
					"There is no service called that behind the console."));
		if (user.key() == null) {
			throw new ConsoleProblems.Refused(HttpStatus.UNAUTHORIZED, "session-expired",
					"Your session has ended; sign in again.");
		}
		String prefix = request.getContextPath() + "/api/" + service;
		String path = request.getRequestURI().substring(prefix.length());
		if (path.isEmpty()) {
			path = "/";
		}
		String query = request.getQueryString();
		URI target = URI.create(base.toString().replaceAll("/$", "") + path + ((query != null) ? "?" + query : ""));
		boolean stream = accepts(request, MediaType.TEXT_EVENT_STREAM_VALUE);
		HttpRequest.Builder call = HttpRequest.newBuilder(target).header(Upstreams.API_KEY, user.key());
		if (!stream) {
			call.timeout(this.properties.upstreamTimeout());
		}
		for (String name : REQUEST_HEADERS) {
			String value = request.getHeader(name);
			if (value != null) {
				call.header(name, value);
			}
		}
		String method = request.getMethod();
		call.method(method, WITH_BODY.contains(method) ? HttpRequest.BodyPublishers.ofByteArray(body(request))
				: HttpRequest.BodyPublishers.noBody());
		HttpResponse<InputStream> answer;
		try {
			answer = this.upstreams.http().send(call.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			throw new Upstreams.UpstreamUnavailable(service);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Upstreams.UpstreamUnavailable(service);
		}
		response.setStatus(answer.statusCode());
		for (String name : RESPONSE_HEADERS) {
			answer.headers().allValues(name).forEach((v) -> response.addHeader(name, v));
		}
		boolean events = answer.headers()
			.firstValue("Content-Type")
			.map((t) -> t.startsWith(MediaType.TEXT_EVENT_STREAM_VALUE))
			.orElse(false);
		if (events) {
			response.setHeader("X-Accel-Buffering", "no");
			response.setHeader("Cache-Control", "no-store");
			// the headers at once: the browser's EventSource is open from here
			response.flushBuffer();
		}
		InputStream body = answer.body();
		this.open.add(body);
		try {
			copy(body, response.getOutputStream(), events);
		}
		finally {
			this.open.remove(body);
		}
	}

	/**
	 * A stop ends the streams passed through (a browser's EventSource connects again).
	 */
	@PreDestroy
	void closeStreams() {
		for (InputStream body : this.open) {
			try {
				body.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

	/** A page's request body, at most {@link #MAX_BODY} bytes (a 413 beyond). */
	private static byte[] body(HttpServletRequest request) throws IOException {
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			throw new ConsoleProblems.Refused(HttpStatus.CONTENT_TOO_LARGE, "request-too-large",
					"The request's body is larger than " + (MAX_BODY / 1024) + " KB.");
		}
		return body;
	}

	private static boolean accepts(HttpServletRequest request, String type) {
		String accept = request.getHeader("Accept");
		return accept != null && accept.contains(type);
	}

	/**
	 * Copies the service's answer; an event stream is flushed at every read, so each
	 * event reaches the browser when it comes. The service's connection is closed when
	 * the browser goes away (its stream ends there too).
	 */
	private static void copy(InputStream in, OutputStream out, boolean flushEachRead) throws IOException {
		try (in) {
			byte[] buffer = new byte[8192];
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
				if (flushEachRead) {
					out.flush();
				}
			}
			out.flush();
		}
	}

}
