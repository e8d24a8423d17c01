package dev.ticketloop.notificationservice.delivery;

import java.time.Instant;

import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The acknowledgement in the customer's language, from the same files operators edit. */
class MailComposerTests {

	private final MailComposer composer = new MailComposer(messages());

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			en-GB   | We received your request: Export      | Hello Ana,  | 24 November 2026
			es-MX   | Hemos recibido su solicitud: Export   | Hola Ana:   | 24 de noviembre de 2026
			zh-CN   | 我们已收到您的请求：Export              | Ana，您好    | 2026年11月24日
			fr-FR   | We received your request: Export      | Hello Ana,  | November 24, 2026
			""")
	void the_acknowledgement_speaks_the_customers_language_or_english(String locale, String subject, String greeting,
			String dueDate) {
		NotificationRequested request = new NotificationRequested("t:acknowledgement", "t", Reason.ACKNOWLEDGEMENT,
				new Recipient("email", "ana@example.com", "Ana", locale),
				new Content("Export", Instant.parse("2026-11-24T09:30:00Z"), null),
				Instant.parse("2026-11-23T09:30:00Z"));

		MailComposer.Mail mail = this.composer.compose(request);

		assertThat(mail.subject()).isEqualTo(subject);
		assertThat(mail.text()).startsWith(greeting).contains("Export").contains(dueDate);
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = """
			en | CLARIFICATION_REQUEST | We need a detail from you: Export | Which browser?
			es | CLARIFICATION_REQUEST | Necesitamos un dato más: Export    | Which browser?
			zh | CLARIFICATION_REQUEST | 我们需要您补充信息：Export           | Which browser?
			en | REPLY                 | Re: Export                        | Which browser?
			es | RESOLUTION            | Resuelto: Export                  | Which browser?
			zh | RESOLUTION            | 已解决：Export                      | Which browser?
			""")
	void what_the_agent_wrote_reaches_the_customer_in_their_language(String locale, Reason reason, String subject,
			String text) {
		NotificationRequested request = new NotificationRequested("T-4711:x", "T-4711", reason,
				new Recipient("email", "ana@example.com", null, locale), new Content("Export", null, text),
				Instant.parse("2026-11-23T09:30:00Z"));

		MailComposer.Mail mail = this.composer.compose(request);

		assertThat(mail.subject()).isEqualTo(subject);
		assertThat(mail.text()).contains(text, "T-4711").doesNotContain("{");
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("notifications/messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}
