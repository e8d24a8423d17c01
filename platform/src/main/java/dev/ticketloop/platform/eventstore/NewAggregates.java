package dev.ticketloop.platform.eventstore;

import java.util.Collection;

/**
 * A batch about to create many aggregates says which ones first, inside its unit of work:
 * the store then finds in one query those that have no events yet and loads them as new
 * without a round trip each ({@link MongoEventStorageEngine#expectNew}). Only a hint: an
 * aggregate that exists after all is loaded as always, and one created concurrently is
 * caught by the append.
 */
@FunctionalInterface
public interface NewAggregates {

	/** For a store that takes no hints. */
	NewAggregates NONE = (ids) -> {
	};

	void expect(Collection<String> aggregateIdentifiers);

}
