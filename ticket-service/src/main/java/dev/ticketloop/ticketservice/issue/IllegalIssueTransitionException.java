package dev.ticketloop.ticketservice.issue;

/** The issue's state does not allow what was asked; nothing was recorded. */
public class IllegalIssueTransitionException extends RuntimeException {

	private final IssueStatus status;

	public IllegalIssueTransitionException(IssueKey key, IssueStatus status, String action) {
		super("Issue " + key + " is " + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
				+ ": it cannot " + action + ".");
		this.status = status;
	}

	public IssueStatus status() {
		return this.status;
	}

}
