package dev.ticketloop.platform.axon;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work an event handler gathers over an event processor's batch and does once, while the
 * batch's last event is handled: inside the batch, before the processor stores its
 * position. ({@link PooledStreamingEventProcessor} asks to store it in the first step of
 * the batch's commit; {@link PositionAfterEventsTokenStore} defers the write to the
 * commit phase, so work done in the first step would still come before it, but a failure
 * there would come after the batch's events were appended.) A failure fails the batch,
 * which is then handled again: the work must be idempotent. Outside a batch (a
 * subscribing processor, a test calling the handler) it is done at once.
 */
public final class BatchEnd {

	private static final Logger log = LoggerFactory.getLogger(BatchEnd.class);

	private BatchEnd() {
	}

	/**
	 * Adds to the batch's work under {@code key} (created on first use) and, at the
	 * batch's last event, does it.
	 * @param key names the work within the batch (one per handler class)
	 * @param create a new, empty piece of work
	 * @param add what this event adds to it
	 * @param flush does the work
	 */
	public static <T> void gather(String key, Supplier<T> create, Consumer<T> add, Consumer<T> flush) {
		if (!CurrentUnitOfWork.isStarted()) {
			T work = create.get();
			add.accept(work);
			flush.accept(work);
			return;
		}
		UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
		Pending<T> pending = batch.getOrComputeResource(key, (k) -> {
			Pending<T> created = new Pending<>(create.get());
			// a batch whose last event was not this handler's (the pooled processor
			// gives its handlers only events they handle, so this should not happen):
			// done at commit, before the position is stored; said loudly
			batch.onPrepareCommit((u) -> {
				if (!created.flushed) {
					log.warn("Batch work {} done at commit, not at the batch's last event", key);
					created.flush(flush);
				}
			});
			return created;
		});
		add.accept(pending.work);
		if (isLastOfBatch()) {
			pending.flush(flush);
		}
	}

	/** Whether the event being handled is the last of its batch (or in no batch). */
	public static boolean isLastOfBatch() {
		UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
		return !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
	}

	private static final class Pending<T> {

		private final T work;

		private boolean flushed;

		Pending(T work) {
			this.work = work;
		}

		void flush(Consumer<T> flush) {
			if (!this.flushed) {
				this.flushed = true;
				flush.accept(this.work);
			}
		}

	}

}
