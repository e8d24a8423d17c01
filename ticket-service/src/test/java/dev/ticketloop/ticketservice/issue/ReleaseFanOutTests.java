package dev.ticketloop.ticketservice.issue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.ticketservice.TicketServiceApplication;
import dev.ticketloop.ticketservice.issue.IssueCommand.LinkTicket;
import dev.ticketloop.ticketservice.issue.IssueCommand.ReleaseFix;
import dev.ticketloop.ticketservice.issue.IssueCommand.ReportIssue;
import dev.ticketloop.ticketservice.ticket.Channel;
import dev.ticketloop.ticketservice.ticket.Contact;
import dev.ticketloop.ticketservice.ticket.Priority;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ApplyTriageDecision;
import dev.ticketloop.ticketservice.ticket.TicketCommand.EscalateTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.OpenTicket;
import dev.ticketloop.ticketservice.ticket.TicketEvent.TicketFixReleased;
import dev.ticketloop.ticketservice.ticket.TicketId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The release fan-out against the real event store: every linked ticket is told exactly
 * once, also when the worker dies between a chunk's commit and the move of its cursor
 * (the worst moment: the chunk is done again), when the job runs again from the start,
 * and when the same release arrives twice; a ticket linked after the release catches up.
 */
@IntegrationTest
@SpringBootTest(classes = TicketServiceApplication.class)
@TestPropertySource(locations = "classpath:test-api-keys.properties",
		properties = { "ticketloop.fan-out.chunk-size=40", "ticketloop.fan-out.poll-interval=100ms" })
class ReleaseFanOutTests {

	private static final int TICKETS = 230;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, TicketServiceApplication.NAME);
	}

	@Autowired
	CommandGateway commands;

	@Autowired
	EventStore eventStore;

	@Autowired
	IssueFanOut fanOut;

	@Autowired
	org.axonframework.commandhandling.CommandBus commandBus;

	@Autowired
	MongoDatabase database;

	@Test
	void a_release_reaches_every_linked_ticket_once_despite_a_crash_a_rerun_and_a_second_release() {
		IssueKey issue = IssueKey.newKey();
		List<TicketId> tickets = linkedTickets(issue, TICKETS);

		AtomicInteger crashes = new AtomicInteger();
		this.fanOut.observeChunks((job, from, size) -> {
			if (from == 80 && crashes.getAndIncrement() == 0) {
				throw new IllegalStateException("simulated crash after the chunk at 80 committed");
			}
		});
		try {
			assertThat((Boolean) this.commands.sendAndWait(new ReleaseFix(issue, "r-1", "4.2.0", "test"))).isTrue();
			Document job = awaitJobDone(issue);
			assertThat(crashes.get()).as("crashed after the chunk at 80, which was done again on resuming")
				.isEqualTo(2);
			assertThat(job.getInteger("total")).isEqualTo(TICKETS);
		}
		finally {
			this.fanOut.observeChunks(IssueFanOut.ChunkObserver.NONE);
		}
		assertEachToldOnce(tickets);

		// the whole job again from the start, as if its progress had been lost
		String jobId = jobOf(issue).getString("_id");
		this.database.getCollection(IssueFanOut.COLLECTION)
			.updateOne(Filters.eq("_id", jobId), new Document("$set",
					new Document("done", false).append("cursor", 0).append("applied", 0).append("skipped", 0)));
		Document rerun = awaitJobDone(issue);
		assertThat(rerun.getInteger("applied")).isZero();
		assertThat(rerun.getInteger("skipped")).isEqualTo(TICKETS);

		// the same release again: the issue is released already, no new job
		assertThat((Boolean) this.commands.sendAndWait(new ReleaseFix(issue, "r-1", "4.2.0", "test"))).isFalse();
		assertThat(this.database.getCollection(IssueFanOut.COLLECTION)
			.countDocuments(Filters.eq("issueKey", issue.value()))).isEqualTo(1);
		assertEachToldOnce(tickets);

		// a ticket linked after the release learns of it at once
		TicketId late = openTriaged();
		this.commands.sendAndWait(new EscalateTicket(late, "maria", issue.value(), true, null, null, null));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fixReleased(late)).hasSize(1));
	}

	/**
	 * Issue 22: a link that never reached the issue (lost on the way, as a batch whose
	 * position was stored before its events could lose it) is found when the issue moves
	 * on, and the ticket is linked and told like the others.
	 */
	@Test
	void a_link_lost_on_the_way_is_found_and_repaired_when_the_issue_moves_on() {
		IssueKey issue = IssueKey.newKey();
		List<TicketId> tickets = linkedTickets(issue, 3);
		TicketId lost = openTriaged();
		java.util.concurrent.atomic.AtomicBoolean dropped = new java.util.concurrent.atomic.AtomicBoolean();
		org.axonframework.common.Registration dropping = this.commandBus
			.registerHandlerInterceptor((unitOfWork, chain) -> {
				if (unitOfWork.getMessage().getPayload() instanceof LinkTicket link && link.ticketId().equals(lost)) {
					dropped.set(true);
					return null; // the link never reaches the issue
				}
				return chain.proceed();
			});
		try {
			this.commands.sendAndWait(new EscalateTicket(lost, "maria", issue.value(), true, null, null, null));
			await().atMost(Duration.ofSeconds(30)).untilTrue(dropped);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.database.getCollection("ticket_views")
					.find(Filters.and(Filters.eq("_id", lost.value()), Filters.eq("issueKey", issue.value())))
					.first() != null);
		}
		finally {
			dropping.cancel();
		}
		assertThat(this.fanOut.linkedTickets(issue.value(), Long.MAX_VALUE)).doesNotContain(lost);

		assertThat((Boolean) this.commands.sendAndWait(new ReleaseFix(issue, "r-lost", "4.3.0", "test"))).isTrue();
		awaitJobDone(issue);
		assertEachToldOnce(tickets);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.fanOut.linkedTickets(issue.value(), Long.MAX_VALUE)).contains(lost);
			assertThat(fixReleased(lost)).as("the lost ticket told of the release").hasSize(1);
		});
	}

	private List<TicketId> linkedTickets(IssueKey issue, int count) {
		List<TicketId> tickets = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tickets.add(openTriaged());
		}
		this.commands.sendAndWait(new ReportIssue(issue, "Export broken", null, null, "test"));
		for (TicketId ticket : tickets) {
			this.commands.sendAndWait(new EscalateTicket(ticket, "maria", issue.value(), true, null, null, null));
		}
		// the links are made by the issue-links processor, asynchronously
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			List<TicketId> linked = this.fanOut.linkedTickets(issue.value(), Long.MAX_VALUE);
			return linked.size() == count;
		});
		// linking the same tickets again adds nothing
		this.commands.sendAndWait(new LinkTicket(issue, tickets.get(0)));
		assertThat(this.fanOut.linkedTickets(issue.value(), Long.MAX_VALUE)).hasSize(count);
		return tickets;
	}

	private TicketId openTriaged() {
		TicketId ticket = TicketId.newId();
		this.commands.sendAndWait(new OpenTicket(ticket, Channel.EMAIL, "cust-" + ticket,
				new Contact(ticket + "@example.com", null), Locale.ENGLISH, "Export", "Export does nothing"));
		this.commands.sendAndWait(
				new ApplyTriageDecision(ticket, "d-" + ticket, Priority.NORMAL, Instant.now().plusSeconds(3600)));
		return ticket;
	}

	private void assertEachToldOnce(List<TicketId> tickets) {
		for (TicketId ticket : tickets) {
			assertThat(fixReleased(ticket)).as("fix released events of " + ticket).hasSize(1);
		}
	}

	private List<Object> fixReleased(TicketId ticket) {
		return this.eventStore.readEvents(ticket.value())
			.asStream()
			.map((e) -> (Object) e.getPayload())
			.filter((p) -> p instanceof TicketFixReleased)
			.toList();
	}

	private Document jobOf(IssueKey issue) {
		return this.database.getCollection(IssueFanOut.COLLECTION).find(Filters.eq("issueKey", issue.value())).first();
	}

	private Document awaitJobDone(IssueKey issue) {
		Document[] job = new Document[1];
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			job[0] = jobOf(issue);
			return job[0] != null && job[0].getBoolean("done");
		});
		return job[0];
	}

}
