package dev.ticketloop.routingservice.classification;

import java.util.List;
import java.util.Map;

import dev.ticketloop.routingservice.classification.ClassificationSettings.CategoryRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifierTests {

	static final Classifier CLASSIFIER = new Classifier(
			new ClassificationSettings(List.of("en", "es", "zh", "de", "fr", "pt"),
					List.of(new CategoryRule("billing",
							List.of("invoice", "factura", "refund", "reembolso", "发票", "退款"), List.of("money")),
							new CategoryRule("export", List.of("export", "exportar", "导出", "csv"), List.of()),
							new CategoryRule("login", List.of("password", "contraseña", "log in", "登录", "密码"),
									List.of("access"))),
					Map.of("billing", List.of("billing"), "technical", List.of("export", "login")), "support"));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			No puedo exportar el informe | El botón de exportar no hace nada desde ayer por la tarde. | es
			Cannot export my report       | The export button does nothing since yesterday afternoon.  | en
			无法导出报告                   | 从昨天下午开始，导出按钮没有任何反应。                      | zh
			Export funktioniert nicht     | Der Export-Knopf tut seit gestern Nachmittag nichts mehr.   | de
			""")
	void the_language_of_the_text_is_detected(String subject, String body, String language) {
		Classification c = CLASSIFIER.classify(subject, body, "en-US");

		assertThat(c.language()).isEqualTo(language);
		assertThat(c.languageDetected()).isTrue();
	}

	@Test
	void too_little_text_falls_back_to_the_customers_locale() {
		Classification c = CLASSIFIER.classify("?", "", "pt-BR");

		assertThat(c.language()).isEqualTo("pt");
		assertThat(c.languageDetected()).isFalse();
	}

	@Test
	void the_first_matching_rule_gives_the_category_and_team_and_every_match_adds_tags() {
		Classification c = CLASSIFIER.classify("Factura duplicada",
				"Me cobraron dos veces y no puedo exportar la factura", "es");

		assertThat(c.category()).isEqualTo("billing");
		assertThat(c.team()).isEqualTo("billing");
		assertThat(c.tags()).containsExactly("billing", "money", "export");
	}

	@Test
	void keywords_match_without_case_or_accents_in_any_script() {
		assertThat(CLASSIFIER.classify("CONTRASENA olvidada", "", "es").category()).isEqualTo("login");
		assertThat(CLASSIFIER.classify("忘记密码", "无法登录", "zh").category()).isEqualTo("login");
		assertThat(CLASSIFIER.classify("Hello", "Just saying thanks", "en").category()).isNull();
		assertThat(CLASSIFIER.classify("Hello", "Just saying thanks", "en").team()).isEqualTo("support");
	}

}
