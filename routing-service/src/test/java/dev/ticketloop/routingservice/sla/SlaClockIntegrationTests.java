package dev.ticketloop.routingservice.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.routing.SlaBreachedV1;
import dev.ticketloop.contracts.routing.SlaTargetMetV1;
import dev.ticketloop.contracts.routing.SlaWarningV1;
import dev.ticketloop.contracts.routing.TriageDecidedV1;
import dev.ticketloop.contracts.ticket.AgentRepliedV1;
import dev.ticketloop.contracts.ticket.ClarificationRequestedV1;
import dev.ticketloop.contracts.ticket.CustomerMessageReceivedV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.routingservice.RoutingServiceApplication;
import dev.ticketloop.testsupport.CloudEventsProducer;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.MutableClock;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.testsupport.TopicRecorder;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.ticketloop.routingservice.sla.SlaPolicyFixtures.madrid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SLA clocks over the real broker and the MongoDB stand-in, with a clock the test moves:
 * warnings and breaches are raised at their instants (not before), the clock pauses while
 * the customer is asked, a breach raises the priority, and a deadline that fell due while
 * the service was down, or while two instances ran, is raised exactly once. Uses the
 * service's own configuration (VIP: 30 working minutes on Madrid's hours).
 */
@IntegrationTest
class SlaClockIntegrationTests {

	/** Each test starts on a working morning in Madrid of its own. */
	static final MutableClock CLOCK = MutableClock.at(madrid("2026-11-30T10:00"));

	private static CloudEventsProducer tickets;

	private static TopicRecorder decisions;

	@BeforeAll
	static void start() {
		tickets = new CloudEventsProducer("/ticketloop/ticket-service");
		decisions = new TopicRecorder(Topics.ROUTING_DECISIONS);
	}

	@AfterAll
	static void stop() throws Exception {
		decisions.close();
		tickets.close();
	}

	@Test
	void a_vip_ticket_is_warned_at_75_percent_and_breached_at_30_working_minutes_then_raised_to_urgent() {
		CLOCK.set(madrid("2026-11-30T10:00"));
		try (ConfigurableApplicationContext routing = start(properties())) {
			Instant opened = CLOCK.instant();
			String ticket = open("vip", opened);
			awaitTimersSet(routing, ticket);

			CLOCK.set(opened.plus(Duration.ofMinutes(22)));
			pollTimers(routing);
			assertThat(decisions.of(SlaWarningV1.class, ticket)).as("not due before 22.5 minutes").isEmpty();

			CLOCK.set(opened.plus(Duration.ofSeconds(22 * 60 + 31)));
			await().atMost(Duration.ofSeconds(20)).until(() -> !decisions.of(SlaWarningV1.class, ticket).isEmpty());
			SlaWarningV1 warning = decisions.of(SlaWarningV1.class, ticket).get(0);
			assertThat(warning.target()).isEqualTo("first_response");
			assertThat(warning.dueAt()).isEqualTo(opened.plus(Duration.ofSeconds(22 * 60 + 30)));
			assertThat(warning.breachAt()).isEqualTo(opened.plus(Duration.ofMinutes(30)));

			CLOCK.set(opened.plus(Duration.ofMinutes(31)));
			await().atMost(Duration.ofSeconds(20)).until(() -> !decisions.of(SlaBreachedV1.class, ticket).isEmpty());
			assertThat(decisions.of(SlaBreachedV1.class, ticket)).singleElement()
				.satisfies((b) -> assertThat(b.dueAt()).isEqualTo(opened.plus(Duration.ofMinutes(30))));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> decisions.of(TriageDecidedV1.class, ticket).stream().anyMatch(this::escalation));
			TriageDecidedV1 escalated = decisions.of(TriageDecidedV1.class, ticket)
				.stream()
				.filter(this::escalation)
				.findFirst()
				.orElseThrow();
			assertThat(escalated.priority()).isEqualTo("urgent");
			assertThat(decisions.of(SlaWarningV1.class, ticket)).hasSize(1);
		}
	}

	@Test
	void the_clock_pauses_while_the_customer_is_asked_and_a_late_answer_counts_as_missed() {
		CLOCK.set(madrid("2026-12-01T10:00"));
		try (ConfigurableApplicationContext routing = start(properties())) {
			Instant opened = CLOCK.instant();
			String ticket = open("vip", opened);
			awaitTimersSet(routing, ticket);

			// the agent asks at once (the first response is met), the customer answers
			// two days later
			tickets.publish(new ClarificationRequestedV1(ticket, "Which browser?", opened.plus(Duration.ofMinutes(5))));
			await().atMost(Duration.ofSeconds(20)).until(() -> !decisions.of(SlaTargetMetV1.class, ticket).isEmpty());
			assertThat(decisions.of(SlaTargetMetV1.class, ticket)).singleElement().satisfies((m) -> {
				assertThat(m.target()).isEqualTo("first_response");
				assertThat(m.withinTarget()).isTrue();
				assertThat(m.elapsedSeconds()).isEqualTo(300);
			});
			Instant answered = opened.plus(Duration.ofDays(2));
			CLOCK.set(answered);
			pollTimers(routing);
			assertThat(decisions.of(SlaBreachedV1.class, ticket)).as("paused: the resolution is not breached")
				.isEmpty();

			tickets.publish(new CustomerMessageReceivedV1(ticket, "Firefox", true, answered));
			awaitFact(routing, ticket, 2);
			// the next response is due two working hours after the answer; the agent is
			// late
			CLOCK.set(answered.plus(Duration.ofHours(2)).plusSeconds(1));
			await().atMost(Duration.ofSeconds(20)).until(() -> !decisions.of(SlaBreachedV1.class, ticket).isEmpty());
			assertThat(decisions.of(SlaBreachedV1.class, ticket)).singleElement()
				.satisfies((b) -> assertThat(b.target()).isEqualTo("next_response"));
			tickets.publish(new AgentRepliedV1(ticket, "maria", "Update it", answered.plus(Duration.ofHours(3))));
			await().atMost(Duration.ofSeconds(20)).until(() -> decisions.of(SlaTargetMetV1.class, ticket).size() == 2);
			assertThat(decisions.of(SlaTargetMetV1.class, ticket).get(1)).satisfies((m) -> {
				assertThat(m.target()).isEqualTo("next_response");
				assertThat(m.withinTarget()).isFalse();
			});
		}
	}

	@Test
	void a_deadline_that_fell_due_while_the_service_was_down_is_raised_once_after_the_restart() {
		CLOCK.set(madrid("2026-12-07T10:00"));
		Map<String, Object> properties = properties();
		Instant opened = CLOCK.instant();
		String ticket;
		try (ConfigurableApplicationContext before = start(properties)) {
			ticket = open("vip", opened);
			awaitTimersSet(before, ticket);
		}
		// down for an hour: the warning and the breach fall due meanwhile
		CLOCK.set(opened.plus(Duration.ofHours(1)));
		try (ConfigurableApplicationContext after = start(properties)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> !decisions.of(SlaBreachedV1.class, ticket).isEmpty());
			await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
			assertThat(decisions.of(SlaWarningV1.class, ticket)).hasSize(1);
			assertThat(decisions.of(SlaBreachedV1.class, ticket)).hasSize(1);
		}
	}

	/**
	 * Needs a real MongoDB: the stand-in's find-and-modify and inserts are not atomic
	 * between connections, so two processes on it can both take a lease or append at the
	 * same position (ADR 6: the stand-in serves one instance).
	 */
	@Test
	void two_instances_on_the_same_database_raise_each_deadline_once() {
		CLOCK.set(madrid("2026-12-08T10:00"));
		Map<String, Object> properties = properties();
		try (ConfigurableApplicationContext first = start(properties);
				ConfigurableApplicationContext second = start(properties)) {
			Instant opened = CLOCK.instant();
			List<String> opened5 = java.util.stream.IntStream.range(0, 5).mapToObj((i) -> open("vip", opened)).toList();
			for (String ticket : opened5) {
				await().atMost(Duration.ofSeconds(30))
					.until(() -> timersOf(first, ticket) > 0 || timersOf(second, ticket) > 0);
			}
			await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
			CLOCK.set(opened.plus(Duration.ofMinutes(45)));
			for (String ticket : opened5) {
				await().atMost(Duration.ofSeconds(30))
					.until(() -> !decisions.of(SlaBreachedV1.class, ticket).isEmpty());
			}
			await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
			for (String ticket : opened5) {
				assertThat(decisions.of(SlaWarningV1.class, ticket)).as(ticket).hasSize(1);
				assertThat(decisions.of(SlaBreachedV1.class, ticket)).as(ticket).hasSize(1);
			}
		}
	}

	private boolean escalation(TriageDecidedV1 decision) {
		return "sla-breach".equals(decision.reason());
	}

	private static String open(String tier, Instant at) {
		String ticket = UUID.randomUUID().toString();
		tickets.publish(new TicketOpenedV1(ticket, "email", "cust-1", "ana@example.com", "Ana", "es-ES", "Export",
				"Export does nothing", at, "Europe/Madrid", tier));
		return ticket;
	}

	/**
	 * The ticket's timers are in the store (the clock started and its deadlines are set).
	 */
	private static void awaitTimersSet(ConfigurableApplicationContext routing, String ticket) {
		await().atMost(Duration.ofSeconds(30)).until(() -> timersOf(routing, ticket) >= 4);
	}

	private static void awaitFact(ConfigurableApplicationContext routing, String ticket, int version) {
		await().atMost(Duration.ofSeconds(30)).until(() -> timersWithVersion(routing, ticket, version) > 0);
	}

	private static long timersOf(ConfigurableApplicationContext routing, String ticket) {
		return timerKeys(routing).stream().filter((k) -> k.startsWith(SlaClockCommand.clockIdOf(ticket))).count();
	}

	private static long timersWithVersion(ConfigurableApplicationContext routing, String ticket, int version) {
		return timerKeys(routing).stream()
			.filter((k) -> k.startsWith(SlaClockCommand.clockIdOf(ticket)) && k.endsWith("|" + version))
			.count();
	}

	private static List<String> timerKeys(ConfigurableApplicationContext routing) {
		String database = routing.getEnvironment().getProperty("ticketloop.mongodb.database");
		try (MongoClient client = MongoClients.create(TestInfrastructure.get().mongoConnectionString())) {
			List<String> keys = new java.util.ArrayList<>();
			for (Document slot : client.getDatabase(database).getCollection("sla_timers").find()) {
				Document timers = slot.get("timers", Document.class);
				if (timers != null) {
					timers.values().forEach((t) -> keys.add(((Document) t).getString("k")));
				}
			}
			return keys;
		}
	}

	/** Lets the timers look at the moved clock (the timer thread polls every 50 ms). */
	private static void pollTimers(ConfigurableApplicationContext routing) {
		await().pollDelay(Duration.ofMillis(500)).until(() -> true);
	}

	private static Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>(
				TestInfrastructure.get().springProperties(RoutingServiceApplication.NAME));
		properties.put("spring.main.web-application-type", "none");
		return properties;
	}

	private static ConfigurableApplicationContext start(Map<String, Object> properties) {
		String[] args = properties.entrySet()
			.stream()
			.map((e) -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		return RoutingServiceApplication.builder().sources(ControlledClock.class).run(args);
	}

	/** The clock the test moves, instead of the system's. */
	@Configuration(proxyBeanMethods = false)
	static class ControlledClock {

		@Bean
		java.time.Clock clock() {
			return CLOCK;
		}

	}

}
