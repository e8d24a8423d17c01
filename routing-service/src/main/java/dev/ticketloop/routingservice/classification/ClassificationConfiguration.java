package dev.ticketloop.routingservice.classification;

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
	Suggester suggester(KnowledgeIndex index, SuggestionSettings settings) {
		return new Suggester(index, settings);
	}

}
