package dev.ticketloop.platform.axon;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.bson.Document;

/**
 * How many segments of a processor this instance may claim: none while operators have it
 * paused ({@code processor_controls}, docs/adr/0012), else what {@code otherwise} allows.
 * Axon's pooled processors ask before every claim, their first one at start-up included:
 * a processor paused before a restart handles nothing (not even until the operations
 * watcher stops it), and one paused while it runs lets go of its segments at its next
 * claim round on every instance.
 */
public final class PausedProcessors {

	/** The operators' control of each processor: one document per processor. */
	public static final String CONTROLS = "processor_controls";

	private final MongoCollection<Document> controls;

	private final MaxSegmentProvider otherwise;

	private final Map<String, Boolean> lastRead = new ConcurrentHashMap<>();

	public PausedProcessors(MongoDatabase serviceDatabase, MaxSegmentProvider otherwise) {
		this.controls = serviceDatabase.getCollection(CONTROLS);
		this.otherwise = otherwise;
	}

	/**
	 * The provider for one processor's builder. Axon's builder asks it once, when it is
	 * given, and refuses anything but a positive answer (it expects a fixed maximum):
	 * that first answer is {@code otherwise}'s; every later one (the coordinator's,
	 * before its claims) is 0 while the processor is paused.
	 */
	public MaxSegmentProvider provider() {
		AtomicBoolean built = new AtomicBoolean();
		return (processor) -> (built.getAndSet(true) && paused(processor)) ? 0
				: this.otherwise.getMaxSegments(processor);
	}

	/**
	 * Whether operators paused the processor (read by {@code _id}, on every claim round).
	 */
	public boolean paused(String processor) {
		try {
			Document control = this.controls.find(Filters.eq("_id", processor))
				.projection(Projections.include("state"))
				.first();
			boolean paused = control != null && "PAUSED".equals(control.getString("state"));
			this.lastRead.put(processor, paused);
			return paused;
		}
		catch (RuntimeException ex) {
			// the store is out of reach: so is the token store, claims fail anyway
			return this.lastRead.getOrDefault(processor, false);
		}
	}

}
