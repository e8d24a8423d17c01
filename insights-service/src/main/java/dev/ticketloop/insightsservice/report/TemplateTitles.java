package dev.ticketloop.insightsservice.report;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.routing.TemplateApprovedV1;
import dev.ticketloop.platform.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The titles of the answer templates, for the top questions: read from routing-service's
 * template library ({@code ticketloop.routing.templates.v1}, compacted, the latest
 * approved version of each template), every instance all of it, kept in memory. A retired
 * template keeps its title: the tickets it answered still count under it.
 */
@Configuration(proxyBeanMethods = false)
public class TemplateTitles {

	private final CloudEventCodec codec;

	/** A template's title as of one of its versions. */
	private record Titled(int version, String title) {
	}

	private final Map<String, Titled> titles = new ConcurrentHashMap<>();

	TemplateTitles(CloudEventCodec codec) {
		this.codec = codec;
	}

	/**
	 * The title of the template's latest approved version, or null when none was read.
	 */
	public String title(String templateId) {
		Titled titled = (templateId != null) ? this.titles.get(templateId) : null;
		return (titled != null) ? titled.title() : null;
	}

	void on(ConsumerRecord<String, byte[]> record) {
		this.codec.read(record.value()).ifPresent((event) -> {
			if (event.data() instanceof TemplateApprovedV1 approved && approved.title() != null) {
				// read again from the beginning after a failure: the latest version wins
				this.titles.merge(approved.templateId(), new Titled(approved.version(), approved.title()),
						(had, now) -> (now.version() >= had.version()) ? now : had);
			}
		});
	}

	@Bean
	TopicReader templateTitlesReader(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
		return new TopicReader("template-titles", Topics.ROUTING_TEMPLATES, bootstrapServers, this::on);
	}

}
