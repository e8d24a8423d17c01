package dev.ticketloop.platform.axon;

import java.util.List;
import java.util.Optional;

import java.util.List;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A token store that moves a processor's position only after the events its batch
 * produced are stored.
 * <p>
 * Axon's pooled processors store the position in the first step of a batch's commit
 * (prepare-commit), and the events the batch's handlers caused (commands to aggregates,
 * events applied) are appended in a later step of the same phase. With a transaction
 * around both that order does not matter; MongoDB without transactions makes it matter: a
 * crash or a failed append (a conflict with another instance) between the two leaves the
 * position past events whose effects were never stored (a delivery receipt, an issue
 * link). Here a position stored inside a batch is written in the commit phase, after the
 * append: a crash in between handles the batch again, and its handlers are idempotent
 * (they must be anyway: delivery is at least once). Outside a batch (claims, splits,
 * positions of batches with no handled event) it writes at once.
 */
public final class PositionAfterEventsTokenStore implements TokenStore {

	private final TokenStore delegate;

	public PositionAfterEventsTokenStore(TokenStore delegate) {
		this.delegate = delegate;
	}

	/**
	 * The position before the first event, as the event store reads a stream that starts
	 * with no token. A segment reset to the beginning before it handled any event has no
	 * position ({@code null}), which axon-mongo 4.12 cannot store (a
	 * {@code NullPointerException} in {@code MongoTokenStore.updateToken}: an operator's
	 * replay of a processor on a fresh system answered 500); it stores this instead.
	 */
	static final TrackingToken BEGINNING = GapAwareTrackingToken.newInstance(-1, List.of());

	@Override
	public void storeToken(TrackingToken position, String processorName, int segment)
			throws UnableToClaimTokenException {
		TrackingToken token = (position != null) ? position : BEGINNING;
		if (CurrentUnitOfWork.isStarted()) {
			UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
			if (batch.phase() == UnitOfWork.Phase.PREPARE_COMMIT) {
				batch.onCommit((u) -> this.delegate.storeToken(token, processorName, segment));
				return;
			}
		}
		this.delegate.storeToken(token, processorName, segment);
	}

	@Override
	public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
		this.delegate.initializeTokenSegments(processorName, segmentCount);
	}

	@Override
	public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken)
			throws UnableToClaimTokenException {
		this.delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
	}

	@Override
	public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
		return this.delegate.fetchToken(processorName, segment);
	}

	@Override
	public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
		return this.delegate.fetchToken(processorName, segment);
	}

	@Override
	public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
		this.delegate.extendClaim(processorName, segment);
	}

	@Override
	public void releaseClaim(String processorName, int segment) {
		this.delegate.releaseClaim(processorName, segment);
	}

	@Override
	public void initializeSegment(TrackingToken token, String processorName, int segment)
			throws UnableToClaimTokenException {
		this.delegate.initializeSegment(token, processorName, segment);
	}

	@Override
	public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
		this.delegate.deleteToken(processorName, segment);
	}

	@Override
	public boolean requiresExplicitSegmentInitialization() {
		return this.delegate.requiresExplicitSegmentInitialization();
	}

	@Override
	public int[] fetchSegments(String processorName) {
		return this.delegate.fetchSegments(processorName);
	}

	@Override
	public List<Segment> fetchAvailableSegments(String processorName) {
		return this.delegate.fetchAvailableSegments(processorName);
	}

	@Override
	public Optional<String> retrieveStorageIdentifier() {
		return this.delegate.retrieveStorageIdentifier();
	}

}
