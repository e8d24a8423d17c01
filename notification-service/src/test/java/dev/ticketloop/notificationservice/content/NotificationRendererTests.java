package dev.ticketloop.notificationservice.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import dev.ticketloop.notificationservice.content.NotificationRenderer.Rendered;
import dev.ticketloop.notificationservice.delivery.Content;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import dev.ticketloop.notificationservice.delivery.Reason;
import dev.ticketloop.notificationservice.delivery.Recipient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of notification in the customer's language, from the files operators edit.
 */
class NotificationRendererTests {

	private static final Instant REQUESTED = Instant.parse("2026-11-23T09:30:00Z");

	private final NotificationRenderer renderer = new NotificationRenderer(new DefaultResourceLoader(), null);

	private static NotificationRequested request(Reason reason, String locale, String timeZone, Instant dueAt,
			String text) {
		return new NotificationRequested("T-4711:" + reason.wireName(), "T-4711", reason,
				new Recipient("email", "ana@example.com", "Ana", locale, "cust-1", timeZone),
				new Content("Export", dueAt, text), REQUESTED);
	}

	@ParameterizedTest(name = "{0} in {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					en-GB | Europe/London       | We received your request: Export    | Hello Ana,  | 24 November 2026 at 09:30 GMT
					es-MX | America/Mexico_City | Hemos recibido su solicitud: Export | Hola Ana:   | 24 de noviembre de 2026 a las 3:30 a.m. GMT-6
					zh-CN | Asia/Shanghai       | 我们已收到您的请求：Export            | Ana，您好   | 2026年11月24日 GMT+8 17:30
					fr-FR | Europe/Paris        | We received your request: Export    | Hello Ana,  | November 24, 2026 at 10:30 AM GMT+1
					""")
	void the_acknowledgement_speaks_the_customers_language_and_tells_the_time_in_their_zone(String locale, String zone,
			String subject, String greeting, String due) {
		Rendered mail = this.renderer.render(
				request(Reason.ACKNOWLEDGEMENT, locale, zone, Instant.parse("2026-11-24T09:30:00Z"), null), Map.of());

		assertThat(mail.subject()).isEqualTo(subject);
		assertThat(mail.text()).startsWith(greeting).contains("Export", "T-4711");
		assertThat(mail.text().replace('\u202f', ' ').replace('\u00a0', ' ')).contains(due);
		assertThat(mail.html()).contains("<html lang=\"" + mail.language() + "\"").contains(greeting);
	}

	@ParameterizedTest
	@EnumSource(Reason.class)
	void every_kind_renders_in_every_language_with_nothing_left_unfilled(Reason reason) {
		for (String locale : new String[] { "en", "es", "zh-Hans-CN" }) {
			Rendered mail = this.renderer.render(
					request(reason, locale, "Europe/Madrid", Instant.parse("2026-11-30T10:00:00Z"),
							"Which browser do you use?\nAnd which version?"),
					Map.of("surveyUrl", "https://support.example.com/surveys?token=abc"));

			assertThat(mail.subject()).as(reason + " " + locale).contains("Export").doesNotContain("{");
			assertThat(mail.text()).as(reason + " " + locale)
				.contains("T-4711")
				.doesNotContain("{")
				.doesNotContain("}");
			assertThat(mail.html()).as(reason + " " + locale)
				.contains("T-4711")
				.doesNotContain("{{")
				.startsWith("<!DOCTYPE html>");
		}
	}

	@Test
	void a_reminder_counts_the_days_left_with_the_languages_plural_rules() {
		Instant inFiveDays = REQUESTED.plusSeconds(5 * 86_400);
		Instant tomorrow = REQUESTED.plusSeconds(86_400);
		assertThat(this.renderer.render(request(Reason.REMINDER, "en", null, inFiveDays, "Which browser?"), Map.of())
			.text()).contains("close the request in 5 days, on November 28, 2026");
		assertThat(
				this.renderer.render(request(Reason.REMINDER, "en", null, tomorrow, "Which browser?"), Map.of()).text())
			.contains("close the request tomorrow");
		assertThat(
				this.renderer.render(request(Reason.REMINDER, "es", null, inFiveDays, "¿Navegador?"), Map.of()).text())
			.contains("dentro de 5 días, el 28 de noviembre de 2026");
	}

	@Test
	void what_the_agent_wrote_is_escaped_in_html_and_kept_as_written_in_text() {
		Rendered mail = this.renderer
			.render(request(Reason.REPLY, "en", null, null, "Use <b>Export</b> & \"Save\"\nthen reload"), Map.of());

		assertThat(mail.text()).contains("Use <b>Export</b> & \"Save\"\nthen reload");
		assertThat(mail.html()).contains("Use &lt;b&gt;Export&lt;/b&gt; &amp; &quot;Save&quot;<br>then reload")
			.doesNotContain("<b>Export");
	}

	@Test
	void the_survey_links_to_its_signed_url() {
		Rendered mail = this.renderer.render(request(Reason.CSAT_SURVEY, "es", null, null, null),
				Map.of("surveyUrl", "https://support.example.com/surveys?token=abc.def"));

		assertThat(mail.subject()).isEqualTo("¿Cómo lo hicimos? Export");
		assertThat(mail.text()).contains("https://support.example.com/surveys?token=abc.def");
		assertThat(mail.html()).contains("href=\"https://support.example.com/surveys?token=abc.def\"");
	}

	@Test
	void an_operator_changes_the_wording_and_layout_in_files_of_their_own(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("messages_es.properties"),
				"fix_released.subject=¡Arreglado en la {version}!: {subject}\n");
		Files.createDirectories(dir.resolve("templates/es"));
		Files.writeString(dir.resolve("templates/es/fix_released.txt.mustache"),
				"{{#t}}greeting{{/t}} ya está: {{version}}\n{{> text-footer}}\n");
		NotificationRenderer custom = new NotificationRenderer(new DefaultResourceLoader(), dir.toUri().toString());

		Rendered spanish = custom.render(request(Reason.FIX_RELEASED, "es-ES", null, null, "4.2.0"), Map.of());
		Rendered english = custom.render(request(Reason.FIX_RELEASED, "en", null, null, "4.2.0"), Map.of());

		assertThat(spanish.subject()).isEqualTo("¡Arreglado en la 4.2.0!: Export");
		assertThat(spanish.text()).startsWith("Hola Ana: ya está: 4.2.0").contains("Su equipo de soporte");
		assertThat(english.subject()).isEqualTo("Fixed: Export");
	}

	@org.junit.jupiter.api.Test
	void a_released_fix_is_told_with_the_text_support_approved_instead_of_the_standard_one() {
		NotificationRequested standard = request(Reason.FIX_RELEASED, "es-ES", null, null, "4.2.0");
		NotificationRequested approved = new NotificationRequested(standard.notificationId(), standard.ticketId(),
				standard.reason(), standard.recipient(), new Content("Export", null, "4.2.0",
						"Ya está corregido en la 4.2.0 <b>hoy</b>.\nActualice, por favor."),
				REQUESTED);

		Rendered usual = this.renderer.render(standard, Map.of());
		Rendered mail = this.renderer.render(approved, Map.of());

		assertThat(usual.text()).contains("Buenas noticias");
		assertThat(mail.subject()).isEqualTo(usual.subject());
		assertThat(mail.text()).startsWith("Hola Ana:")
			.contains("Ya está corregido en la 4.2.0 <b>hoy</b>.\nActualice, por favor.")
			.doesNotContain("Buenas noticias");
		assertThat(mail.html()).contains("<p>Ya está corregido en la 4.2.0 &lt;b&gt;hoy&lt;/b&gt;.</p>")
			.contains("<p>Actualice, por favor.</p>")
			.doesNotContain("Buenas noticias");
	}

}
