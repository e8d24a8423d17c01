package dev.ticketloop.platform.job;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Resumable jobs against the MongoDB of the test infrastructure: a job runs to its end
 * once; one of a kind at a time; an instance that stops renewing its claim (as after kill
 * -9) loses the job to another, which goes on from the last checkpoint; a failure is
 * retried from the checkpoint; a cancelled job stops.
 */
@IntegrationTest
class ResumableJobsTests {

	private static final ResumableJobs.Settings FAST = new ResumableJobs.Settings(Duration.ofMillis(1500),
			Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(1));

	private MongoClient client;

	private MongoDatabase database;

	private final List<ResumableJobs> started = new CopyOnWriteArrayList<>();

	@BeforeEach
	void connect() {
		this.client = MongoClients.create(TestInfrastructure.get().mongoConnectionString());
		this.database = this.client.getDatabase(TestInfrastructure.uniqueDatabase("jobs"));
	}

	@AfterEach
	void disconnect() {
		this.started.forEach(ResumableJobs::stop);
		this.client.close();
	}

	/** Counts from the checkpoint to {@code until}, saving every step. */
	static class Counter implements JobHandler {

		final List<Integer> steps = new CopyOnWriteArrayList<>();

		final AtomicInteger failuresLeft = new AtomicInteger();

		volatile CountDownLatch blockAt3;

		@Override
		public String kind() {
			return "count";
		}

		@Override
		public void run(Job job) throws Exception {
			int until = job.parameters().getInteger("until");
			for (int i = job.checkpoint().getInteger("next"); i < until; i++) {
				if (i == 3 && this.blockAt3 != null) {
					CountDownLatch latch = this.blockAt3;
					this.blockAt3 = null;
					latch.await(30, TimeUnit.SECONDS); // a frozen instance: no renewals
				}
				if (i == 5 && this.failuresLeft.getAndDecrement() > 0) {
					throw new IllegalStateException("the broker is away");
				}
				this.steps.add(i);
				job.checkpoint(new Document("next", i + 1), new Document("done", i + 1).append("total", until));
				Thread.sleep(20);
			}
		}

	}

	private ResumableJobs instance(String name, JobHandler handler) {
		ResumableJobs jobs = new ResumableJobs(this.database, List.of(handler), Clock.systemUTC(), name, FAST);
		jobs.start();
		this.started.add(jobs);
		return jobs;
	}

	private static Document count(int until) {
		return new Document("until", until);
	}

	private Document awaitState(ResumableJobs jobs, String id, String state) {
		await().atMost(Duration.ofSeconds(20)).until(() -> state.equals(jobs.find(id).getString("state")));
		return jobs.find(id);
	}

	@Test
	void a_job_runs_to_its_end_once_and_one_of_a_kind_runs_at_a_time() {
		Counter counter = new Counter();
		ResumableJobs jobs = instance("a", counter);
		Document job = jobs.submit("count", count(20), new Document("next", 0), "operator");
		assertThatThrownBy(() -> jobs.submit("count", count(5), new Document("next", 0), "operator"))
			.isInstanceOf(ResumableJobs.JobRefusedException.class)
			.hasMessageContaining(job.getString("_id"));
		Document done = awaitState(jobs, job.getString("_id"), "DONE");
		assertThat(counter.steps).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
		assertThat(JobView.of(done).progress().done()).isEqualTo(20);
		assertThat(JobView.of(done).progress().toDo()).isZero();
		// the kind is free again
		Document next = jobs.submit("count", count(2), new Document("next", 0), "operator");
		awaitState(jobs, next.getString("_id"), "DONE");
	}

	@Test
	void a_frozen_instance_loses_its_job_to_another_which_goes_on_from_the_checkpoint() throws Exception {
		Counter frozen = new Counter();
		CountDownLatch thaw = new CountDownLatch(1);
		frozen.blockAt3 = thaw;
		ResumableJobs a = instance("a", frozen);
		Document job = a.submit("count", count(10), new Document("next", 0), "operator");
		await().atMost(Duration.ofSeconds(10)).until(() -> frozen.steps.size() == 3);
		Counter survivor = new Counter();
		ResumableJobs b = instance("b", survivor);
		Document done = awaitState(b, job.getString("_id"), "DONE");
		assertThat(survivor.steps).containsExactly(3, 4, 5, 6, 7, 8, 9);
		assertThat(done.getInteger("attempts")).isEqualTo(2);
		// the frozen one wakes up: its next checkpoint is refused and it stops
		thaw.countDown();
		Thread.sleep(500);
		assertThat(frozen.steps).containsExactly(0, 1, 2, 3);
		assertThat(a.find(job.getString("_id")).getString("state")).isEqualTo("DONE");
	}

	@Test
	void a_failure_is_retried_from_the_checkpoint() {
		Counter counter = new Counter();
		counter.failuresLeft.set(2);
		ResumableJobs jobs = instance("a", counter);
		Document job = jobs.submit("count", count(8), new Document("next", 0), "operator");
		Document done = awaitState(jobs, job.getString("_id"), "DONE");
		assertThat(counter.steps).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
		assertThat(done.getInteger("attempts")).isEqualTo(3);
		assertThat(done.getString("lastError")).isNull();
	}

	@Test
	void a_cancelled_job_stops_and_frees_its_kind() {
		Counter slow = new Counter() {
			@Override
			public void run(Job job) throws Exception {
				Thread.sleep(100);
				super.run(job);
			}
		};
		ResumableJobs jobs = instance("a", slow);
		Document job = jobs.submit("count", count(100_000), new Document("next", 0), "operator");
		await().atMost(Duration.ofSeconds(10)).until(() -> slow.steps.size() > 2);
		Document cancelled = jobs.cancel(job.getString("_id"), "operator-2");
		assertThat(cancelled.getString("state")).isEqualTo("CANCELLED");
		assertThat(cancelled.getString("endedBy")).isEqualTo("operator-2");
		int stepsAtCancel = slow.steps.size();
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> slow.steps.size() <= stepsAtCancel + 1);
		assertThat(jobs.cancel(job.getString("_id"), "operator")).isNull();
		Document next = jobs.submit("count", count(1), new Document("next", 0), "operator");
		awaitState(jobs, next.getString("_id"), "DONE");
	}

}
