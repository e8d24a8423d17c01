package dev.ticketloop.platform.eventstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ticketloop.platform.eventstore.MongoEventStorageEngine.AppendStep;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event has a tracking token of its own, which the token of the event before it
 * does not cover: Axon's pooled processors skip an event whose token the last delivered
 * one covers, and take same-token events together only when the stream already holds them
 * all (a notification once lost its delivery attempt that way, one in 10,000, when the
 * second event of its commit reached the processor a moment after the first). A read from
 * any event's token goes on with the next event, inside a commit too, and a commit that
 * fills a gap late is delivered whole, event by event.
 */
@IntegrationTest
class EventStoreTokensPerEventTests {

	private MongoClient client;

	private MongoEventStorageEngine engine;

	@BeforeEach
	void setUp() {
		this.client = MongoClients.create(TestInfrastructure.get().mongoConnectionString());
		MongoDatabase database = this.client.getDatabase(TestInfrastructure.uniqueDatabase("tokens"));
		this.engine = Engines.engine(database, Duration.ofSeconds(30));
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void no_event_has_a_token_the_one_before_covers_and_a_read_goes_on_from_any_of_them() {
		this.engine.appendEvents(Engines.events("a", 0, 3, "w"));
		this.engine.appendEvents(Engines.events("b", 0, 1, "w"));
		this.engine.appendEvents(Engines.events("a", 3, 2, "w"));

		List<TrackedEventMessage<?>> all = Engines.readAfter(this.engine, null);

		assertThat(names(all)).containsExactly("a0", "a1", "a2", "b0", "a3", "a4");
		assertNoneCovered(all);
		for (int i = 0; i < all.size(); i++) {
			assertThat(names(Engines.readAfter(this.engine, all.get(i).trackingToken()))).as("read after event " + i)
				.containsExactlyElementsOf(names(all.subList(i + 1, all.size())));
		}
	}

	@Test
	void a_commit_that_fills_a_gap_late_comes_event_by_event() throws Exception {
		CountDownLatch claimed = new CountDownLatch(1);
		CountDownLatch proceed = new CountDownLatch(1);
		this.engine.appendHook((step) -> {
			if (step == AppendStep.STREAM_CLAIMED && Thread.currentThread().getName().equals("late")) {
				claimed.countDown();
				await(proceed);
			}
		});
		Thread late = Thread.ofPlatform()
			.name("late")
			.start(() -> this.engine.appendEvents(Engines.events("late", 0, 3, "w")));
		await(claimed);
		this.engine.appendEvents(Engines.events("early", 0, 2, "w"));

		List<TrackedEventMessage<?>> first = Engines.readAfter(this.engine, null);
		assertThat(names(first)).containsExactly("early0", "early1");
		TrackingToken afterEarly = first.get(1).trackingToken();
		proceed.countDown();
		late.join(TimeUnit.SECONDS.toMillis(10));

		List<TrackedEventMessage<?>> filled = Engines.readAfter(this.engine, afterEarly);
		assertThat(names(filled)).containsExactly("late0", "late1", "late2");
		List<TrackedEventMessage<?>> delivered = new ArrayList<>(first);
		delivered.addAll(filled);
		assertNoneCovered(delivered);
		assertThat(names(Engines.readAfter(this.engine, filled.get(0).trackingToken())))
			.as("a stop after the first event of the late commit")
			.containsExactly("late1", "late2");
		assertThat(Engines.readAfter(this.engine, filled.get(2).trackingToken())).isEmpty();
	}

	/** What Axon's processors check before handing an event on. */
	private static void assertNoneCovered(List<TrackedEventMessage<?>> events) {
		for (int i = 1; i < events.size(); i++) {
			assertThat(events.get(i - 1).trackingToken().covers(events.get(i).trackingToken()))
				.as("token of " + name(events.get(i)) + " covered by the one before")
				.isFalse();
		}
	}

	private static List<String> names(List<TrackedEventMessage<?>> events) {
		return events.stream().map(EventStoreTokensPerEventTests::name).toList();
	}

	private static String name(TrackedEventMessage<?> event) {
		Engines.Written written = (Engines.Written) event.getPayload();
		return written.aggregate() + written.sequence();
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("timed out");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
