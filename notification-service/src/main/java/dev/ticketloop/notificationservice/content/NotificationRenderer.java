package dev.ticketloop.notificationservice.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import dev.ticketloop.notificationservice.delivery.Reason;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders a notification in the recipient's language, as a subject, a plain text and an
 * HTML body, from files operators edit without touching code:
 * <ul>
 * <li>{@code messages_<locale>.properties}: the wording, as ICU message patterns with
 * named arguments (plurals, dates and times in the customer's time zone);</li>
 * <li>{@code templates/<reason>.txt.mustache} and {@code .html.mustache}: the layout of
 * each kind of notification (Mustache), with {@code {{#t}}key{{/t}}} for a message, and
 * optional per-language variants in {@code templates/<language>/}.</li>
 * </ul>
 * Files are looked up first in the configured location ({@code ticketloop.notifications
 * .location}, e.g. {@code file:/etc/ticketloop/notifications/}), then in the built-in
 * ones. The language falls back from the customer's locale to the nearest one with
 * messages (es-MX to es), then to English; the formatting conventions of the customer's
 * own locale are kept when its language is the one written (es-MX dates for a Mexican
 * customer).
 */
public class NotificationRenderer {

	private static final String BUILT_IN = "classpath:notifications/";

	private final ResourceLoader resources;

	private final List<String> locations;

	private final Map<String, Optional<Properties>> bundles = new ConcurrentHashMap<>();

	private final Map<String, Optional<Template>> templates = new ConcurrentHashMap<>();

	/**
	 * Parsed message patterns per locale (parsing a date skeleton is costly); a format is
	 * used by one thread at a time.
	 */
	private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();

	private final Mustache.Compiler html;

	private final Mustache.Compiler text;

	public NotificationRenderer(ResourceLoader resources, String location) {
		this.resources = resources;
		List<String> all = new ArrayList<>();
		if (location != null && !location.isBlank() && !location.equals(BUILT_IN)) {
			all.add(location.endsWith("/") ? location : location + "/");
		}
		all.add(BUILT_IN);
		this.locations = List.copyOf(all);
		Mustache.TemplateLoader partials = (name) -> new StringReader(read("templates/" + name + ".mustache")
			.orElseThrow(() -> new IllegalStateException("No template partial " + name)));
		this.html = Mustache.compiler()
			.withEscaper(Escapers.simple(new String[][] { { "&", "&amp;" }, { "<", "&lt;" }, { ">", "&gt;" },
					{ "\"", "&quot;" }, { "'", "&#39;" } }))
			.defaultValue("")
			.withLoader(partials);
		this.text = Mustache.compiler().escapeHTML(false).defaultValue("").withLoader(partials);
	}

	/** What a notification says, ready for any channel. */
	public record Rendered(String subject, String text, String html, String language) {
	}

	/**
	 * @param extras further arguments, e.g. {@code surveyUrl}
	 */
	public Rendered render(NotificationRequested request, Map<String, Object> extras) {
		ULocale customer = ULocale
			.forLanguageTag((request.recipient().locale() != null) ? request.recipient().locale() : "en");
		List<String> chain = fallbackChain(customer);
		String language = writtenLanguage(chain);
		ULocale formatting = customer.getLanguage().equals(language) ? customer : ULocale.forLanguageTag(language);
		ZoneId zone = zoneOf(request.recipient().timeZone());
		Map<String, Object> arguments = arguments(request, extras, chain, zone, formatting);
		Messages messages = new Messages(chain, formatting, zone, arguments);
		String kind = request.reason().wireName();
		String subject = messages.format(kind + ".subject");
		Map<String, Object> model = new HashMap<>(arguments);
		model.put("language", language);
		model.put("t", (Mustache.Lambda) (fragment, out) -> out.write(messages.format(fragment.execute().trim())));
		model.put("paragraphs", paragraphs((String) arguments.get("text")));
		String textBody = template(chain, kind, "txt", this.text).execute(model);
		model.put("t", (Mustache.Lambda) (fragment, out) -> out
			.write(HtmlUtils.htmlEscape(messages.format(fragment.execute().trim()), "UTF-8").replace("\n", "<br>\n")));
		String htmlBody = template(chain, kind, "html", this.html).execute(model);
		return new Rendered(subject, textBody.replaceAll("\n{3,}", "\n\n").strip() + "\n", htmlBody, language);
	}

	/**
	 * A page for the customer in their language (as their mails are written):
	 * {@code templates/pages/<page>.html.mustache} with the messages' keys, e.g. the
	 * survey page.
	 * @param locale the customer's locale (null: English)
	 * @return the page's HTML and the language it is written in
	 */
	public Rendered renderPage(String page, String locale, Map<String, Object> arguments) {
		ULocale customer = ULocale.forLanguageTag((locale != null) ? locale : "en");
		List<String> chain = fallbackChain(customer);
		String language = writtenLanguage(chain);
		ULocale formatting = customer.getLanguage().equals(language) ? customer : ULocale.forLanguageTag(language);
		Messages messages = new Messages(chain, formatting, ZoneId.of("UTC"), arguments);
		Map<String, Object> model = new HashMap<>(arguments);
		model.put("language", language);
		model.put("t", (Mustache.Lambda) (fragment, out) -> out
			.write(HtmlUtils.htmlEscape(messages.format(fragment.execute().trim()), "UTF-8")));
		String html = template(chain, "pages/" + page, "html", this.html).execute(model);
		return new Rendered(messages.format(page + "_page.title"), "", html, language);
	}

	private Map<String, Object> arguments(NotificationRequested request, Map<String, Object> extras, List<String> chain,
			ZoneId zone, ULocale formatting) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		String name = request.recipient().name();
		arguments.put("name", (name != null && !name.isBlank()) ? name
				: new Messages(chain, formatting, zone, Map.of()).format("greeting.fallback"));
		arguments.put("subject", nonNull(request.content().ticketSubject()));
		arguments.put("ticketId", request.ticketId());
		String text = nonNull(request.content().text());
		arguments.put("text", text);
		arguments.put("hasText", !text.isBlank());
		if (request.reason() == Reason.FIX_RELEASED) {
			arguments.put("version", text);
		}
		// a text support approved is said instead of the standard paragraphs
		String approved = request.content().approvedText();
		arguments.put("hasApproved", approved != null && !approved.isBlank());
		arguments.put("approved", paragraphs(approved));
		if (request.content().dueAt() != null) {
			Instant due = request.content().dueAt();
			arguments.put("dueAt", due);
			arguments.put("days", daysUntil(request.requestedAt(), due, zone));
		}
		arguments.putAll(extras);
		return arguments;
	}

	/** Calendar days from the request to the due date, in the customer's zone. */
	private static long daysUntil(Instant from, Instant to, ZoneId zone) {
		return Math.max(0, ChronoUnit.DAYS.between(from.atZone(zone).toLocalDate(), to.atZone(zone).toLocalDate()));
	}

	private static List<String> paragraphs(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return Arrays.stream(text.split("\\R")).toList();
	}

	private static ZoneId zoneOf(String timeZone) {
		try {
			return (timeZone != null && !timeZone.isBlank()) ? ZoneId.of(timeZone) : ZoneId.of("UTC");
		}
		catch (java.time.DateTimeException ex) {
			return ZoneId.of("UTC");
		}
	}

	/** es_MX, es, then the root (English) file. */
	private static List<String> fallbackChain(ULocale locale) {
		List<String> chain = new ArrayList<>();
		for (ULocale l = locale; l != null && !l.getBaseName().isEmpty(); l = l.getFallback()) {
			chain.add(l.getBaseName());
			if (l.getFallback() == null || l.getFallback().equals(l)) {
				break;
			}
		}
		chain.add("");
		return chain;
	}

	/** The language of the most specific messages file found along the chain. */
	private String writtenLanguage(List<String> chain) {
		for (String locale : chain) {
			Optional<Properties> bundle = bundle(locale);
			if (bundle.isPresent()) {
				return bundle.get().getProperty("language", locale.isEmpty() ? "en" : locale);
			}
		}
		return "en";
	}

	private Template template(List<String> chain, String kind, String format, Mustache.Compiler compiler) {
		for (String locale : chain) {
			String language = locale.isEmpty() ? "" : ULocale.forLanguageTag(locale.replace('_', '-')).getLanguage();
			String path = language.isEmpty() ? "templates/" + kind + "." + format + ".mustache"
					: "templates/" + language + "/" + kind + "." + format + ".mustache";
			Optional<Template> template = this.templates.computeIfAbsent(format + "|" + path,
					(key) -> read(path).map(compiler::compile));
			if (template.isPresent()) {
				return template.get();
			}
		}
		throw new IllegalStateException("No " + format + " template for " + kind);
	}

	/**
	 * The messages of one locale: the built-in file, with the keys of the operator's file
	 * of the same name laid over it.
	 */
	private Optional<Properties> bundle(String locale) {
		return this.bundles.computeIfAbsent(locale, (l) -> {
			String path = l.isEmpty() ? "messages.properties" : "messages_" + l + ".properties";
			Properties merged = null;
			for (String location : this.locations.reversed()) {
				Optional<String> content = read(location, path);
				if (content.isPresent()) {
					merged = (merged != null) ? merged : new Properties();
					try {
						merged.load(new StringReader(content.get()));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
			}
			return Optional.ofNullable(merged);
		});
	}

	private Optional<String> read(String path) {
		for (String location : this.locations) {
			Optional<String> content = read(location, path);
			if (content.isPresent()) {
				return content;
			}
		}
		return Optional.empty();
	}

	private Optional<String> read(String location, String path) {
		Resource resource = this.resources.getResource(location + path);
		if (!resource.exists()) {
			return Optional.empty();
		}
		try (InputStream in = resource.getInputStream()) {
			return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + location + path, ex);
		}
	}

	private static String nonNull(String value) {
		return (value != null) ? value : "";
	}

	/** The messages of one rendering: the locale chain, formatting locale and zone. */
	private final class Messages {

		private final List<String> chain;

		private final ULocale locale;

		private final TimeZone zone;

		private final Map<String, Object> arguments;

		Messages(List<String> chain, ULocale locale, ZoneId zone, Map<String, Object> arguments) {
			this.chain = chain;
			this.locale = locale;
			this.zone = TimeZone.getTimeZone(zone.getId());
			this.arguments = arguments;
		}

		String format(String key) {
			String pattern = null;
			for (String l : this.chain) {
				Optional<Properties> bundle = bundle(l);
				if (bundle.isPresent() && bundle.get().getProperty(key) != null) {
					pattern = bundle.get().getProperty(key);
					break;
				}
			}
			if (pattern == null) {
				throw new IllegalStateException("No message " + key + " for " + this.chain.get(0));
			}
			Map<String, Object> values = new HashMap<>();
			this.arguments.forEach(
					(name, value) -> values.put(name, (value instanceof Instant instant) ? calendar(instant) : value));
			MessageFormat format = NotificationRenderer.this.formats.computeIfAbsent(
					this.locale.toLanguageTag() + "|" + pattern,
					(k) -> new MessageFormat(k.substring(k.indexOf('|') + 1), this.locale));
			synchronized (format) {
				return format.format(values);
			}
		}

		/** A date argument as a calendar in the customer's zone: ICU formats it there. */
		private Calendar calendar(Instant instant) {
			Calendar calendar = Calendar.getInstance(this.zone, this.locale);
			calendar.setTimeInMillis(instant.toEpochMilli());
			return calendar;
		}

	}

}
