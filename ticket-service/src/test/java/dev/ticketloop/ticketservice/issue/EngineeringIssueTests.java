package dev.ticketloop.ticketservice.issue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.ticketloop.platform.axon.AxonMongoAutoConfiguration;
import dev.ticketloop.ticketservice.issue.IssueCommand.ConfirmIssue;
import dev.ticketloop.ticketservice.issue.IssueCommand.DeclineFix;
import dev.ticketloop.ticketservice.issue.IssueCommand.DescribeIssue;
import dev.ticketloop.ticketservice.issue.IssueCommand.LinkTicket;
import dev.ticketloop.ticketservice.issue.IssueCommand.ReleaseFix;
import dev.ticketloop.ticketservice.issue.IssueCommand.ReportIssue;
import dev.ticketloop.ticketservice.issue.IssueCommand.ScheduleFix;
import dev.ticketloop.ticketservice.issue.IssueEvent.FixDeclined;
import dev.ticketloop.ticketservice.issue.IssueEvent.FixScheduled;
import dev.ticketloop.ticketservice.issue.IssueEvent.IssueConfirmed;
import dev.ticketloop.ticketservice.issue.IssueEvent.IssueReleased;
import dev.ticketloop.ticketservice.issue.IssueEvent.IssueReported;
import dev.ticketloop.ticketservice.issue.IssueEvent.TicketLinked;
import dev.ticketloop.ticketservice.ticket.TicketId;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The engineering issue: reported, confirmed, scheduled, released or declined; links. */
class EngineeringIssueTests {

	private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

	private static final IssueKey KEY = IssueKey.of("ISS-7K3QF2MA");

	private static final TicketId T1 = TicketId.of("0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10");

	private static final TicketId T2 = TicketId.of("5c1d9a3e-8b7f-4e2a-9d6c-1a2b3c4d5e6f");

	private static final IssueReported REPORTED = new IssueReported(KEY, "Export broken", "Nothing happens", "maria",
			NOW.minusSeconds(900));

	private static final TicketLinked LINKED_T1 = new TicketLinked(KEY, T1, null, NOW.minusSeconds(900));

	private static final FixScheduled SCHEDULED = new FixScheduled(KEY, "4.2.0", "ci", NOW.minusSeconds(600));

	private AggregateTestFixture<EngineeringIssue> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(EngineeringIssue.class);
		this.fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void an_escalation_reports_the_issue_with_its_first_ticket() {
		this.fixture.givenNoPriorActivity()
			.when(new ReportIssue(KEY, "Export broken", "Nothing happens", T1, "maria"))
			.expectEvents(new IssueReported(KEY, "Export broken", "Nothing happens", "maria", NOW),
					new TicketLinked(KEY, T1, null, NOW));
	}

	@Test
	void engineering_reports_a_known_issue_without_tickets() {
		this.fixture.givenNoPriorActivity()
			.when(new ReportIssue(KEY, "Export broken", null, null, "ci"))
			.expectEvents(new IssueReported(KEY, "Export broken", null, "ci", NOW));
	}

	@Test
	void a_ticket_is_linked_once() {
		this.fixture.given(REPORTED, LINKED_T1)
			.when(new LinkTicket(KEY, T2))
			.expectEvents(new TicketLinked(KEY, T2, null, NOW));
		this.fixture.given(REPORTED, LINKED_T1).when(new LinkTicket(KEY, T1)).expectNoEvents();
	}

	@Test
	void a_ticket_linked_after_progress_carries_it_to_catch_up() {
		// the scheduled fix is the issue's event number 2
		this.fixture.given(REPORTED, LINKED_T1, SCHEDULED)
			.when(new LinkTicket(KEY, T2))
			.expectEvents(
					new TicketLinked(KEY, T2, new IssueProgress(IssueProgress.Kind.FIX_SCHEDULED, "4.2.0", 2), NOW));
	}

	@Test
	void confirming_works_once() {
		this.fixture.given(REPORTED)
			.when(new ConfirmIssue(KEY, "dev"))
			.expectEvents(new IssueConfirmed(KEY, "dev", NOW))
			.expectResultMessagePayload(IssueStatus.CONFIRMED);
		this.fixture.given(REPORTED, new IssueConfirmed(KEY, "dev", NOW))
			.when(new ConfirmIssue(KEY, "dev"))
			.expectException(IllegalIssueTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void scheduling_and_rescheduling_a_fix() {
		this.fixture.given(REPORTED)
			.when(new ScheduleFix(KEY, "4.2.0", "ci"))
			.expectEvents(new FixScheduled(KEY, "4.2.0", "ci", NOW))
			.expectResultMessagePayload(IssueStatus.FIX_SCHEDULED);
		this.fixture.given(REPORTED, SCHEDULED)
			.when(new ScheduleFix(KEY, "4.3.0", "ci"))
			.expectEvents(new FixScheduled(KEY, "4.3.0", "ci", NOW));
		this.fixture.given(REPORTED, SCHEDULED).when(new ScheduleFix(KEY, "4.2.0", "ci")).expectNoEvents();
	}

	@Test
	void a_release_releases_the_issue_once() {
		this.fixture.given(REPORTED, LINKED_T1, SCHEDULED)
			.when(new ReleaseFix(KEY, "r-1", "4.2.0", "ci"))
			.expectEvents(new IssueReleased(KEY, "r-1", "4.2.0", 1, "ci", NOW))
			.expectResultMessagePayload(true)
			.expectState((issue) -> assertThat(issue.status()).isEqualTo(IssueStatus.RELEASED));
		this.fixture.given(REPORTED, LINKED_T1, SCHEDULED, new IssueReleased(KEY, "r-1", "4.2.0", 1, "ci", NOW))
			.when(new ReleaseFix(KEY, "r-1", "4.2.0", "ci"))
			.expectNoEvents()
			.expectResultMessagePayload(false);
	}

	@Test
	void a_declined_issue_is_not_released_and_a_released_one_not_declined() {
		FixDeclined declined = new FixDeclined(KEY, "Retired.", 1, "dev", NOW);
		this.fixture.given(REPORTED, LINKED_T1)
			.when(new DeclineFix(KEY, "Retired.", "dev"))
			.expectEvents(declined)
			.expectResultMessagePayload(IssueStatus.WONT_FIX);
		this.fixture.given(REPORTED, LINKED_T1, declined)
			.when(new ReleaseFix(KEY, "r-1", "4.2.0", "ci"))
			.expectException(IllegalIssueTransitionException.class)
			.expectNoEvents();
		this.fixture.given(REPORTED, new IssueReleased(KEY, "r-1", "4.2.0", 0, "ci", NOW))
			.when(new DeclineFix(KEY, "Too late", "dev"))
			.expectException(IllegalIssueTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void scheduling_a_final_issue_is_rejected() {
		this.fixture.given(REPORTED, new IssueReleased(KEY, "r-1", "4.2.0", 0, "ci", NOW))
			.when(new ScheduleFix(KEY, "4.3.0", "ci"))
			.expectException(IllegalIssueTransitionException.class)
			.expectNoEvents();
	}

	@Test
	void describing_an_unknown_issue_says_it_does_not_exist() {
		this.fixture.givenNoPriorActivity()
			.when(new DescribeIssue(KEY))
			.expectException(AggregateNotFoundException.class)
			.expectNoEvents();
	}

	/**
	 * A well-known issue is loaded from its snapshot: the serializer the services use
	 * must give back the same issue, not choose a command handler as its creator.
	 */
	@Test
	void a_snapshot_gives_back_the_same_issue() {
		EngineeringIssue issue = new EngineeringIssue();
		issue.on(REPORTED, 0);
		issue.on(LINKED_T1, 1);
		issue.on(new TicketLinked(KEY, T2, null, NOW), 2);
		issue.on(SCHEDULED, 3);
		Serializer serializer = Jackson3Serializer.builder()
			.jsonMapperBuilderCustomizer(new AxonMongoAutoConfiguration().ticketloopJacksonCustomizer())
			.build();

		EngineeringIssue restored = serializer.deserialize(serializer.serialize(issue, byte[].class));

		assertThat(restored).usingRecursiveComparison().isEqualTo(issue);
		assertThat(restored.status()).isEqualTo(IssueStatus.FIX_SCHEDULED);
		assertThat(restored.linkedTickets()).isEqualTo(2);
	}

	@Test
	void issue_keys_look_like_tracker_keys() {
		assertThat(IssueKey.newKey().value()).matches("ISS-[A-Z0-9]{8}");
		assertThat(IssueKey.of("ENG-1234").value()).isEqualTo("ENG-1234");
		assertThatIllegalArgumentException().isThrownBy(() -> IssueKey.of("eng 12"));
	}

}
