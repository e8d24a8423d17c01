package dev.ticketloop.routingservice.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A seed library as a JSON array of templates, each {@code {id, title, category,
 * questions: {lang: [..]}, answers: {lang: ..}}}: the shape {@code POST /templates}
 * takes.
 */
public final class SeedLibrary {

	private SeedLibrary() {
	}

	public static List<TemplateSettings.Seed> read(InputStream in) {
		try {
			List<TemplateSettings.Seed> seeds = new ArrayList<>();
			for (JsonNode t : JsonMapper.builder().build().readTree(in)) {
				Map<String, List<String>> questions = new LinkedHashMap<>();
				if (t.has("questions")) {
					t.get("questions")
						.properties()
						.forEach((e) -> questions.put(e.getKey(),
								e.getValue().valueStream().map(JsonNode::asString).toList()));
				}
				Map<String, String> answers = new LinkedHashMap<>();
				t.get("answers").properties().forEach((e) -> answers.put(e.getKey(), e.getValue().asString()));
				seeds.add(new TemplateSettings.Seed(t.get("id").asString(), t.get("title").asString(),
						t.has("category") ? t.get("category").asString() : null, questions, answers));
			}
			return seeds;
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The seed library is not a JSON array of templates: " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * The seed library shipped with the service ({@code templates/seed-library.json}).
	 */
	public static List<TemplateSettings.Seed> shipped() {
		try (InputStream in = SeedLibrary.class.getResourceAsStream("/templates/seed-library.json")) {
			return read(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
