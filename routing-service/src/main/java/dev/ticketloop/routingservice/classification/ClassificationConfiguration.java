package dev.ticketloop.routingservice.classification;

import dev.ticketloop.routingservice.template.AutoAnswerGuard;
import dev.ticketloop.routingservice.template.MatchCalibration;
import dev.ticketloop.routingservice.template.TemplateMatcher;
import dev.ticketloop.routingservice.template.TemplateSettings;

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

	@Bean
	Suggester suggester(KnowledgeIndex index, SuggestionSettings settings, TemplateMatcher templates,
			MatchCalibration calibration, TemplateSettings templateSettings) {
		return new Suggester(index, settings, templates, new AutoAnswerGuard(templates), calibration,
				templateSettings.targetPrecision());
	}

}
