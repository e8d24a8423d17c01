package dev.ticketloop.routingservice.classification;

import dev.ticketloop.contracts.Topics;
import dev.ticketloop.platform.kafka.TopicReader;
import dev.ticketloop.routingservice.template.AutoAnswerGuard;
import dev.ticketloop.routingservice.template.MatchCalibration;
import dev.ticketloop.routingservice.template.TemplateMatcher;
import dev.ticketloop.routingservice.template.TemplateSettings;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The classifier and the suggester, from their settings (checked at start-up). */
@Configuration(proxyBeanMethods = false)
class ClassificationConfiguration {

	@Bean
	Classifier classifier(ClassificationSettings settings) {
		return new Classifier(settings);
	}

	@Bean(destroyMethod = "close")
	KnowledgeIndex knowledgeIndex() {
		return new KnowledgeIndex();
	}

	/**
	 * Reads the known issues from the beginning of their topic, every instance all of
	 * them.
	 */
	@Bean
	TopicReader knownIssuesReader(KnownIssues issues,
			@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
		return new TopicReader("known-issues", Topics.ENGINEERING_ISSUES, bootstrapServers, issues::on);
	}

	@Bean
	Suggester suggester(KnowledgeIndex index, SuggestionSettings settings, TemplateMatcher templates,
			MatchCalibration calibration, TemplateSettings templateSettings) {
		return new Suggester(index, settings, templates, new AutoAnswerGuard(templates), calibration,
				templateSettings.targetPrecision(), templateSettings.suggestAt());
	}

}
