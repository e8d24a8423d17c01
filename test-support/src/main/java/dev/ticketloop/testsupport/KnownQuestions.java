package dev.ticketloop.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The labelled tickets of the known-questions corpus ({@code known-questions/}): per
 * language (en, es, zh) 160 realistic tickets, 115 asking what one template of
 * routing-service's seed library answers (paraphrased, the template named), 45 that no
 * template may answer (bug reports, complaints, near misses, several questions at once).
 * Tickets with an odd number are the calibration half (thresholds are chosen on it), the
 * even ones the held-out half (figures are reported on it).
 */
public final class KnownQuestions {

	public static final List<String> LANGUAGES = List.of("en", "es", "zh");

	/**
	 * One labelled ticket.
	 *
	 * @param expected the template that answers it, null when none may
	 * @param kind {@code paraphrase}, {@code bug-report}, {@code complaint},
	 * {@code near-miss} or {@code multi-question}
	 */
	public record Ticket(String id, String language, String subject, String body, String expected, String kind) {

		/** Of the calibration half (odd numbers). */
		public boolean calibration() {
			return Integer.parseInt(this.id.substring(this.id.indexOf('-') + 1)) % 2 == 1;
		}

		public String text() {
			return this.subject + "\n" + this.body;
		}

	}

	private KnownQuestions() {
	}

	public static List<Ticket> tickets() {
		JsonMapper json = JsonMapper.builder().build();
		List<Ticket> tickets = new ArrayList<>();
		for (String language : LANGUAGES) {
			for (String line : text("tickets-" + language + ".jsonl").split("\n")) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode t = json.readTree(line);
				tickets.add(new Ticket(t.get("id").asString(), t.get("language").asString(),
						t.get("subject").asString(), t.get("body").asString(),
						t.get("expected").isNull() ? null : t.get("expected").asString(), t.get("kind").asString()));
			}
		}
		return List.copyOf(tickets);
	}

	private static String text(String name) {
		try (InputStream in = KnownQuestions.class.getResourceAsStream("/known-questions/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
