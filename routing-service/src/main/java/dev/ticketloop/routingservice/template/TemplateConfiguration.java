package dev.ticketloop.routingservice.template;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import dev.ticketloop.routingservice.template.TemplateCommand.SeedTemplate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * The matcher, its calibration, the library that feeds it, and the seed library loaded
 * into an empty store.
 */
@Configuration(proxyBeanMethods = false)
class TemplateConfiguration {

	private static final Logger log = LoggerFactory.getLogger(TemplateConfiguration.class);

	@Bean
	TemplateMatcher templateMatcher(TemplateSettings settings) {
		return settings.matching().matcher();
	}

	@Bean
	MatchCalibration matchCalibration(TemplateSettings settings) {
		return MatchCalibration.shipped(settings.matching());
	}

	@Bean
	ReleaseDrafts releaseDrafts(CommandGateway commands) {
		return new ReleaseDrafts(commands);
	}

	@Bean
	TemplateLibrary templateLibrary(MongoDatabase database, TemplateMatcher matcher) {
		return new TemplateLibrary(database, matcher);
	}

	/**
	 * Each seed template is created and approved unless the store has a template of its
	 * id; two instances starting at once both try, and one finds the other's.
	 */
	@Bean
	ApplicationRunner templateSeed(TemplateSettings settings, CommandGateway commands, ResourceLoader resources) {
		return (args) -> {
			List<TemplateSettings.Seed> seeds = new ArrayList<>();
			if (!settings.seedLibrary().isBlank()) {
				try (InputStream in = resources.getResource(settings.seedLibrary()).getInputStream()) {
					seeds.addAll(SeedLibrary.read(in));
				}
			}
			seeds.addAll(settings.seed());
			for (TemplateSettings.Seed seed : seeds) {
				try {
					commands.sendAndWait(new SeedTemplate(seed.id(), seed.content()));
				}
				catch (ConcurrencyException ex) {
					log.debug("Seed template {} was created by another instance", seed.id());
				}
			}
		};
	}

}
