package dev.ticketloop.routingservice.template;

/**
 * A template that answers customers: its approved version.
 *
 * @param autoAnswer whether it may answer automatically (not suspended for its measured
 * precision)
 */
public record LiveTemplate(String id, int version, TemplateContent content, boolean autoAnswer) {
}
