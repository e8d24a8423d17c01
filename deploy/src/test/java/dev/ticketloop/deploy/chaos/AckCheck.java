package dev.ticketloop.deploy.chaos;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Every customer whose ticket was opened is acknowledged once: one message per ticket,
 * repeated only with the same id (the at-least-once window), counted apart.
 */
final class AckCheck {

	private AckCheck() {
	}

	static void check(Run run, String scenario, Collection<String> tickets) throws Exception {
		Run.await(Duration.ofMinutes(3), () -> {
			try {
				Map<String, Run.Received> received = run.received();
				return tickets.stream().allMatch((t) -> received.containsKey(t + ":acknowledgement"));
			}
			catch (Exception ex) {
				return false;
			}
		});
		Map<String, Run.Received> received = run.received();
		long never = 0;
		long doubled = 0;
		long repeated = 0;
		for (String ticket : tickets) {
			Run.Received ack = received.get(ticket + ":acknowledgement");
			if (ack == null) {
				never++;
			}
			else if (ack.doubled()) {
				doubled++;
			}
			else if (ack.repeated()) {
				repeated++;
			}
		}
		run.count("messages", tickets.size());
		run.check(scenario, "every customer acknowledged once", tickets.size(), never + doubled, repeated,
				never + " never, " + doubled + " twice");
	}

}
