package dev.ticketloop.notificationservice.delivery;

import java.text.DateFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders a notification in the recipient's language (falling back to the nearest locale,
 * then English) from {@code notifications/messages*.properties}. Dates are written in UTC
 * until customers' time zones are known.
 */
@Component
class MailComposer {

	private final MessageSource messages;

	MailComposer(MessageSource messages) {
		this.messages = messages;
	}

	Mail compose(NotificationEvent.NotificationRequested request) {
		Locale locale = writtenLocale(Locale.forLanguageTag(request.recipient().locale()));
		String prefix = request.reason().wireName();
		String name = (request.recipient().name() != null && !request.recipient().name().isBlank())
				? request.recipient().name() : pattern("greeting.fallback", locale);
		Object[] arguments = { name, request.content().ticketSubject(), request.ticketId(),
				(request.content().dueAt() != null) ? Date.from(request.content().dueAt()) : new Date(0),
				(request.content().text() != null) ? request.content().text() : "" };
		String subject = format(pattern(prefix + ".subject", locale), locale, arguments);
		String body = format(pattern(prefix + ".body", locale), locale, arguments);
		return new Mail(subject, body);
	}

	/**
	 * The locale the text will be written in: the customer's own when a file speaks their
	 * language (keeping their region's conventions, e.g. es-MX), else the fallback's.
	 */
	private Locale writtenLocale(Locale customer) {
		Locale language = Locale.forLanguageTag(pattern("language", customer));
		return language.getLanguage().equals(customer.getLanguage()) ? customer : language;
	}

	private String pattern(String code, Locale locale) {
		return this.messages.getMessage(code, null, locale);
	}

	private static String format(String pattern, Locale locale, Object... args) {
		MessageFormat format = new MessageFormat(pattern, locale);
		for (Format f : format.getFormats()) {
			if (f instanceof DateFormat dateFormat) {
				dateFormat.setTimeZone(TimeZone.getTimeZone("UTC"));
			}
		}
		return format.format(args);
	}

	record Mail(String subject, String text) {
	}

}
