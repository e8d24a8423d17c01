package dev.ticketloop.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "notification", mixinStandardHelpOptions = true,
		description = "Show a notification, now or as it was at an instant (computed from its events).")
final class ShowNotification extends ShowAsOf {

	@Parameters(paramLabel = "NOTIFICATION-ID", description = "e.g. <ticket-id>:acknowledgement")
	String notificationId;

	@Override
	Kind kind() {
		return Kind.NOTIFICATION;
	}

	@Override
	String id() {
		return this.notificationId;
	}

	@Override
	List<String> fields() {
		return List.of("status", "ticketId", "reason", "channel", "attempts", "requestedAt", "lastAttemptAt",
				"nextAttemptAt", "lastFailure", "failure", "deliveredAt", "retriedBy", "discardedBy", "discardNote",
				"version");
	}

}
