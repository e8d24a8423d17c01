package dev.ticketloop.routingservice.template;

/**
 * What a template id looks like: lower-case words joined by '-', e.g.
 * {@code reset-password}.
 */
public final class TemplateIds {

	public static final String PATTERN = "[a-z0-9][a-z0-9-]{1,62}";

	private TemplateIds() {
	}

	public static boolean valid(String id) {
		return id != null && id.matches(PATTERN);
	}

}
