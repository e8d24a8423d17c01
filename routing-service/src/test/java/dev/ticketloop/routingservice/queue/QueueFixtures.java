package dev.ticketloop.routingservice.queue;

import java.time.Clock;

import com.mongodb.client.MongoDatabase;
import dev.ticketloop.routingservice.sla.SlaPolicies;

/**
 * The queue's read model and its reader on a database of a test's own, for the tests of
 * other packages (the dispatcher's, which works from the queue).
 */
public final class QueueFixtures {

	private QueueFixtures() {
	}

	public static QueueProjection projection(MongoDatabase database) {
		return new QueueProjection(database);
	}

	public static Queues queues(MongoDatabase database, SlaPolicies policies, Clock clock) {
		return new Queues(database, policies, clock);
	}

	/** The collection the projection writes and the queues read. */
	public static String collection() {
		return QueueProjection.COLLECTION;
	}

}
