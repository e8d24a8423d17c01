package dev.ticketloop.platform.timer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ticketloop.platform.timer.DurableTimers.Timer;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.MutableClock;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable timers against the MongoDB of the test infrastructure (the stand-in here), with
 * a clock the test moves: each timer fires at its time, once, and none is lost to a
 * restart, a change of leader, a failing handler or a write that arrives late.
 */
@IntegrationTest
class DurableTimersTests {

	private static final Instant T0 = Instant.parse("2026-12-01T09:00:00.000Z");

	private MongoClient client;

	private MongoDatabase database;

	private final MutableClock clock = MutableClock.at(T0);

	private final List<Timer> fired = new CopyOnWriteArrayList<>();

	private final DurableTimers.Handler record = this.fired::addAll;

	@BeforeEach
	void connect() {
		this.client = MongoClients.create(TestInfrastructure.get().mongoConnectionString());
		this.database = this.client.getDatabase(TestInfrastructure.uniqueDatabase("timers"));
	}

	@AfterEach
	void disconnect() {
		this.client.close();
	}

	private DurableTimers timers(MutableClock clock) {
		return new DurableTimers(this.database, "timers", clock, DurableTimers.Settings.defaults());
	}

	@Test
	void a_timer_fires_once_when_it_is_due_and_not_before() {
		DurableTimers timers = timers(this.clock);
		Instant due = T0.plusMillis(30_200);
		timers.schedule("ticket-1:breach", due, new Document("round", 3));

		this.clock.advance(Duration.ofMillis(29_000));
		timers.poll(this.record);
		// in the timer's own slot, a moment before it is due
		this.clock.set(due.minusMillis(100));
		timers.poll(this.record);
		assertThat(this.fired).isEmpty();

		this.clock.set(due);
		timers.poll(this.record);
		timers.poll(this.record);
		this.clock.advance(Duration.ofSeconds(10));
		timers.poll(this.record);

		assertThat(this.fired).singleElement().satisfies((t) -> {
			assertThat(t.key()).isEqualTo("ticket-1:breach");
			assertThat(t.dueAt()).isEqualTo(due);
			assertThat(t.data().getInteger("round")).isEqualTo(3);
		});
	}

	@Test
	void a_timer_already_due_when_it_is_set_fires_at_the_next_poll() {
		DurableTimers timers = timers(this.clock);
		timers.schedule("late", T0.minusSeconds(5), null);

		this.clock.advance(Duration.ofMillis(300));
		timers.poll(this.record);

		assertThat(this.fired).extracting(Timer::key).containsExactly("late");
	}

	@Test
	void setting_the_same_timer_twice_fires_it_once_with_its_latest_data() {
		DurableTimers timers = timers(this.clock);
		timers.schedule("same", T0.plusSeconds(1), new Document("v", 1));
		timers.schedule("same", T0.plusSeconds(1), new Document("v", 2));

		this.clock.advance(Duration.ofSeconds(5));
		timers.poll(this.record);

		assertThat(this.fired).singleElement().satisfies((t) -> assertThat(t.data().getInteger("v")).isEqualTo(2));
	}

	@Test
	void a_cancelled_timer_does_not_fire() {
		DurableTimers timers = timers(this.clock);
		timers.schedule("kept", T0.plusSeconds(2), null);
		timers.schedule("cancelled", T0.plusSeconds(2), null);
		timers.cancel("cancelled", T0.plusSeconds(2));

		this.clock.advance(Duration.ofSeconds(3));
		timers.poll(this.record);

		assertThat(this.fired).extracting(Timer::key).containsExactly("kept");
	}

	@Test
	void timers_that_fell_due_while_nothing_ran_all_fire_after_a_restart_in_due_order() {
		DurableTimers before = timers(this.clock);
		before.poll(this.record);
		List<Timer> set = IntStream.range(0, 1_200)
			.mapToObj((i) -> new Timer("t-" + i, T0.plusSeconds(1 + (i * 37L) % 7_200), null))
			.toList();
		before.schedule(set);

		// two hours pass with no instance running
		this.clock.advance(Duration.ofHours(3));
		DurableTimers after = timers(this.clock);
		while (after.poll(this.record) > 0) {
			// catching up, a batch at a time
		}

		assertThat(this.fired).extracting(Timer::key)
			.containsExactlyInAnyOrderElementsOf(set.stream().map(Timer::key).toList());
		List<Instant> order = this.fired.stream().map(Timer::dueAt).toList();
		assertThat(order).isSortedAccordingTo(Instant::compareTo);
	}

	@Test
	void only_the_leader_fires_and_another_instance_takes_over_when_its_lease_lapses() {
		MutableClock otherClock = MutableClock.at(T0);
		DurableTimers first = timers(this.clock);
		DurableTimers second = timers(otherClock);
		List<Timer> firedBySecond = new ArrayList<>();
		first.schedule("a", T0.plusSeconds(1), null);
		first.schedule("b", T0.plusSeconds(20), null);

		this.clock.advance(Duration.ofSeconds(2));
		otherClock.advance(Duration.ofSeconds(2));
		first.poll(this.record);
		second.poll(firedBySecond::addAll);
		assertThat(this.fired).extracting(Timer::key).containsExactly("a");
		assertThat(firedBySecond).isEmpty();

		// the first instance stops polling (crashed); its lease lapses
		otherClock.advance(Duration.ofSeconds(20));
		second.poll(firedBySecond::addAll);
		second.poll(firedBySecond::addAll);

		assertThat(firedBySecond).extracting(Timer::key).containsExactly("b");
		assertThat(this.fired).extracting(Timer::key).containsExactly("a");
	}

	@Test
	void timers_of_a_failing_handler_stay_and_fire_once_it_succeeds() {
		DurableTimers timers = timers(this.clock);
		timers.schedule("x", T0.plusSeconds(1), null);
		AtomicInteger calls = new AtomicInteger();
		DurableTimers.Handler failingOnce = (due) -> {
			if (calls.getAndIncrement() == 0) {
				throw new IllegalStateException("command bus away");
			}
			this.fired.addAll(due);
		};

		this.clock.advance(Duration.ofSeconds(2));
		timers.poll(failingOnce);
		assertThat(this.fired).isEmpty();
		this.clock.advance(Duration.ofSeconds(2));
		timers.poll(failingOnce);
		timers.poll(failingOnce);

		assertThat(this.fired).extracting(Timer::key).containsExactly("x");
	}

	@Test
	void a_timer_written_after_its_slot_closed_is_still_found_by_the_sweep() {
		DurableTimers poller = timers(this.clock);
		this.clock.advance(Duration.ofMinutes(5));
		poller.poll(this.record);
		// a writer whose clock is a minute behind writes into a slot long closed
		MutableClock behind = MutableClock.at(this.clock.instant().minus(Duration.ofMinutes(1)));
		timers(behind).schedule("stray", behind.instant(), null);

		this.clock.advance(Duration.ofSeconds(61));
		poller.poll(this.record);

		assertThat(this.fired).extracting(Timer::key).containsExactly("stray");
	}

	@Test
	void a_slot_is_deleted_once_its_timers_fired_and_its_grace_is_over_but_not_while_a_timer_is_left_in_it() {
		DurableTimers timers = timers(this.clock);
		timers.schedule("a", T0.plusSeconds(1), null);
		timers.schedule("b", T0.plusSeconds(1), null);
		timers.schedule("later", T0.plusSeconds(30), null);
		this.clock.advance(Duration.ofSeconds(1));
		timers.poll(this.record);
		assertThat(slotDocuments()).isNotEmpty();

		this.clock.advance(Duration.ofSeconds(5));
		timers.poll(this.record);

		assertThat(this.fired).extracting(Timer::key).containsExactlyInAnyOrder("a", "b");
		// only the slot of the timer still to come is left
		assertThat(slotDocuments()).allSatisfy((d) -> assertThat(d.get("timers", Document.class)).containsKey("later"));
		this.clock.advance(Duration.ofSeconds(30));
		timers.poll(this.record);
		this.clock.advance(Duration.ofSeconds(5));
		timers.poll(this.record);
		assertThat(slotDocuments()).isEmpty();
	}

	private List<Document> slotDocuments() {
		return this.database.getCollection("timers")
			.find(com.mongodb.client.model.Filters.regex("_id", "^s:"))
			.into(new ArrayList<>());
	}

	@Test
	void more_stray_timers_than_a_batch_all_fire_over_the_next_passes_and_none_is_deleted_unfired() {
		DurableTimers.Settings small = new DurableTimers.Settings(Duration.ofMillis(250), 4, Duration.ofMillis(50),
				Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofSeconds(60), Duration.ofSeconds(6), 10,
				Duration.ofSeconds(1));
		DurableTimers poller = new DurableTimers(this.database, "timers", this.clock, small);
		this.clock.advance(Duration.ofMinutes(5));
		poller.poll(this.record);
		MutableClock behind = MutableClock.at(this.clock.instant().minus(Duration.ofMinutes(1)));
		DurableTimers late = new DurableTimers(this.database, "timers", behind, small);
		List<String> keys = IntStream.range(0, 35).mapToObj((i) -> "stray-" + i).toList();
		late.schedule(keys.stream().map((k) -> new Timer(k, behind.instant(), null)).toList());

		this.clock.advance(Duration.ofSeconds(61));
		for (int pass = 0; pass < 6; pass++) {
			poller.poll(this.record);
			this.clock.advance(Duration.ofMillis(100));
		}

		assertThat(this.fired).extracting(Timer::key).containsExactlyInAnyOrderElementsOf(keys);
	}

	@Test
	void many_timers_set_while_the_poller_runs_each_fire_exactly_once() {
		DurableTimers timers = new DurableTimers(this.database, "timers", java.time.Clock.systemUTC(),
				DurableTimers.Settings.defaults().withPollInterval(Duration.ofMillis(20)));
		Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
		timers.start((due) -> due
			.forEach((t) -> counts.computeIfAbsent(t.key(), (k) -> new AtomicInteger()).incrementAndGet()));
		try {
			Instant start = Instant.now();
			List<String> keys = Collections.synchronizedList(new ArrayList<>());
			IntStream.range(0, 4).parallel().forEach((writer) -> {
				for (int batch = 0; batch < 25; batch++) {
					List<Timer> set = new ArrayList<>();
					for (int i = 0; i < 40; i++) {
						String key = "w" + writer + "-" + batch + "-" + i;
						set.add(new Timer(key, start.plusMillis((i * 53L) % 3_000), null));
						keys.add(key);
					}
					timers.schedule(set);
				}
			});
			await().atMost(Duration.ofSeconds(30)).until(() -> counts.size() == keys.size());
			await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
			Map<Integer, Long> timesFired = counts.values()
				.stream()
				.collect(Collectors.groupingBy(AtomicInteger::get, Collectors.counting()));
			assertThat(timesFired).containsExactly(Map.entry(1, (long) keys.size()));
			assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(keys);
		}
		finally {
			timers.stop();
		}
	}

}
