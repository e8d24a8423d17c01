package dev.ticketloop.routingservice.classification;

import java.util.List;

/**
 * What a ticket's text says about it.
 *
 * @param language ISO 639-1 code of the text's language (detected, else the customer's
 * locale)
 * @param languageDetected whether detection was sure of it
 * @param category the first matching rule's category, or null
 * @param team the team whose queue it joins
 */
public record Classification(String language, boolean languageDetected, String category, List<String> tags,
		String team) {
}
