package dev.ticketloop.ticketservice.issue;

/** There is no engineering issue with this key. */
public class IssueNotFoundException extends RuntimeException {

	public IssueNotFoundException(IssueKey key) {
		super("There is no engineering issue " + key + ".");
	}

}
