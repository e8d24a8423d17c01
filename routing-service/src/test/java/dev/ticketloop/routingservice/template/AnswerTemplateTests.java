package dev.ticketloop.routingservice.template;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.ticketloop.routingservice.template.TemplateCommand.ApproveTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.CreateTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.DraftReleaseTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.RecordAnswerOutcome;
import dev.ticketloop.routingservice.template.TemplateCommand.RejectProposal;
import dev.ticketloop.routingservice.template.TemplateCommand.RestoreTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.ResumeAutoAnswer;
import dev.ticketloop.routingservice.template.TemplateCommand.RetireTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.ReviseTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.SeedTemplate;
import dev.ticketloop.routingservice.template.TemplateEvent.AnswerOutcomeRecorded;
import dev.ticketloop.routingservice.template.TemplateEvent.AutoAnswerResumed;
import dev.ticketloop.routingservice.template.TemplateEvent.AutoAnswerSuspended;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateApproved;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateProposalRejected;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateProposed;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateRestored;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateRetired;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template's versions and reviews, and its precision judged from its automatic
 * answers' outcomes (target 0.9 over the last 5, judged from 4 on).
 */
class AnswerTemplateTests {

	private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

	private static final String ID = "reset-password";

	private static final TemplateContent V1 = new TemplateContent("Reset a forgotten password", "login", null,
			Map.of("en", List.of("I forgot my password")),
			Map.of("en", "Choose Forgot password, ticket {{ticketId}}."));

	private static final TemplateContent V2 = new TemplateContent("Reset a forgotten password", "login", null,
			Map.of("en", List.of("I forgot my password", "I cannot sign in")),
			Map.of("en", "On the sign-in page choose Forgot password."));

	private static final TemplateProposed PROPOSED = new TemplateProposed(ID, 1, V1, "maria", "agent", NOW);

	private static final TemplateApproved APPROVED = new TemplateApproved(ID, 1, "lena", NOW, V1);

	private AggregateTestFixture<AnswerTemplate> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(AnswerTemplate.class);
		this.fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
		this.fixture.registerInjectableResource(
				new TemplateSettings(0.9, 4, 5, 0.15, "", List.of(), TemplateSettings.Matching.WORDS));
	}

	@Test
	void a_proposal_answers_nobody_until_a_lead_approves_it() {
		this.fixture.givenNoPriorActivity()
			.when(new CreateTemplate(ID, V1, "maria"))
			.expectEvents(new TemplateProposed(ID, 1, V1, "maria", "agent", NOW));
		this.fixture.given(PROPOSED).when(new ApproveTemplate(ID, 1, "lena")).expectEvents(APPROVED);
		this.fixture.given(PROPOSED, APPROVED).when(new ApproveTemplate(ID, 1, "lena")).expectNoEvents();
	}

	@Test
	void a_template_with_an_unknown_placeholder_or_no_answer_is_refused_naming_the_fields() {
		TemplateContent bad = new TemplateContent("T", null, null, Map.of("xx1", List.of("q")),
				Map.of("en", "Hello {{password}}"));
		this.fixture.givenNoPriorActivity()
			.when(new CreateTemplate(ID, bad, "maria"))
			.expectException(InvalidTemplateException.class)
			.expectExceptionMessage(org.hamcrest.Matchers.allOf(
					org.hamcrest.Matchers.containsString("unknown placeholder {{password}}"),
					org.hamcrest.Matchers.containsString("questions: 'xx1'")));
		assertThat(new TemplateContent(" ", null, null, null, Map.of()).faults()).contains("title: 1 to 200 characters",
				"answers: at least one language");
		java.util.Map<String, String> missing = new java.util.HashMap<>();
		missing.put("en", null);
		assertThat(new TemplateContent("T", null, null, null, missing).faults())
			.containsExactly("answers.en: 1 to 5000 characters");
	}

	@Test
	void a_revision_is_a_new_version_and_a_stale_one_is_refused() {
		this.fixture.given(PROPOSED, APPROVED)
			.when(new ReviseTemplate(ID, V2, 1, "maria"))
			.expectEvents(new TemplateProposed(ID, 2, V2, "maria", "agent", NOW))
			.expectResultMessagePayload(2);
		this.fixture.given(PROPOSED, APPROVED, new TemplateProposed(ID, 2, V2, "ana", "agent", NOW))
			.when(new ReviseTemplate(ID, V1, 1, "maria"))
			.expectException(IllegalTemplateStateException.class);
		this.fixture.given(PROPOSED).when(new ReviseTemplate(ID, V1, null, "maria")).expectNoEvents();
	}

	@Test
	void an_older_version_is_not_approved_over_a_newer_one_and_a_proposal_can_be_rejected() {
		TemplateProposed second = new TemplateProposed(ID, 2, V2, "ana", "agent", NOW);
		this.fixture.given(PROPOSED, second, new TemplateApproved(ID, 2, "lena", NOW, V2))
			.when(new ApproveTemplate(ID, 1, "lena"))
			.expectException(IllegalTemplateStateException.class);
		this.fixture.given(PROPOSED, APPROVED, second)
			.when(new RejectProposal(ID, 2, "Too long", "lena"))
			.expectEvents(new TemplateProposalRejected(ID, 2, "Too long", "lena", NOW));
		this.fixture.given(PROPOSED, APPROVED)
			.when(new RejectProposal(ID, 1, "no", "lena"))
			.expectException(IllegalTemplateStateException.class);
	}

	@Test
	void retired_and_restored_once_each() {
		this.fixture.given(PROPOSED, APPROVED)
			.when(new RetireTemplate(ID, "Policy changed", "lena"))
			.expectEvents(new TemplateRetired(ID, "Policy changed", "lena", NOW, null));
		this.fixture.given(PROPOSED, APPROVED, new TemplateRetired(ID, "x", "lena", NOW, null))
			.when(new RetireTemplate(ID, "again", "lena"))
			.expectException(IllegalTemplateStateException.class);
		this.fixture.given(PROPOSED, APPROVED, new TemplateRetired(ID, "x", "lena", NOW, null))
			.when(new RestoreTemplate(ID, "lena"))
			.expectEvents(new TemplateRestored(ID, "lena", NOW, 1, V1));
		this.fixture.given(PROPOSED, APPROVED)
			.when(new RestoreTemplate(ID, "lena"))
			.expectException(IllegalTemplateStateException.class);
		// a retired template publishes no approval: it is restored first
		this.fixture
			.given(PROPOSED, APPROVED, new TemplateProposed(ID, 2, V2, "ana", "agent", NOW),
					new TemplateRetired(ID, "x", "lena", NOW, null))
			.when(new ApproveTemplate(ID, 2, "lena"))
			.expectException(IllegalTemplateStateException.class);
	}

	@Test
	void the_seed_creates_and_approves_a_missing_template_and_leaves_an_existing_one_alone() {
		this.fixture.givenNoPriorActivity()
			.when(new SeedTemplate(ID, V1))
			.expectEvents(new TemplateProposed(ID, 1, V1, "seed", "seed", NOW),
					new TemplateApproved(ID, 1, "seed", NOW, V1));
		this.fixture.given(PROPOSED, APPROVED, new TemplateRetired(ID, "x", "lena", NOW, null))
			.when(new SeedTemplate(ID, V2))
			.expectNoEvents();
	}

	@Test
	void a_release_draft_is_proposed_once_per_schedule() {
		String id = "release-eng-42";
		TemplateProposed first = new TemplateProposed(id, 1, V1, "engineering", "release-draft", NOW, "s1");
		this.fixture.givenNoPriorActivity().when(new DraftReleaseTemplate(id, V1, "s1")).expectEvents(first);
		this.fixture.given(first).when(new DraftReleaseTemplate(id, V1, "s1")).expectNoEvents();
		TemplateProposed second = new TemplateProposed(id, 2, V2, "engineering", "release-draft", NOW, "s2");
		this.fixture.given(first).when(new DraftReleaseTemplate(id, V2, "s2")).expectEvents(second);
		// the first schedule read again after the second (a restart reads the issues
		// again)
		this.fixture.given(first, second).when(new DraftReleaseTemplate(id, V1, "s1")).expectNoEvents();
	}

	@Test
	void a_template_whose_answers_stop_helping_suspends_itself_once_judged_and_counts_each_ticket_once() {
		AnswerOutcomeRecorded a = new AnswerOutcomeRecorded(ID, "t1", 1, true, "closed", 1, 1.0, NOW);
		AnswerOutcomeRecorded b = new AnswerOutcomeRecorded(ID, "t2", 1, true, "rated", 2, 1.0, NOW);
		AnswerOutcomeRecorded c = new AnswerOutcomeRecorded(ID, "t3", 1, false, "reopened", 3, 0.6667, NOW);
		// three outcomes are not enough to judge (4 needed)
		this.fixture.given(PROPOSED, APPROVED, a, b)
			.when(new RecordAnswerOutcome(ID, "t3", 1, false, "reopened"))
			.expectEvents(c);
		// the fourth: 2 of 4 helped, under 0.9
		this.fixture.given(PROPOSED, APPROVED, a, b, c)
			.when(new RecordAnswerOutcome(ID, "t4", 1, false, "did-not-help"))
			.expectEvents(new AnswerOutcomeRecorded(ID, "t4", 1, false, "did-not-help", 4, 0.5, NOW),
					new AutoAnswerSuspended(ID, 0.5, 4, 0.9, NOW));
		// a redelivered outcome counts nothing
		this.fixture.given(PROPOSED, APPROVED, a, b, c)
			.when(new RecordAnswerOutcome(ID, "t3", 1, false, "reopened"))
			.expectNoEvents();
		// at the target it goes on answering
		AnswerOutcomeRecorded d = new AnswerOutcomeRecorded(ID, "t4", 1, true, "closed", 4, 1.0, NOW);
		this.fixture
			.given(PROPOSED, APPROVED, a, b, d, new AnswerOutcomeRecorded(ID, "t5", 1, true, "closed", 4, 1.0, NOW))
			.when(new RecordAnswerOutcome(ID, "t6", 1, true, "rated"))
			.expectEvents(new AnswerOutcomeRecorded(ID, "t6", 1, true, "rated", 5, 1.0, NOW));
	}

	@Test
	void after_a_resumption_the_precision_is_counted_anew_and_only_a_suspended_template_resumes() {
		// suspended, resumed: the outcomes before the resumption count no more
		this.fixture
			.given(PROPOSED, APPROVED, new AnswerOutcomeRecorded(ID, "t1", 1, false, "reopened", 1, 0.0, NOW),
					new AnswerOutcomeRecorded(ID, "t2", 1, true, "closed", 2, 0.5, NOW),
					new AnswerOutcomeRecorded(ID, "t3", 1, true, "closed", 3, 0.6667, NOW),
					new AnswerOutcomeRecorded(ID, "t4", 1, true, "closed", 4, 0.75, NOW),
					new AnswerOutcomeRecorded(ID, "t5", 1, true, "closed", 5, 0.8, NOW),
					new AutoAnswerSuspended(ID, 0.75, 4, 0.9, NOW), new AutoAnswerResumed(ID, "lena", NOW),
					new AnswerOutcomeRecorded(ID, "t6", 1, true, "closed", 1, 1.0, NOW))
			.when(new RecordAnswerOutcome(ID, "t7", 1, true, "closed"))
			.expectEvents(new AnswerOutcomeRecorded(ID, "t7", 1, true, "closed", 2, 1.0, NOW));
		this.fixture.given(PROPOSED, APPROVED)
			.when(new ResumeAutoAnswer(ID, "lena"))
			.expectException(IllegalTemplateStateException.class);
	}

	@Test
	void an_answer_is_rendered_in_the_language_asked_with_its_placeholders_filled() {
		assertThat(V1.render("en", Map.of("ticketId", "T-1"))).isEqualTo("Choose Forgot password, ticket T-1.");
		assertThat(V1.render("EN", Map.of())).isEqualTo("Choose Forgot password, ticket.");
		assertThat(V1.render("es", Map.of())).isNull();
	}

}
