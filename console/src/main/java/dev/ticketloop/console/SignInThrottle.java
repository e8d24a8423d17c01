package dev.ticketloop.console;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.stereotype.Component;

/**
 * Failed sign-ins per client address, so nobody tries key after key: each address may
 * fail {@code ticketloop.console.failed-sign-ins} times, a failure coming back each
 * {@code failed-sign-in-window / failed-sign-ins}; beyond that a sign-in is refused (429)
 * before any key is checked. Kept in the instance's memory for the most recent 10,000
 * addresses (behind a proxy, set {@code server.forward-headers-strategy} so the address
 * is the client's).
 */
@Component
class SignInThrottle {

	private static final int ADDRESSES = 10_000;

	private final ConsoleProperties properties;

	private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
			return size() > ADDRESSES;
		}
	};

	SignInThrottle(ConsoleProperties properties) {
		this.properties = properties;
	}

	/** Refuses (429) while the address has no failure left. */
	void check(String address) {
		Bucket bucket;
		synchronized (this.buckets) {
			bucket = this.buckets.get(address);
		}
		if (bucket == null) {
			return;
		}
		long wait = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
		if (wait > 0) {
			throw new TooManyFailures(Duration.ofNanos(wait).toSeconds() + 1);
		}
	}

	/** Counts a failed sign-in of the address. */
	void failed(String address) {
		Bucket bucket;
		synchronized (this.buckets) {
			bucket = this.buckets.computeIfAbsent(address,
					(a) -> Bucket.builder()
						.addLimit(Bandwidth.builder()
							.capacity(this.properties.failedSignIns())
							.refillGreedy(this.properties.failedSignIns(), this.properties.failedSignInWindow())
							.build())
						.build());
		}
		bucket.tryConsume(1);
	}

	/** Refused: the address failed too often (429, {@code Retry-After}). */
	static final class TooManyFailures extends RuntimeException {

		private final long retryAfterSeconds;

		TooManyFailures(long retryAfterSeconds) {
			super("Too many failed sign-ins from this address; try again in " + retryAfterSeconds + " seconds.", null,
					false, false);
			this.retryAfterSeconds = retryAfterSeconds;
		}

		long retryAfterSeconds() {
			return this.retryAfterSeconds;
		}

	}

}
