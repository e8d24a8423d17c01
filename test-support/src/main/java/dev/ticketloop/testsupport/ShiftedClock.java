package dev.ticketloop.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system's time moved by a shift a test sets: it runs on like a real clock (so
 * timers, leases and polling loops of a running service keep working), while the test
 * jumps it hours ahead to see deadlines come and pass ({@link MutableClock} stands still
 * instead).
 */
public final class ShiftedClock extends Clock {

	private final AtomicReference<Duration> shift;

	private final ZoneId zone;

	private ShiftedClock(AtomicReference<Duration> shift, ZoneId zone) {
		this.shift = shift;
		this.zone = zone;
	}

	/** The system's time, not shifted yet. */
	public static ShiftedClock now() {
		return new ShiftedClock(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
	}

	/** From now on, the system's time plus {@code shift}. */
	public void shiftBy(Duration shift) {
		this.shift.set(shift);
	}

	public Duration shift() {
		return this.shift.get();
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.shift.get());
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new ShiftedClock(this.shift, zone);
	}

}
