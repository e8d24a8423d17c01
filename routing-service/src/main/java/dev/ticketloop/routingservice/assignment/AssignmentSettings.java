package dev.ticketloop.routingservice.assignment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tickets are handed to agents ({@code ticketloop.assignment.*}).
 *
 * @param enabled whether the dispatcher assigns at all (off: agents pick from the queue)
 * @param strategy {@code least-loaded} (the fitting agent with the fewest open tickets)
 * or {@code round-robin} (the fitting agent who waited longest for one)
 * @param interval how often the queues are dispatched
 */
@ConfigurationProperties("ticketloop.assignment")
public record AssignmentSettings(@DefaultValue("true") boolean enabled, @DefaultValue("least-loaded") String strategy,
		@DefaultValue("1s") Duration interval) {

	public AssignmentSettings {
		if (!strategy.equals("least-loaded") && !strategy.equals("round-robin")) {
			throw new IllegalArgumentException(
					"ticketloop.assignment.strategy: least-loaded or round-robin, not " + strategy);
		}
	}

}
