package dev.ticketloop.ticketservice.issue;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An issue with thousands of linked tickets is loaded from a snapshot plus the events
 * after it, and kept in a cache between commands.
 */
@Configuration(proxyBeanMethods = false)
class IssueConfiguration {

	static final String SNAPSHOT_TRIGGER = "issueSnapshotTrigger";

	static final String CACHE = "issueCache";

	static final int SNAPSHOT_THRESHOLD = 250;

	@Bean(SNAPSHOT_TRIGGER)
	SnapshotTriggerDefinition issueSnapshotTrigger(Snapshotter snapshotter) {
		return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_THRESHOLD);
	}

	@Bean(CACHE)
	Cache issueCache() {
		return new WeakReferenceCache();
	}

}
