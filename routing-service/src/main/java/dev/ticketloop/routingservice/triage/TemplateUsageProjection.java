package dev.ticketloop.routingservice.triage;

import dev.ticketloop.routingservice.template.TemplateLibrary;
import dev.ticketloop.routingservice.template.TemplateLibraryProjection;
import dev.ticketloop.routingservice.triage.TriageEvent.TemplateUsed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import org.springframework.stereotype.Component;

/**
 * Counts each template's uses in the library's read model (in the library's processing
 * group: a replay of the library counts them again from nothing).
 */
@Component
@ProcessingGroup(TemplateLibraryProjection.PROCESSING_GROUP)
class TemplateUsageProjection {

	private final TemplateLibrary library;

	TemplateUsageProjection(TemplateLibrary library) {
		this.library = library;
	}

	@EventHandler
	void on(TemplateUsed e) {
		this.library.countUse(e.templateId(), e.how());
	}

}
