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
				new Content("Export", Instant.parse("2026-11-24T09:30:00Z")), Instant.parse("2026-11-23T09:30:00Z"));

		MailComposer.Mail mail = this.composer.compose(request);

		assertThat(mail.subject()).isEqualTo(subject);
		assertThat(mail.text()).startsWith(greeting).contains("Export").contains(dueDate);
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("notifications/messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}
