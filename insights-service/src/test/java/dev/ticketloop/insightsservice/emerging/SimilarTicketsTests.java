package dev.ticketloop.insightsservice.emerging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.ticketloop.insightsservice.emerging.SimilarTickets.Group;
import dev.ticketloop.insightsservice.emerging.SimilarTickets.Text;
import dev.ticketloop.platform.text.TextAnalysis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimilarTicketsTests {

	private static final Instant AT = Instant.parse("2027-03-10T12:00:00Z");

	private final List<Text> texts = new ArrayList<>();

	private void text(String id, String language, String words) {
		this.texts.add(new Text(id, AT.plusSeconds(this.texts.size()), TextAnalysis.terms(words, language)));
	}

	@Test
	void tickets_that_say_the_same_thing_in_other_words_are_one_group_and_the_others_are_not() {
		text("crash-1", "en", "The app crashes when I upload a photo");
		text("crash-2", "en", "App crashed uploading photos from my gallery");
		text("crash-3", "en", "Every time I upload photos the app crashes");
		text("crash-4", "en", "uploading a photo makes the app crash");
		text("password", "en", "How do I reset my password?");
		text("invoice", "en", "Where can I download last month's invoice as PDF?");
		text("es-1", "es", "La aplicación se cierra al subir una foto");
		text("es-2", "es", "Se cierra la aplicación cuando subo fotos");
		text("zh-1", "zh", "上传照片时应用崩溃");
		text("zh-2", "zh", "应用在上传照片的时候崩溃了");
		List<Group> groups = SimilarTickets.group(this.texts, 0.25, 5);
		assertThat(groupOf(groups, "crash-1")).containsExactly("crash-1", "crash-2", "crash-3", "crash-4");
		assertThat(groupOf(groups, "password")).containsExactly("password");
		assertThat(groupOf(groups, "invoice")).containsExactly("invoice");
		assertThat(groupOf(groups, "es-1")).containsExactly("es-1", "es-2");
		assertThat(groupOf(groups, "zh-1")).containsExactly("zh-1", "zh-2");
		Group crash = groups.stream().filter((g) -> g.tickets().get(0).ticketId().equals("crash-1")).findFirst().get();
		assertThat(crash.terms()).contains("crash", "upload");
	}

	@Test
	void nothing_to_group_is_no_group() {
		text("empty", "en", "the of and");
		assertThat(SimilarTickets.group(this.texts, 0.25, 5)).isEmpty();
		assertThat(SimilarTickets.group(List.of(), 0.25, 5)).isEmpty();
	}

	private static List<String> groupOf(List<Group> groups, String ticket) {
		return groups.stream()
			.filter((g) -> g.tickets().stream().anyMatch((t) -> t.ticketId().equals(ticket)))
			.findFirst()
			.orElseThrow()
			.tickets()
			.stream()
			.map(Text::ticketId)
			.toList();
	}

}
