package dev.ticketloop.routingservice.triage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import dev.ticketloop.routingservice.triage.TriageCommand.TriageTicket;
import dev.ticketloop.routingservice.triage.TriageEvent.TriageDecided;
import dev.ticketloop.routingservice.triage.TriagePolicies.Policy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TriageTests {

	private static final Instant OPENED = Instant.parse("2026-11-23T09:00:00Z");

	private static final Instant NOW = OPENED.plusSeconds(2);

	private static final String TICKET = "0b8f4a52-5d8e-4f57-9c55-2f1f3c1a7e10";

	private AggregateTestFixture<Triage> fixture;

	@BeforeEach
	void setUp() {
		this.fixture = new AggregateTestFixture<>(Triage.class);
		this.fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
		this.fixture.registerInjectableResource(new TriagePolicies(new Policy("standard", "normal", Duration.ofDays(1)),
				Map.of("chat", new Policy("chat-fast", "high", Duration.ofMinutes(30)))));
	}

	@Test
	void a_new_ticket_gets_the_default_policy_counted_from_its_opening() {
		this.fixture.givenNoPriorActivity()
			.when(new TriageTicket(TICKET, "email", OPENED))
			.expectEvents(new TriageDecided(TICKET, "triage-" + TICKET, "normal", OPENED.plus(Duration.ofDays(1)),
					"standard", NOW));
	}

	@Test
	void a_channel_with_its_own_policy_gets_that_policy() {
		this.fixture.givenNoPriorActivity()
			.when(new TriageTicket(TICKET, "chat", OPENED))
			.expectEvents(new TriageDecided(TICKET, "triage-" + TICKET, "high", OPENED.plus(Duration.ofMinutes(30)),
					"chat-fast", NOW));
	}

	@Test
	void a_ticket_arriving_twice_is_triaged_once() {
		this.fixture
			.given(new TriageDecided(TICKET, "triage-" + TICKET, "normal", OPENED.plus(Duration.ofDays(1)), "standard",
					NOW))
			.when(new TriageTicket(TICKET, "email", OPENED))
			.expectSuccessfulHandlerExecution()
			.expectNoEvents();
	}

	@Test
	void a_policy_without_a_positive_target_is_refused_at_start_up() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Policy("broken", "normal", Duration.ZERO))
			.withMessageContaining("must be positive");
	}

}
