package dev.ticketloop.platform.axon;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a command again when it lost a race for its aggregate to another writer (a
 * {@link ConcurrencyException}: another instance, or this one's cached copy was behind).
 * The aggregate is then read again from the store and the command decides anew, as if it
 * had come a moment later. Every other failure (a refusal by the domain, a missing
 * aggregate) is final at once. Delays grow from {@code firstDelayMillis}, doubling, with
 * half of each random so that two instances do not collide again in step.
 */
public final class ConflictRetryScheduler implements RetryScheduler, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ConflictRetryScheduler.class);

	private final ScheduledExecutorService executor;

	private final int maxRetries;

	private final long firstDelayMillis;

	private final long maxDelayMillis;

	public ConflictRetryScheduler(int maxRetries, long firstDelayMillis, long maxDelayMillis) {
		this.executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("command-conflict-retry").daemon().factory());
		this.maxRetries = maxRetries;
		this.firstDelayMillis = firstDelayMillis;
		this.maxDelayMillis = maxDelayMillis;
	}

	@Override
	public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
			List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
		if (!isConflict(lastFailure)) {
			return false;
		}
		int retry = failures.size();
		if (retry > this.maxRetries) {
			log.warn("Command {} still conflicted after {} retries: {}", commandMessage.getCommandName(),
					this.maxRetries, lastFailure.getMessage());
			return false;
		}
		long delay = Math.min(this.maxDelayMillis, this.firstDelayMillis << Math.min(retry - 1, 20));
		delay = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
		this.executor.schedule(commandDispatch, delay, TimeUnit.MILLISECONDS);
		return true;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	static boolean isConflict(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof ConcurrencyException) {
				return true;
			}
		}
		return false;
	}

}
