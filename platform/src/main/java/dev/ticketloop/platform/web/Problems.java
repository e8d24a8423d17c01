package dev.ticketloop.platform.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details: the type every status gets when no handler names a more
 * precise one, and problems written where no controller advice reaches (filters, the
 * servlet container).
 */
public final class Problems {

	/** The base of every problem type. */
	public static final String TYPE_BASE = "https://ticketloop.dev/problems/";

	private static final Map<Integer, String> TYPE_BY_STATUS = Map.ofEntries(Map.entry(400, "invalid-request"),
			Map.entry(401, "unauthorized"), Map.entry(403, "forbidden"), Map.entry(404, "not-found"),
			Map.entry(405, "method-not-allowed"), Map.entry(406, "not-acceptable"), Map.entry(408, "request-timeout"),
			Map.entry(409, "conflict"), Map.entry(413, "payload-too-large"), Map.entry(414, "uri-too-long"),
			Map.entry(415, "unsupported-media-type"), Map.entry(422, "unprocessable-content"),
			Map.entry(429, "too-many-requests"), Map.entry(431, "headers-too-large"), Map.entry(500, "internal-error"),
			Map.entry(501, "not-implemented"), Map.entry(503, "unavailable"),
			Map.entry(505, "http-version-not-supported"));

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		return problem;
	}

	/** The type of a problem no handler named a more precise one for. */
	public static URI typeFor(int status) {
		return URI.create(TYPE_BASE + TYPE_BY_STATUS.getOrDefault(status, "http-" + status));
	}

	/** Writes a small problem document, with the request's path as its instance. */
	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
			String detail) throws IOException {
		write(response, status.value(), status.getReasonPhrase(), TYPE_BASE + type, detail,
				instanceOf(request.getRequestURI()));
	}

	/**
	 * Writes a problem document without needing a JSON mapper (nor a Spring context: the
	 * servlet container writes with it too).
	 * @param instance the request's path, or null when it is not a valid URI reference
	 */
	public static void write(HttpServletResponse response, int status, String title, String type, String detail,
			String instance) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(json(status, title, type, detail, instance));
	}

	static String json(int status, String title, String type, String detail, String instance) {
		return "{\"type\":\"" + escape(type) + "\",\"title\":\"" + escape(title) + "\",\"status\":" + status
				+ ",\"detail\":\"" + escape(detail) + "\""
				+ ((instance != null) ? ",\"instance\":\"" + escape(instance) + "\"" : "") + "}";
	}

	/** The path as a problem's instance, when it is a valid URI reference. */
	static String instanceOf(String path) {
		if (path == null) {
			return null;
		}
		try {
			return new URI(path).isAbsolute() ? null : path;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

}
