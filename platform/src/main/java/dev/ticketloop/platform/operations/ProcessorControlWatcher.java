package dev.ticketloop.platform.operations;

import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Applies what operators asked of the processors ({@code processor_controls}) to this
 * instance's processors, every second: pauses and starts them, lets go of a segment
 * another instance asked for (to split or merge it), and records a replay as done once no
 * segment replays any more. Starts after the processors; a processor paused before a
 * restart claims no segment meanwhile
 * ({@link dev.ticketloop.platform.axon.PausedProcessors}).
 */
public class ProcessorControlWatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ProcessorControlWatcher.class);

	/** A replay still starting after this long was asked by an instance that died. */
	private static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofMinutes(2);

	private final ProcessorOperations operations;

	private volatile ScheduledExecutorService executor;

	public ProcessorControlWatcher(ProcessorOperations operations) {
		this.operations = operations;
	}

	void apply() {
		List<Document> controls;
		try {
			controls = this.operations.controls().find().into(new java.util.ArrayList<>());
		}
		catch (RuntimeException ex) {
			log.warn("Reading the operators' processor controls failed (tried again in a second): {}", ex.toString());
			return;
		}
		for (Document control : controls) {
			String name = control.getString("_id");
			try {
				apply(name, control);
			}
			catch (RuntimeException ex) {
				log.warn("Applying the operators' control of processor {} failed (tried again in a second): {}", name,
						ex.toString());
			}
		}
	}

	private void apply(String name, Document control) {
		StreamingEventProcessor processor;
		try {
			processor = this.operations.processor(name);
		}
		catch (ProcessorOperations.UnknownProcessorException ex) {
			return;
		}
		boolean paused = "PAUSED".equals(control.getString("state"));
		if (paused && processor.isRunning()) {
			log.info("Pausing processor {} (asked by {})", name, control.getString("by"));
			processor.shutDown();
		}
		else if (!paused && !processor.isRunning() && this.executor != null) {
			log.info("Starting processor {} (asked by {})", name, control.getString("by"));
			processor.start();
		}
		for (Document release : control.getList("releases", Document.class, List.of())) {
			Integer segment = release.getInteger("segment");
			Date until = release.getDate("until");
			if (segment != null && until != null && this.operations.instance().equals(release.getString("owner"))
					&& processor.processingStatus().containsKey(segment)) {
				long millis = Math.max(1_000, until.getTime() - System.currentTimeMillis());
				processor.releaseSegment(segment, millis, TimeUnit.MILLISECONDS);
			}
		}
		Document replay = control.get("replay", Document.class);
		if (replay != null && "RUNNING".equals(replay.getString("state"))) {
			this.operations.recordFinishedReplay(name);
		}
		if (replay != null && "STARTING".equals(replay.getString("state"))) {
			this.operations.recordAbandonedReplay(name, ABANDONED_AFTER);
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("processor-controls").daemon().factory());
		started.scheduleWithFixedDelay(this::apply, 0, 1, TimeUnit.SECONDS);
		this.executor = started;
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.executor;
		this.executor = null;
		if (running != null) {
			running.shutdown();
			try {
				// a round under way (a few reads) finishes before the processors stop
				if (!running.awaitTermination(1, TimeUnit.SECONDS)) {
					running.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		// after Axon's processors (which start in phase Integer.MAX_VALUE / 2 and above)
		return Integer.MAX_VALUE - 100;
	}

}
