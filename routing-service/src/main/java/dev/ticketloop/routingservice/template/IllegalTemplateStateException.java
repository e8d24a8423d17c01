package dev.ticketloop.routingservice.template;

/** The template cannot do that in its present state (409). */
public class IllegalTemplateStateException extends RuntimeException {

	public IllegalTemplateStateException(String message) {
		super(message);
	}

}
