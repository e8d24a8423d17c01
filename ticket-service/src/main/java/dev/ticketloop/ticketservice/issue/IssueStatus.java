package dev.ticketloop.ticketservice.issue;

/** Where an engineering issue stands. */
public enum IssueStatus {

	/** Reported from an escalation (or by engineering), not yet looked at. */
	REPORTED,

	/** Engineering reproduced it. */
	CONFIRMED,

	/** A fix is planned for a target version. */
	FIX_SCHEDULED,

	/** The fix shipped. Final. */
	RELEASED,

	/** Engineering will not fix it. Final. */
	WONT_FIX;

	public boolean isFinal() {
		return this == RELEASED || this == WONT_FIX;
	}

}
