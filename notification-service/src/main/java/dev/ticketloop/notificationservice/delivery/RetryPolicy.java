package dev.ticketloop.notificationservice.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: exponential back-off with jitter, so that the
 * retries of many notifications that failed together (a mail server restarting) do not
 * all come back at the same instant.
 *
 * @param initialDelay the delay after the first failure
 * @param multiplier each further failure multiplies the delay by this
 * @param maxDelay the delay never grows beyond this
 * @param maxAttempts attempts in all (the first one included); after the last failure the
 * notification goes to the dead-letter store
 * @param jitter share of the delay that is random: the delay is between
 * {@code (1 - jitter) * d} and {@code d}
 */
public record RetryPolicy(Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts, double jitter,
		RandomGenerator random) {

	public RetryPolicy {
		if (!initialDelay.isPositive() || multiplier < 1.0 || maxDelay.compareTo(initialDelay) < 0 || maxAttempts < 1
				|| jitter < 0.0 || jitter > 1.0) {
			throw new IllegalArgumentException("ticketloop.delivery.retry: initial-delay > 0, multiplier >= 1, "
					+ "max-delay >= initial-delay, max-attempts >= 1 and jitter in [0, 1] expected");
		}
	}

	/** The delay before the attempt after {@code failedAttempt} (1 for the first). */
	public Duration delayAfter(int failedAttempt) {
		double delay = this.initialDelay.toMillis() * Math.pow(this.multiplier, Math.max(0, failedAttempt - 1));
		double capped = Math.min(delay, this.maxDelay.toMillis());
		double jittered = capped * (1.0 - this.jitter * this.random.nextDouble());
		return Duration.ofMillis(Math.max(1, Math.round(jittered)));
	}

	public Instant nextAttemptAfter(int failedAttempt, Instant failedAt) {
		return failedAt.plus(delayAfter(failedAttempt));
	}

	public boolean mayRetryAfter(int failedAttempt) {
		return failedAttempt < this.maxAttempts;
	}

}
