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
 * segment replays any more. Starts after the processors (so that a processor paused
 * before a restart stays paused).
 */
public class ProcessorControlWatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ProcessorControlWatcher.class);

	private final ProcessorOperations operations;

	private volatile ScheduledExecutorService executor;

	public ProcessorControlWatcher(ProcessorOperations operations) {
		this.operations = operations;
	}

	void apply() {
		try {
			for (Document control : this.operations.controls().find()) {
				String name = control.getString("_id");
				StreamingEventProcessor processor;
				try {
					processor = this.operations.processor(name);
				}
				catch (ProcessorOperations.UnknownProcessorException ex) {
					continue;
				}
				boolean paused = "PAUSED".equals(control.getString("state"));
				if (paused && processor.isRunning()) {
					log.info("Pausing processor {} (asked by {})", name, control.getString("by"));
					processor.shutDown();
				}
				else if (!paused && !processor.isRunning()) {
					log.info("Starting processor {} (asked by {})", name, control.getString("by"));
					processor.start();
				}
				List<Document> releases = control.getList("releases", Document.class, List.of());
				for (Document release : releases) {
					if (this.operations.instance().equals(release.getString("owner"))
							&& processor.processingStatus().containsKey(release.getInteger("segment"))) {
						Date until = release.getDate("until");
						long millis = Math.max(1_000, until.getTime() - System.currentTimeMillis());
						processor.releaseSegment(release.getInteger("segment"), millis, TimeUnit.MILLISECONDS);
					}
				}
				Document replay = control.get("replay", Document.class);
				if (replay != null && "RUNNING".equals(replay.getString("state"))) {
					this.operations.recordFinishedReplay(name);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Applying the operators' processor controls failed (tried again in a second): {}", ex.toString());
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
			running.shutdownNow();
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
