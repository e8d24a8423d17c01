package dev.ticketloop.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "issue", mixinStandardHelpOptions = true,
		description = "Show an engineering issue, now or as it was at an instant (computed from its events).")
final class ShowIssue extends ShowAsOf {

	@Parameters(paramLabel = "ISSUE-KEY")
	String key;

	@Override
	Kind kind() {
		return Kind.ISSUE;
	}

	@Override
	String id() {
		return this.key;
	}

	@Override
	List<String> fields() {
		return List.of("status", "title", "targetVersion", "releasedVersion", "explanation", "linkedTickets",
				"reportedAt", "updatedAt", "version");
	}

}
