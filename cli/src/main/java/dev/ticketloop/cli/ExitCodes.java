package dev.ticketloop.cli;

/** The tool's exit codes, the same for every command (listed in {@code --help}). */
final class ExitCodes {

	static final int OK = 0;

	/** A wrong option or argument, no key (picocli's own usage errors are 2 as well). */
	static final int USAGE = 2;

	/** The key is not valid, or its role may not do that (401, 403). */
	static final int DENIED = 3;

	/** No such processor, ticket or dead letter (404). */
	static final int NOT_FOUND = 4;

	/** The service refused it in its state (409): e.g. a processor with side effects. */
	static final int REFUSED = 5;

	/** The service cannot be reached or failed (5xx). */
	static final int UNAVAILABLE = 6;

	private ExitCodes() {
	}

}
