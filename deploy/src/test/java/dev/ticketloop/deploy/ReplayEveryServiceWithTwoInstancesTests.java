package dev.ticketloop.deploy;

/**
 * {@link ReplayEveryServiceTests} with two instances of each service sharing every
 * processor's segments: the replay is asked of the first instance, and the second lets go
 * of its segments, waits and takes its share of the replay.
 */
class ReplayEveryServiceWithTwoInstancesTests extends ReplayEveryServiceTests {

	@Override
	int instances() {
		return 2;
	}

}
