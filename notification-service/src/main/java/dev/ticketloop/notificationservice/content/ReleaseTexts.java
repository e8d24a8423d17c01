package dev.ticketloop.notificationservice.content;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.routing.TemplateApprovedV1;
import dev.ticketloop.contracts.routing.TemplatePlaceholders;
import dev.ticketloop.contracts.routing.TemplateRetiredV1;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The release texts support approved: routing-service's approved templates that tell of a
 * known issue's fix ({@code ticketloop.routing.templates.v1}, read from the beginning by
 * every instance), by issue key. When a fix ships, its customers are told with the
 * approved text in their language, placeholders filled; where there is none (not
 * approved, retired, or not in their language) with the standard release message.
 */
public class ReleaseTexts {

	private record Approved(String templateId, Map<String, String> answers) {
	}

	private final Map<String, Approved> byIssue = new ConcurrentHashMap<>();

	private final CloudEventCodec codec;

	public ReleaseTexts(CloudEventCodec codec) {
		this.codec = codec;
	}

	/** A record of the templates topic (its {@code TopicReader} reads them all). */
	public void on(ConsumerRecord<String, byte[]> record) {
		this.codec.read(record.value()).ifPresent((event) -> {
			switch (event.data()) {
				case TemplateApprovedV1 approved when approved.issueKey() != null -> this.byIssue
					.put(approved.issueKey(), new Approved(approved.templateId(), Map.copyOf(approved.answers())));
				case TemplateRetiredV1 retired ->
					this.byIssue.values().removeIf((a) -> a.templateId().equals(retired.templateId()));
				default -> {
					// a template that tells of no release
				}
			}
		});
	}

	/**
	 * The approved release text of an issue in a language (the locale's language), its
	 * placeholders filled with {@code values} ({@link TemplatePlaceholders#fill}).
	 */
	public Optional<String> textFor(String issueKey, String locale, Map<String, String> values) {
		if (issueKey == null) {
			return Optional.empty();
		}
		String language = Locale.forLanguageTag((locale != null) ? locale : "en").getLanguage();
		return Optional.ofNullable(this.byIssue.get(issueKey))
			.map((a) -> a.answers().get(language))
			.map((text) -> TemplatePlaceholders.fill(text, values));
	}

}
