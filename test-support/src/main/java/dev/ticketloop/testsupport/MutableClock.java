package dev.ticketloop.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand: time-based behaviour (timers, SLA clocks, retries) is
 * tested at exact instants instead of by waiting.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	private final ZoneId zone;

	private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
		this.now = now;
		this.zone = zone;
	}

	public static MutableClock at(Instant start) {
		return new MutableClock(new AtomicReference<>(start), ZoneOffset.UTC);
	}

	public static MutableClock at(String start) {
		return at(Instant.parse(start));
	}

	public void set(Instant instant) {
		this.now.set(instant);
	}

	public Instant advance(Duration duration) {
		return this.now.updateAndGet((t) -> t.plus(duration));
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new MutableClock(this.now, zone);
	}

}
