package dev.ticketloop.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a service the requests a newcomer, a scanner or a broken client sends (characters
 * a request target may not hold, encoded slashes, a NUL, unknown paths and methods, no
 * key, the wrong key, a value that does not convert) as raw HTTP, and checks that every
 * answer is RFC 9457 problem+json with the right status, a type and, where the path is
 * valid, the instance.
 */
public final class ErrorBodies {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int port;

	private final List<String> failures = new ArrayList<>();

	/** An answer: its status, headers (lower-case names) and body. */
	public record Answer(int status, Map<String, String> headers, String body) {

		public String contentType() {
			return this.headers.getOrDefault("content-type", "");
		}

	}

	public ErrorBodies(int port) {
		this.port = port;
	}

	/**
	 * Sends the request and records a failure unless the answer is a problem with this
	 * status (and with the request's path as instance when {@code instance} is set).
	 */
	public ErrorBodies expect(String method, String target, String key, int status, boolean instance) {
		try {
			Answer answer = send(method, target, key);
			String what = method + " " + target + (key == null ? " (no key)" : "") + ": ";
			if (answer.status() != status) {
				this.failures.add(what + "status " + answer.status() + ", expected " + status + ": " + answer.body());
				return this;
			}
			if (!answer.contentType().toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
				this.failures.add(what + "content type '" + answer.contentType() + "': " + abbreviated(answer.body()));
				return this;
			}
			JsonNode problem = JSON.readTree(answer.body());
			if (problem.path("status").asInt() != status) {
				this.failures.add(what + "the problem's status is " + problem.path("status"));
			}
			if (!problem.path("type").asString("").startsWith("https://ticketloop.dev/problems/")) {
				this.failures.add(what + "type " + problem.path("type"));
			}
			if (problem.path("title").asString("").isBlank() || problem.path("detail").asString("").isBlank()) {
				this.failures.add(what + "no title or detail: " + answer.body());
			}
			String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
			if (instance && !path.equals(problem.path("instance").asString(null))) {
				this.failures.add(what + "instance " + problem.path("instance") + ", expected " + path);
			}
			if (answer.body().contains("Exception") || answer.body().contains("\tat ")) {
				this.failures.add(what + "the body names an exception: " + answer.body());
			}
		}
		catch (IOException | RuntimeException ex) {
			this.failures.add(method + " " + target + ": " + ex);
		}
		return this;
	}

	/** What did not answer as expected, one line each. */
	public List<String> failures() {
		return List.copyOf(this.failures);
	}

	/**
	 * Sends one request as it is written, over a plain socket (no client would send it).
	 */
	public Answer send(String method, String target, String key) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
			request.append("Host: localhost:").append(this.port).append("\r\n");
			request.append("Accept: application/json\r\n");
			if (key != null) {
				request.append("X-Api-Key: ").append(key).append("\r\n");
			}
			if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
				request.append("Content-Type: application/json\r\nContent-Length: 2\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
				request.append("{}");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return parse(socket.getInputStream().readAllBytes());
		}
	}

	private static Answer parse(byte[] raw) throws IOException {
		String head = new String(raw, StandardCharsets.ISO_8859_1);
		int end = head.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new IOException("Not an HTTP answer: " + abbreviated(head));
		}
		String[] lines = head.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
					lines[i].substring(colon + 1).trim());
		}
		byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = unchunk(body);
		}
		return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] unchunk(byte[] chunked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = 0;
		while (at < chunked.length) {
			int lineEnd = at;
			while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
				lineEnd++;
			}
			String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
			int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
			if (size == 0) {
				break;
			}
			out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
			at = lineEnd + 2 + size + 2;
		}
		return out.toByteArray();
	}

	private static String abbreviated(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

}
