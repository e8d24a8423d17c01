package dev.ticketloop.notificationservice.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.random.RandomGenerator;

import dev.ticketloop.notificationservice.delivery.NotificationCommand.AnswerSurvey;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.AttemptAgain;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.DiscardDeadLetter;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RecordDelivery;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RecordFailure;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RequestNotification;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RetryDeadLetter;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeadLetterDiscarded;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeadLetterRetried;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryAbandoned;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryAttempted;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.DeliveryFailed;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationDelivered;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.SurveyAnswered;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTests {

	private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

	private static final String TICKET = "0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10";

	private static final String ID = Reason.ACKNOWLEDGEMENT.notificationIdFor(TICKET, "event-1");

	private static final String SURVEY = Reason.CSAT_SURVEY.notificationIdFor(TICKET, "event-9");

	private static final Recipient ANA = new Recipient("email", "ana@example.com", "Ana", "es-MX", "cust-1",
			"America/Mexico_City");

	private static final Content CONTENT = new Content("Export", NOW.plusSeconds(86_400), null);

	private static final NotificationRequested REQUESTED = new NotificationRequested(ID, TICKET, Reason.ACKNOWLEDGEMENT,
			ANA, CONTENT, NOW);

	private static final DeliveryAttempted FIRST = new DeliveryAttempted(ID, TICKET, 1, "email", NOW);

	/** Three attempts, 10 s doubling, no jitter: the schedule is exact. */
	private static final RetryPolicy RETRIES = new RetryPolicy(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(1), 3,
			0.0, RandomGenerator.getDefault());

	private AggregateTestFixture<Notification> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(Notification.class);
		this.fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
		this.fixture.registerInjectableResource(RETRIES);
	}

	@Test
	void requesting_a_notification_records_the_request_and_its_first_attempt() {
		this.fixture.givenNoPriorActivity()
			.when(new RequestNotification(ID, TICKET, Reason.ACKNOWLEDGEMENT, ANA, CONTENT))
			.expectEvents(REQUESTED, FIRST);
	}

	@Test
	void requesting_the_same_notification_again_changes_nothing() {
		this.fixture.given(REQUESTED, FIRST)
			.when(new RequestNotification(ID, TICKET, Reason.ACKNOWLEDGEMENT, ANA, CONTENT))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void a_delivery_is_recorded_with_the_facts_of_the_request() {
		Instant delivered = NOW.plusSeconds(1);
		this.fixture.given(REQUESTED, FIRST)
			.when(new RecordDelivery(ID, 1, "<m1@ticketloop>", delivered))
			.expectEvents(new NotificationDelivered(ID, TICKET, Reason.ACKNOWLEDGEMENT, "email", "<m1@ticketloop>",
					delivered, 1));
	}

	@Test
	void a_delivery_recorded_twice_is_recorded_once() {
		Instant delivered = NOW.plusSeconds(1);
		this.fixture
			.given(REQUESTED, FIRST,
					new NotificationDelivered(ID, TICKET, Reason.ACKNOWLEDGEMENT, "email", "<m1@ticketloop>", delivered,
							1))
			.when(new RecordDelivery(ID, 1, "<m1@ticketloop>", delivered))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void a_delivery_of_a_notification_never_requested_is_rejected_and_records_nothing() {
		this.fixture.givenNoPriorActivity()
			.when(new RecordDelivery(ID, 1, "<m1@ticketloop>", NOW))
			.expectException(AggregateNotFoundException.class)
			.expectNoEvents();
	}

	@Test
	void a_passing_failure_schedules_the_next_attempt_after_the_back_off() {
		this.fixture.given(REQUESTED, FIRST)
			.when(new RecordFailure(ID, 1, false, "SMTP 451 try again later"))
			.expectEvents(
					new DeliveryFailed(ID, TICKET, 1, "email", "SMTP 451 try again later", NOW.plusSeconds(10), NOW));
	}

	@Test
	void the_back_off_doubles_with_each_failure() {
		this.fixture
			.given(REQUESTED, FIRST, new DeliveryFailed(ID, TICKET, 1, "email", "x", NOW.plusSeconds(10), NOW),
					new DeliveryAttempted(ID, TICKET, 2, "email", NOW))
			.when(new RecordFailure(ID, 2, false, "SMTP 421 busy"))
			.expectEvents(new DeliveryFailed(ID, TICKET, 2, "email", "SMTP 421 busy", NOW.plusSeconds(20), NOW));
	}

	@Test
	void the_retry_timer_starts_the_next_attempt_once() {
		DeliveryFailed failed = new DeliveryFailed(ID, TICKET, 1, "email", "x", NOW.plusSeconds(10), NOW);
		this.fixture.given(REQUESTED, FIRST, failed)
			.when(new AttemptAgain(ID, 2))
			.expectEvents(new DeliveryAttempted(ID, TICKET, 2, "email", NOW));
		this.fixture.given(REQUESTED, FIRST, failed, new DeliveryAttempted(ID, TICKET, 2, "email", NOW))
			.when(new AttemptAgain(ID, 2))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void a_refusal_goes_to_the_dead_letter_store_at_once() {
		this.fixture.given(REQUESTED, FIRST)
			.when(new RecordFailure(ID, 1, true, "SMTP 550 no such user"))
			.expectEvents(new DeliveryAbandoned(ID, TICKET, Reason.ACKNOWLEDGEMENT, "email", 1, true,
					"SMTP 550 no such user", NOW));
	}

	@Test
	void the_last_allowed_attempt_failing_gives_up() {
		this.fixture
			.given(REQUESTED, FIRST, new DeliveryFailed(ID, TICKET, 1, "email", "x", NOW, NOW),
					new DeliveryAttempted(ID, TICKET, 2, "email", NOW),
					new DeliveryFailed(ID, TICKET, 2, "email", "x", NOW, NOW),
					new DeliveryAttempted(ID, TICKET, 3, "email", NOW))
			.when(new RecordFailure(ID, 3, false, "timeout"))
			.expectEvents(new DeliveryAbandoned(ID, TICKET, Reason.ACKNOWLEDGEMENT, "email", 3, false, "timeout", NOW));
	}

	@Test
	void an_outcome_reported_for_an_attempt_that_is_over_changes_nothing() {
		this.fixture.given(REQUESTED, FIRST, new DeliveryFailed(ID, TICKET, 1, "email", "x", NOW, NOW))
			.when(new RecordFailure(ID, 1, false, "x"))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void an_operator_retries_a_dead_letter_with_a_new_attempt() {
		this.fixture
			.given(REQUESTED, FIRST,
					new DeliveryAbandoned(ID, TICKET, Reason.ACKNOWLEDGEMENT, "email", 1, true, "SMTP 550", NOW))
			.when(new RetryDeadLetter(ID, "operator"))
			.expectEvents(new DeadLetterRetried(ID, TICKET, "operator", NOW),
					new DeliveryAttempted(ID, TICKET, 2, "email", NOW))
			.expectResultMessagePayload(DeliveryStatus.ATTEMPTING);
	}

	@Test
	void retrying_a_notification_that_is_no_dead_letter_is_rejected() {
		this.fixture.given(REQUESTED, FIRST)
			.when(new RetryDeadLetter(ID, "operator"))
			.expectException(IllegalDeliveryStateException.class)
			.expectNoEvents();
	}

	@Test
	void an_operator_discards_a_dead_letter_once() {
		DeliveryAbandoned abandoned = new DeliveryAbandoned(ID, TICKET, Reason.ACKNOWLEDGEMENT, "email", 1, true,
				"SMTP 550", NOW);
		this.fixture.given(REQUESTED, FIRST, abandoned)
			.when(new DiscardDeadLetter(ID, "operator", "customer left"))
			.expectEvents(new DeadLetterDiscarded(ID, TICKET, "operator", "customer left", NOW));
		this.fixture
			.given(REQUESTED, FIRST, abandoned, new DeadLetterDiscarded(ID, TICKET, "operator", "customer left", NOW))
			.when(new DiscardDeadLetter(ID, "operator", null))
			.expectException(IllegalDeliveryStateException.class)
			.expectNoEvents();
	}

	@Test
	void a_survey_is_answered_once() {
		NotificationRequested survey = new NotificationRequested(SURVEY, TICKET, Reason.CSAT_SURVEY, ANA,
				new Content("Export", null, null), NOW);
		DeliveryAttempted attempted = new DeliveryAttempted(SURVEY, TICKET, 1, "email", NOW);
		this.fixture.given(survey, attempted)
			.when(new AnswerSurvey(SURVEY, 5, "Fast!"))
			.expectEvents(new SurveyAnswered(SURVEY, TICKET, 5, "Fast!", NOW));
		this.fixture.given(survey, attempted, new SurveyAnswered(SURVEY, TICKET, 5, "Fast!", NOW))
			.when(new AnswerSurvey(SURVEY, 1, "changed my mind"))
			.expectException(IllegalDeliveryStateException.class)
			.expectNoEvents();
	}

	@Test
	void a_score_outside_one_to_five_is_rejected() {
		NotificationRequested survey = new NotificationRequested(SURVEY, TICKET, Reason.CSAT_SURVEY, ANA,
				new Content("Export", null, null), NOW);
		this.fixture.given(survey)
			.when(new AnswerSurvey(SURVEY, 6, null))
			.expectException(IllegalArgumentException.class)
			.expectNoEvents();
	}

	@Test
	void only_a_survey_can_be_answered() {
		this.fixture.given(REQUESTED, FIRST)
			.when(new AnswerSurvey(ID, 4, null))
			.expectException(NotASurveyException.class)
			.expectNoEvents();
	}

	@Test
	void the_back_off_is_jittered_within_its_bounds_and_capped() {
		RetryPolicy jittered = new RetryPolicy(Duration.ofSeconds(10), 3.0, Duration.ofMinutes(5), 10, 0.5,
				RandomGenerator.getDefault());
		for (int i = 0; i < 200; i++) {
			assertThat(jittered.delayAfter(1)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
			assertThat(jittered.delayAfter(3)).isBetween(Duration.ofSeconds(45), Duration.ofSeconds(90));
			assertThat(jittered.delayAfter(9)).isBetween(Duration.ofSeconds(150), Duration.ofMinutes(5));
		}
	}

}
