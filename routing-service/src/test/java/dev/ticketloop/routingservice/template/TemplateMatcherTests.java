package dev.ticketloop.routingservice.template;

import java.util.List;
import java.util.Map;

import dev.ticketloop.routingservice.template.TemplateMatcher.Candidate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matcher with sentence embeddings: the words choose the candidates, what the text
 * means scores them again.
 */
class TemplateMatcherTests {

	private static final List<LiveTemplate> LIBRARY = List.of(
			new LiveTemplate("reset-password", 1,
					new TemplateContent("Reset a forgotten password", "login", null,
							Map.of("en", List.of("I forgot my password", "How do I reset my password?"), "zh",
									List.of("忘记密码", "怎么重置密码")),
							Map.of("en", "On the sign-in page choose Forgot password and follow the link.", "zh",
									"在登录页面选择“忘记密码”，然后点击链接。")),
					true),
			new LiveTemplate("cancel-subscription", 1,
					new TemplateContent("Cancel a subscription", "billing", null,
							Map.of("en", List.of("How do I cancel my subscription?", "Stop my plan"), "zh",
									List.of("怎么取消订阅", "停止我的套餐")),
							Map.of("en", "Open Billing, choose your plan and Cancel subscription.", "zh",
									"打开账单，选择您的套餐，然后取消订阅。")),
					true));

	private static TemplateMatcher matcher(TemplateSettings.Matching matching) {
		TemplateMatcher matcher = matching.matcher();
		matcher.accept(LIBRARY);
		return matcher;
	}

	private static double score(TemplateMatcher matcher, String text, String language) {
		List<Candidate> ranked = matcher.rank(text, language, 3);
		assertThat(ranked).as(text).isNotEmpty();
		assertThat(ranked.get(0).template().id()).as(text).isEqualTo("reset-password");
		return ranked.get(0).score();
	}

	@Test
	void a_paraphrase_keeps_more_of_its_score_than_a_text_that_shares_the_words_but_not_the_meaning() {
		TemplateMatcher words = matcher(TemplateSettings.Matching.WORDS);
		TemplateMatcher meaning = matcher(TemplateSettings.Matching.WORDS_AND_MEANING);
		String paraphrase = "I can't remember my password, how can I reset it?";
		String offMeaning = "Your reset password page has a spelling mistake in the title, just so you know";

		double kept = score(meaning, paraphrase, "en") / score(words, paraphrase, "en");
		double keptOff = score(meaning, offMeaning, "en") / score(words, offMeaning, "en");

		assertThat(kept).isGreaterThan(keptOff).isLessThanOrEqualTo(1.0);
		assertThat(meaning.rank(paraphrase, "en", 3)).allSatisfy((c) -> assertThat(c.score()).isBetween(0.0, 1.0));
	}

	@Test
	void chinese_is_read_by_its_own_model() {
		TemplateMatcher words = matcher(TemplateSettings.Matching.WORDS);
		TemplateMatcher meaning = matcher(TemplateSettings.Matching.WORDS_AND_MEANING);
		String paraphrase = "我不记得密码了，怎么重置？";

		assertThat(score(meaning, paraphrase, "zh")).isGreaterThan(0).isLessThan(score(words, paraphrase, "zh"));
	}

	@Test
	void each_language_has_its_model_and_one_without_is_matched_by_its_words_alone() {
		SentenceEmbeddings embeddings = SentenceEmbeddings.shared();
		assertThat(embeddings.embed("忘记密码", "zh", false)).as("BGE-small-zh: 512 dimensions").hasSize(512);
		assertThat(embeddings.embed("I forgot my password", "en", false)).as("MiniLM: 384 dimensions").hasSize(384);
		assertThat(embeddings.embed("Olvidé mi contraseña", "es", false)).hasSize(384);
		assertThat(embeddings.reads("fr")).isFalse();

		List<LiveTemplate> french = List.of(new LiveTemplate("mot-de-passe", 1,
				new TemplateContent("Mot de passe oublié", "login", null,
						Map.of("fr", List.of("J'ai oublié mon mot de passe")),
						Map.of("fr", "Choisissez « Mot de passe oublié » sur la page de connexion.")),
				true));
		TemplateMatcher words = TemplateSettings.Matching.WORDS.matcher();
		words.accept(french);
		TemplateMatcher meaning = TemplateSettings.Matching.WORDS_AND_MEANING.matcher();
		meaning.accept(french);
		String ticket = "J'ai oublié mon mot de passe hier";
		assertThat(meaning.rank(ticket, "fr", 3)).isNotEmpty().isEqualTo(words.rank(ticket, "fr", 3));
	}

	@Test
	void meaning_only_scores_again_what_the_words_found_and_ranks_by_the_new_score() {
		TemplateMatcher meaning = matcher(TemplateSettings.Matching.WORDS_AND_MEANING);

		assertThat(meaning.rank("Bonjour, merci beaucoup", "en", 3)).as("no word of the library").isEmpty();
		assertThat(meaning.rank("I forgot my password", "fr", 3)).as("no template answers in French").isEmpty();
		List<Candidate> ranked = meaning.rank("How do I cancel my subscription or reset my password?", "en", 3);
		assertThat(ranked).extracting(Candidate::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
	}

}
