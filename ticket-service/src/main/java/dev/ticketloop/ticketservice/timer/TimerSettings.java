package dev.ticketloop.ticketservice.timer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ticket's own timers ({@code ticketloop.tickets.*}).
 *
 * @param reminderAfter a clarification request still unanswered after this long reminds
 * the customer
 * @param autoCloseAfter and after this long closes the ticket with a polite final message
 * @param quietPeriod a resolved ticket nobody reopens, rates or confirms closes after
 * this long
 * @param pollInterval how often due timers are looked for
 */
@Validated
@ConfigurationProperties("ticketloop.tickets")
public record TimerSettings(@DefaultValue("3d") Duration reminderAfter, @DefaultValue("7d") Duration autoCloseAfter,
		@DefaultValue("5d") Duration quietPeriod, @DefaultValue("1s") Duration pollInterval) {

	public TimerSettings {
		if (!autoCloseAfter.minus(reminderAfter).isPositive()) {
			throw new IllegalArgumentException("ticketloop.tickets.auto-close-after (" + autoCloseAfter
					+ ") must be longer than reminder-after (" + reminderAfter + ")");
		}
		if (!pollInterval.isPositive() || !quietPeriod.isPositive()) {
			throw new IllegalArgumentException("ticketloop.tickets: poll-interval and quiet-period must be positive");
		}
	}

}
