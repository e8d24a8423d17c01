package dev.ticketloop.platform.scaleout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;

/**
 * How many segments of a processor this instance may hold: its fair share, the segments
 * divided by the instances alive, rounded up. Axon's pooled processors ask it before they
 * claim and release what they hold beyond it (every token claim interval), so a second
 * instance gets half the work within seconds of its start, and the survivor of a crash
 * gets all of it back once the dead one's heartbeat is too old. While a processor has no
 * segments yet (its first start), there is no limit.
 */
public final class FairShareOfSegments implements MaxSegmentProvider {

	private static final Duration SEGMENTS_CACHED = Duration.ofSeconds(30);

	private final ServiceInstances instances;

	private final TokenStore tokenStore;

	private final Clock clock;

	private final Map<String, Known> segments = new ConcurrentHashMap<>();

	public FairShareOfSegments(ServiceInstances instances, TokenStore tokenStore, Clock clock) {
		this.instances = instances;
		this.tokenStore = tokenStore;
		this.clock = clock;
	}

	@Override
	public int getMaxSegments(String processingGroup) {
		int count = segmentCount(processingGroup);
		if (count == 0) {
			return Short.MAX_VALUE;
		}
		return share(count, this.instances.alive());
	}

	/** The segments one of {@code alive} instances takes: at least one, rounded up. */
	static int share(int segments, int alive) {
		return Math.max(1, (segments + alive - 1) / Math.max(1, alive));
	}

	private int segmentCount(String processor) {
		Instant now = this.clock.instant();
		Known known = this.segments.get(processor);
		if (known == null || known.count() == 0 || now.isAfter(known.at().plus(SEGMENTS_CACHED))) {
			int count;
			try {
				count = this.tokenStore.fetchSegments(processor).length;
			}
			catch (RuntimeException ex) {
				count = (known != null) ? known.count() : 0;
			}
			known = new Known(count, now);
			this.segments.put(processor, known);
		}
		return known.count();
	}

	private record Known(int count, Instant at) {
	}

}
