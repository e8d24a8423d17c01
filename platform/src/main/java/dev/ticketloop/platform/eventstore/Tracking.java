package dev.ticketloop.platform.eventstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

/**
 * Reading the store in order of global position for tracking processors, with gap-aware
 * tokens: every event has a token of its own, a reader asks for exactly the positions it
 * needs (its gaps and the next window) with {@code _id $in}, and a position missing for
 * longer than the gap timeout is released with a tombstone (ADR 6).
 */
final class Tracking {

	private final Positions positions;

	private final Commits commits;

	private final Clock clock;

	private final Duration gapTimeout;

	private final int window;

	/** When this engine first saw a reserved position missing. */
	private final Map<Long, Instant> missingSince = new ConcurrentHashMap<>();

	Tracking(Positions positions, Commits commits, Clock clock, Duration gapTimeout, int window) {
		this.positions = positions;
		this.commits = commits;
		this.clock = clock;
		this.gapTimeout = gapTimeout;
		this.window = window;
	}

	/** The events after a token, at least one unless none is there yet. */
	List<TrackedEventData<?>> after(TrackingToken lastToken, int batchSize) {
		GapAwareTrackingToken token = (lastToken == null) ? GapAwareTrackingToken.newInstance(-1, List.of())
				: (GapAwareTrackingToken) lastToken;
		long bound = this.positions.bound();
		List<TrackedEventData<?>> result = new ArrayList<>();
		long windowStart = token.getIndex() + 1;
		SortedSet<Long> gaps = new TreeSet<>(token.getGaps());
		long index = token.getIndex();
		while (result.isEmpty()) {
			long windowEnd = Math.min(windowStart + Math.max(batchSize, this.window), bound);
			SortedSet<Long> candidates = new TreeSet<>(gaps);
			LongStream.range(windowStart, windowEnd).forEach(candidates::add);
			if (candidates.isEmpty()) {
				return result;
			}
			Map<Long, Document> found = this.commits.find(candidates);
			addCommitsOfMarkers(found);
			releaseTimedOutGaps(candidates, found, bound);
			long coveredUntil = -1;
			Instant now = this.clock.instant();
			for (long position : candidates) {
				if (position <= coveredUntil) {
					continue;
				}
				Document doc = found.get(position);
				if (doc == null) {
					if (position < bound) {
						this.missingSince.putIfAbsent(position, now);
					}
					continue;
				}
				this.missingSince.remove(position);
				long start = doc.containsKey("of") ? doc.get("of", Number.class).longValue() : position;
				Document commit = (start == position) ? doc : found.get(start);
				if (commit == null) {
					// a marker whose commit is not there yet: a gap until it is, unless
					// the
					// commit's position was settled long ago
					if (!candidates.contains(start)) {
						gaps.remove(position);
					}
					continue;
				}
				if (!EventDocuments.isCommitCovering(commit, position)) {
					// a tombstone, or a marker left by a moved commit
					gaps.remove(position);
					continue;
				}
				List<Document> events = commit.getList("events", Document.class);
				long last = start + events.size() - 1;
				// No event of a commit is delivered before the ones ahead of it, so from
				// this position on none of them is: those behind the index become gaps,
				// and each event gets a token of its own that the one before does not
				// cover (Axon's processors skip an event whose token the last one
				// covers).
				for (long e = position; e <= Math.min(last, index); e++) {
					gaps.add(e);
				}
				for (long eventPosition = position; eventPosition <= last; eventPosition++) {
					if (!gaps.remove(eventPosition)) {
						for (long p = index + 1; p < eventPosition; p++) {
							if (!isKnownNonEvent(p, found)) {
								gaps.add(p);
							}
						}
						index = eventPosition;
					}
					result.add(new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(index, gaps),
							EventDocuments.entry(commit, events.get((int) (eventPosition - start)))));
				}
				coveredUntil = last;
			}
			if (!result.isEmpty() || windowEnd >= bound) {
				return result;
			}
			// nothing but missing positions in this window and more reserved after it:
			// look further
			windowStart = windowEnd;
		}
		return result;
	}

	/**
	 * A position that holds no event: a tombstone, or a marker whose commit is a
	 * tombstone or does not reach it (left by a moved commit). A marker whose commit is
	 * not there yet is not known: a gap.
	 */
	private static boolean isKnownNonEvent(long position, Map<Long, Document> found) {
		Document doc = found.get(position);
		if (doc == null) {
			return false;
		}
		if (doc.containsKey("tombstone")) {
			return true;
		}
		if (!doc.containsKey("of")) {
			return false;
		}
		Document commit = found.get(doc.get("of", Number.class).longValue());
		return commit != null && !EventDocuments.isCommitCovering(commit, position);
	}

	/**
	 * The commits that the markers found point at and that were not asked for (a token
	 * inside a commit: its first events were delivered already).
	 */
	private void addCommitsOfMarkers(Map<Long, Document> found) {
		Set<Long> missing = new TreeSet<>();
		for (Document doc : found.values()) {
			if (doc.containsKey("of")) {
				long start = doc.get("of", Number.class).longValue();
				if (!found.containsKey(start)) {
					missing.add(start);
				}
			}
		}
		if (!missing.isEmpty()) {
			found.putAll(this.commits.find(missing));
		}
	}

	/**
	 * Releases positions missing for longer than the gap timeout, lowest first, by
	 * writing a tombstone there; a position where a commit appeared meanwhile is read
	 * instead, and the positions it covers are left alone.
	 */
	private void releaseTimedOutGaps(SortedSet<Long> candidates, Map<Long, Document> found, long bound) {
		Instant deadline = this.clock.instant().minus(this.gapTimeout);
		long coveredUntil = -1;
		for (long position : candidates) {
			Document doc = found.get(position);
			if (doc != null) {
				if (!EventDocuments.isNonEvent(doc)) {
					coveredUntil = Math.max(coveredUntil, position + doc.getInteger("n") - 1);
				}
				continue;
			}
			if (position <= coveredUntil || position >= bound) {
				continue;
			}
			Instant since = this.missingSince.get(position);
			if (since == null || since.isAfter(deadline)) {
				continue;
			}
			if (this.commits.tombstone(position)) {
				found.put(position, new Document("_id", position).append("tombstone", true));
			}
			else {
				Document commit = this.commits.at(position);
				if (commit != null) {
					found.put(position, commit);
					if (!EventDocuments.isNonEvent(commit)) {
						coveredUntil = Math.max(coveredUntil, position + commit.getInteger("n") - 1);
					}
				}
			}
			this.missingSince.remove(position);
		}
	}

	/**
	 * The position of the newest reserved event. Commits still being written at that
	 * moment are not covered by a stream that starts there (as with Axon's JDBC engine).
	 */
	TrackingToken head() {
		long bound = this.positions.bound();
		return (bound == 0) ? null : GapAwareTrackingToken.newInstance(bound - 1, List.of());
	}

	/** The token just before the first commit written at or after the given instant. */
	TrackingToken at(Instant dateTime) {
		long low = 0;
		long high = this.positions.bound();
		while (low < high) {
			long middle = (low + high) >>> 1;
			Document commit = firstCommitFrom(middle, high);
			if (commit == null) {
				high = middle;
				continue;
			}
			long position = commit.get("_id", Number.class).longValue();
			if (commit.getDate("at").toInstant().isBefore(dateTime)) {
				low = position + 1;
			}
			else {
				high = middle;
			}
		}
		return (low == 0) ? null : GapAwareTrackingToken.newInstance(low - 1, List.of());
	}

	private Document firstCommitFrom(long from, long bound) {
		for (long start = from; start < bound; start += 64) {
			List<Long> window = LongStream.range(start, Math.min(start + 64, bound)).boxed().toList();
			TreeMap<Long, Document> found = new TreeMap<>(this.commits.find(window));
			found.values().removeIf(EventDocuments::isNonEvent);
			if (!found.isEmpty()) {
				return found.firstEntry().getValue();
			}
		}
		return null;
	}

}
