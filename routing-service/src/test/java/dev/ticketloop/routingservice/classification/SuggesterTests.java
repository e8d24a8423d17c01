package dev.ticketloop.routingservice.classification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.ticketloop.routingservice.template.AutoAnswerGuard;
import dev.ticketloop.routingservice.template.LiveTemplate;
import dev.ticketloop.routingservice.template.MatchCalibration;
import dev.ticketloop.routingservice.template.TemplateContent;
import dev.ticketloop.routingservice.template.TemplateMatcher;
import dev.ticketloop.routingservice.template.TemplateSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suggestions on a small corpus checked in with the tests
 * ({@code suggestions/known-issues.tsv} and the templates below): each ticket of
 * {@code suggestions/tickets.csv} must get its expected best match and action.
 */
class SuggesterTests {

	private static final List<LiveTemplate> TEMPLATES = List
		.of(new LiveTemplate("reset-password", 1,
				new TemplateContent("Reset a forgotten password", "login", null, Map.of(
						"en", List.of("I forgot my password", "reset password", "cannot log in"), "es", List
							.of("Olvidé mi contraseña", "restablecer contraseña", "no puedo iniciar sesión"),
						"zh", List.of("忘记密码", "重置密码", "无法登录")),
						Map.of("en",
								"On the sign-in page choose Forgot password, enter your e-mail address and follow the link.",
								"es",
								"En la página de inicio de sesión elija ¿Olvidó su contraseña?, escriba su correo y siga el enlace.",
								"zh", "在登录页面选择“忘记密码？”，输入您的电子邮件地址，然后点击链接。")),
				true),
				new LiveTemplate("export-formats", 1, new TemplateContent("Which export formats are available",
						"export", null,
						Map.of("en", List.of("Which export formats are available?", "Can I export to Excel?"), "es",
								List.of("¿Qué formatos de exportación hay?", "¿Puedo exportar a Excel?")),
						Map.of("en", "Reports can be exported as CSV, XLSX and PDF from the Export button.", "es",
								"Los informes se pueden exportar en CSV, XLSX y PDF con el botón Exportar.")),
						true));

	private Suggester suggester;

	@BeforeEach
	void corpus() throws IOException {
		TemplateMatcher matcher = TemplateSettings.Matching.WORDS_AND_MEANING.matcher();
		matcher.accept(TEMPLATES);
		this.suggester = new Suggester(new KnowledgeIndex(), new SuggestionSettings(0.25, 0.6), matcher,
				new AutoAnswerGuard(matcher), MatchCalibration.shipped(TemplateSettings.Matching.WORDS_AND_MEANING),
				0.95, 0.15);
		try (InputStream in = getClass().getResourceAsStream("/suggestions/known-issues.tsv")) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] f = line.split("\t");
				this.suggester.knownIssue(f[0], f[1], f[2], f[3].equals("open"));
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvFileSource(resources = "/suggestions/tickets.csv", delimiter = '|', numLinesToSkip = 1)
	void a_ticket_gets_its_best_match_and_the_right_action(String subject, String body, String language,
			String expectedRef, String expectedAction) {
		List<Suggestion> suggestions = this.suggester.suggest(subject, body, language);

		if (expectedRef.equals("-")) {
			assertThat(suggestions).as("nothing alike").isEmpty();
			return;
		}
		assertThat(suggestions).as(subject).isNotEmpty();
		// known issues come first, then templates, each kind best first
		Suggestion best = suggestions.stream()
			.filter((x) -> x.kind().equals(expectedRef.startsWith("ISS-") ? "known-issue" : "template"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no suggestion of the expected kind: " + suggestions));
		assertThat(best.ref()).as("best match of: " + subject + " " + suggestions).isEqualTo(expectedRef);
		assertThat(best.action()).as("action for: " + subject + " " + suggestions).isEqualTo(expectedAction);
	}

	@Test
	void an_automatic_answer_is_in_the_customers_language() {
		List<Suggestion> spanish = this.suggester.suggest("Olvidé mi contraseña",
				"Olvidé mi contraseña y no puedo restablecer contraseña", "es");
		assertThat(spanish.get(0).answer()).startsWith("En la página de inicio de sesión");
		List<Suggestion> french = this.suggester.suggest("Forgot password", "I forgot password, reset password please",
				"fr");
		assertThat(french.get(0).ref()).isEqualTo("reset-password");
		assertThat(french.get(0).action()).as("no answer in French: only suggested").isEqualTo("suggest");
	}

	@Test
	void at_most_one_automatic_action_per_ticket_and_scores_between_0_and_1() {
		List<Suggestion> suggestions = this.suggester.suggest("XLSX export does nothing",
				"The export button has no effect for XLSX. Which export formats are available?", "en");
		assertThat(suggestions.stream().filter((s) -> !s.action().equals("suggest")).count()).isLessThanOrEqualTo(1);
		assertThat(suggestions).allSatisfy((s) -> assertThat(s.score()).isBetween(0.0, 1.0));
	}

	@Test
	void a_settled_issue_is_still_suggested_but_never_linked() {
		this.suggester.issueSettled("ISS-EXPORT-XLSX");
		List<Suggestion> suggestions = this.suggester.suggest("XLSX export does nothing",
				"The export button has no effect for XLSX files", "en");
		assertThat(suggestions.get(0).ref()).isEqualTo("ISS-EXPORT-XLSX");
		assertThat(suggestions.get(0).action()).isEqualTo("suggest");
	}

}
