package dev.ticketloop.ticketservice.issue;

/**
 * What linked tickets must learn of an issue: a fix scheduled, released or declined.
 *
 * @param kind what happened
 * @param detail the target version, the released version or engineering's explanation
 * @param sequence the issue event's sequence number: later progress has a higher one, so
 * a ticket applies each at most once and never goes back to an older one
 */
public record IssueProgress(Kind kind, String detail, long sequence) {

	public enum Kind {

		FIX_SCHEDULED, RELEASED, DECLINED

	}

}
