package dev.ticketloop.notificationservice.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How deliveries are retried ({@code ticketloop.delivery.*}), validated at start-up.
 *
 * @param retry back-off of passing failures (SMTP 4xx, HTTP 5xx, timeouts)
 */
@Validated
@ConfigurationProperties("ticketloop.delivery")
public record DeliverySettings(@DefaultValue Retry retry) {

	/**
	 * @param initialDelay delay after the first failure
	 * @param multiplier growth of the delay per failure
	 * @param maxDelay the longest delay
	 * @param maxAttempts attempts in all before a notification goes to the dead-letter
	 * store
	 * @param jitter random share of each delay (0 to 1)
	 */
	public record Retry(@DefaultValue("5s") Duration initialDelay, @DefaultValue("3.0") double multiplier,
			@DefaultValue("15m") Duration maxDelay, @DefaultValue("8") int maxAttempts,
			@DefaultValue("0.5") double jitter) {
	}

}
