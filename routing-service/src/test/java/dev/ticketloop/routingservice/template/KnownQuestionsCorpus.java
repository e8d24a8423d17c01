package dev.ticketloop.routingservice.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The labelled corpus of known questions: the 22 templates of the seed library
 * ({@code templates/seed-library.json}), and ({@code known-questions/} in the test
 * resources) per language (en, es, zh) 160 tickets, each with the template that answers
 * it or none (bug reports, complaints, near misses, several questions). Tickets with an
 * odd number are the calibration half (thresholds are chosen on it), the even ones the
 * held-out half (figures are reported on it).
 */
public final class KnownQuestionsCorpus {

	public static final List<String> LANGUAGES = List.of("en", "es", "zh");

	/** One labelled ticket; {@code expected} null when no template may answer it. */
	public record Ticket(String id, String language, String subject, String body, String expected, String kind) {

		public boolean calibration() {
			return Integer.parseInt(this.id.substring(this.id.indexOf('-') + 1)) % 2 == 1;
		}

		public String text() {
			return this.subject + "\n" + this.body;
		}

	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private KnownQuestionsCorpus() {
	}

	/** The corpus's templates: the seed library, as live version 1 templates. */
	public static List<LiveTemplate> templates() {
		return SeedLibrary.shipped().stream().map((s) -> new LiveTemplate(s.id(), 1, s.content(), true)).toList();
	}

	public static List<Ticket> tickets() {
		List<Ticket> tickets = new ArrayList<>();
		for (String language : LANGUAGES) {
			for (String line : text("tickets-" + language + ".jsonl").split("\n")) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode t = JSON.readTree(line);
				tickets.add(new Ticket(t.get("id").asString(), t.get("language").asString(),
						t.get("subject").asString(), t.get("body").asString(),
						t.get("expected").isNull() ? null : t.get("expected").asString(), t.get("kind").asString()));
			}
		}
		return tickets;
	}

	private static String text(String name) {
		try (InputStream in = KnownQuestionsCorpus.class.getResourceAsStream("/known-questions/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
