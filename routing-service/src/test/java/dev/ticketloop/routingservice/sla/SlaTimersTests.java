package dev.ticketloop.routingservice.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ticketloop.platform.timer.DurableTimers;
import dev.ticketloop.routingservice.sla.SlaClockCommand.CheckSlaDeadline;
import dev.ticketloop.routingservice.sla.SlaClockState.Deadline;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.MutableClock;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SLA timer thread against the MongoDB of the test infrastructure and a real Axon
 * command bus whose deadline check fails for one clock: that deadline is tried again,
 * backing off, without holding up the others, and is given up in the end.
 */
@IntegrationTest
class SlaTimersTests {

	private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

	private final MutableClock clock = MutableClock.at(T0);

	private final List<String> checked = new CopyOnWriteArrayList<>();

	/** Until when the check of a clock fails. */
	private final Map<String, Instant> failingUntil = new ConcurrentHashMap<>();

	private MongoClient client;

	private SlaTimers timers;

	private DurableTimers store;

	@BeforeEach
	void start() {
		this.client = MongoClients.create(TestInfrastructure.get().mongoConnectionString());
		MongoDatabase database = this.client.getDatabase(TestInfrastructure.uniqueDatabase("slatimers"));
		SimpleCommandBus bus = SimpleCommandBus.builder().build();
		bus.subscribe(CheckSlaDeadline.class.getName(), (command) -> {
			CheckSlaDeadline check = (CheckSlaDeadline) command.getPayload();
			this.checked.add(check.clockId());
			if (this.clock.instant().isBefore(this.failingUntil.getOrDefault(check.clockId(), Instant.MIN))) {
				throw new IllegalStateException("store unavailable for " + check.clockId());
			}
			return null;
		});
		this.timers = new SlaTimers(database, this.clock, DefaultCommandGateway.builder().commandBus(bus).build(),
				new SlaTimerSettings(Duration.ofMillis(50)));
		this.store = new DurableTimers(database, "sla_timers", this.clock, DurableTimers.Settings.defaults());
	}

	@AfterEach
	void stop() {
		this.client.close();
	}

	private void deadline(String clockId, Instant at, int attempt) {
		Deadline deadline = new Deadline(SlaTarget.FIRST_RESPONSE, Deadline.Kind.BREACH, at, 1);
		Document data = new Document("clockId", clockId).append("target", deadline.target().name())
			.append("kind", deadline.kind().name())
			.append("version", deadline.version());
		if (attempt > 0) {
			data.append("attempt", attempt);
		}
		this.store.schedule(SlaTimers.key(clockId, deadline), at, data);
	}

	/** Moves the clock second by second, each time with one pass of the timer thread. */
	private void runFor(Duration duration) {
		for (long s = 0; s < duration.toSeconds(); s++) {
			this.clock.advance(Duration.ofSeconds(1));
			this.timers.fireDue();
		}
	}

	@Test
	void a_failing_check_is_retried_with_backoff_while_the_other_deadlines_of_its_pass_are_checked_once() {
		this.failingUntil.put("clock-flaky", T0.plusSeconds(20));
		deadline("clock-ok", T0.plusSeconds(10), 0);
		deadline("clock-flaky", T0.plusSeconds(10), 0);

		runFor(Duration.ofSeconds(11));
		// tried together, then one by one
		assertThat(this.checked.stream().filter("clock-ok"::equals)).hasSizeBetween(1, 2);
		assertThat(this.checked.stream().filter("clock-flaky"::equals)).hasSizeBetween(1, 2);
		this.checked.clear();

		// again 2 s later (fails), 4 s after that (fails), 8 s after that: succeeds
		runFor(Duration.ofSeconds(20));
		assertThat(this.checked).containsOnly("clock-flaky").hasSize(3);
		assertThat(this.clock.instant()).isAfter(T0.plusSeconds(20));
		this.checked.clear();

		runFor(Duration.ofMinutes(15));
		assertThat(this.checked).isEmpty();
	}

	@Test
	void a_check_that_keeps_failing_is_given_up_after_its_last_attempt() {
		this.failingUntil.put("clock-broken", Instant.MAX);
		deadline("clock-broken", T0.plusSeconds(10), 18);

		runFor(Duration.ofSeconds(11));
		assertThat(this.checked).containsExactly("clock-broken");
		this.checked.clear();

		// the 20th and last attempt, 10 minutes on
		runFor(Duration.ofMinutes(9));
		assertThat(this.checked).isEmpty();

		runFor(Duration.ofMinutes(2));
		assertThat(this.checked).containsExactly("clock-broken");
		this.checked.clear();

		runFor(Duration.ofMinutes(30));
		assertThat(this.checked).isEmpty();
	}

}
