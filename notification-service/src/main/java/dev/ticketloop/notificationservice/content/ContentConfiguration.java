package dev.ticketloop.notificationservice.content;

import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.platform.kafka.TopicReader;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * The templates: built in, or an operator's own
 * ({@code ticketloop.notifications.location}); and the release texts support approved.
 */
@Configuration(proxyBeanMethods = false)
class ContentConfiguration {

	@Bean
	NotificationRenderer notificationRenderer(ResourceLoader resources,
			@Value("${ticketloop.notifications.location:}") String location) {
		return new NotificationRenderer(resources, location);
	}

	@Bean
	ReleaseTexts releaseTexts(CloudEventCodec codec) {
		return new ReleaseTexts(codec);
	}

	/** Reads the templates topic from its beginning, every instance all of it. */
	@Bean
	TopicReader releaseTextsReader(ReleaseTexts texts,
			@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
		return new TopicReader("release-texts", Topics.ROUTING_TEMPLATES, bootstrapServers, texts::on);
	}

}
