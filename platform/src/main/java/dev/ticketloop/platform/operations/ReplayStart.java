package dev.ticketloop.platform.operations;

import java.time.Instant;

/**
 * Where a replay starts: the reset context a processor's reset handlers are given (a
 * {@code @ResetHandler} method taking it) and its replay tokens keep. From the beginning,
 * a reset handler clears everything its processor built; from a later event, the records
 * built from the events before it are left as they are, and so must a reset handler leave
 * them: only processors whose every reset handler takes the start may be replayed from a
 * later event (see docs/adr/0012).
 *
 * @param position the position of the first event replayed: 0 from the beginning
 * @param time the instant the operator asked for, null when they asked for a position
 */
public record ReplayStart(long position, Instant time) {

	public ReplayStart {
		if (position < 0) {
			throw new IllegalArgumentException("position: must be 0 or more");
		}
	}

	/** Every event, from the first. */
	public static ReplayStart beginning() {
		return new ReplayStart(0, null);
	}

	/** Whether every event is replayed: the reset handler clears the whole read model. */
	public boolean fromBeginning() {
		return this.position == 0;
	}

	/** As an operator reads it. */
	String describe() {
		if (this.time != null) {
			return this.time + (fromBeginning() ? " (the beginning)" : " (position " + this.position + ")");
		}
		return fromBeginning() ? "the beginning" : "position " + this.position;
	}

}
