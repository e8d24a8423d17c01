package dev.ticketloop.routingservice.template;

import java.util.List;

/** A template's content is not valid (400); the faults name fields, never the text. */
public class InvalidTemplateException extends RuntimeException {

	private final List<String> faults;

	public InvalidTemplateException(List<String> faults) {
		super("The template is not valid: " + String.join("; ", faults) + ".");
		this.faults = List.copyOf(faults);
	}

	public List<String> faults() {
		return this.faults;
	}

}
