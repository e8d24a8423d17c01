package dev.ticketloop.insightsservice.emerging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.engineering.IssueTicketLinkedV1;
import dev.ticketloop.contracts.insights.EmergingIssueV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.insightsservice.InsightsServiceApplication;
import dev.ticketloop.insightsservice.facts.ConsumerLag;
import dev.ticketloop.testsupport.CloudEventsProducer;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import dev.ticketloop.testsupport.TopicRecorder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Emerging problems found in tickets published on the real topics: a burst of tickets
 * saying the same thing is found and published once, again when it has doubled; a
 * question that comes every day, tickets already linked to an engineering issue and
 * unrelated tickets are not.
 */
@IntegrationTest
@SpringBootTest(classes = InsightsServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=insights-service", "ticketloop.insights.refresh=200ms",
				"ticketloop.security.api-keys[0].name=engineering",
				"ticketloop.security.api-keys[0].key=engineering-test-key-1",
				"ticketloop.security.api-keys[0].role=ENGINEERING", "ticketloop.security.api-keys[1].name=adapter",
				"ticketloop.security.api-keys[1].key=adapter-test-key-01",
				"ticketloop.security.api-keys[1].role=ADAPTER", "ticketloop.security.api-keys[1].channel=email" })
class EmergingProblemsTests {

	/** Far from every other test's tickets. */
	private static final Instant NOW = Instant.parse("2027-03-10T12:00:00Z");

	private static final String[] CRASHES = { "The app crashes when I upload a photo",
			"App crashed uploading photos from my gallery", "Every time I upload photos the app crashes",
			"uploading a photo makes the app crash", "app crash on photo upload", "Photo upload crashes the app",
			"The app keeps crashing when uploading a photo", "crash when I upload photos in the app",
			"Uploading photos: app crashes", "my app crashes as soon as I upload a photo",
			"the app crashed again uploading a photo", "App crashes while uploading my photo",
			"App crashes whenever a photo is uploaded" };

	private static final String[] NOISE = { "Where can I download last month's invoice as PDF?",
			"Please change the email address on my account", "Do you offer a discount for nonprofits?",
			"My subscription renewed twice this month", "How can I export my contacts to CSV?",
			"Can I add a second user to my plan?" };

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, InsightsServiceApplication.NAME);
	}

	@Autowired
	EmergingProblems emerging;

	@Autowired
	ConsumerLag lag;

	@LocalServerPort
	int port;

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void a_burst_of_tickets_that_say_the_same_thing_is_an_emerging_problem_and_the_rest_is_not() throws Exception {
		List<String> burst = new ArrayList<>();
		List<String> linked = new ArrayList<>();
		try (CloudEventsProducer tickets = new CloudEventsProducer("/ticketloop/ticket-service")) {
			// the same question every day of the week: it does not rise
			for (int day = 0; day < 7; day++) {
				for (int i = 0; i < 2; i++) {
					open(tickets, NOW.minus(Duration.ofDays(day)).minusSeconds(3_600 * (i + 1)),
							"How do I reset my password? I forgot it");
				}
			}
			// a burst the engineering issue ISS-9 already covers
			for (int i = 0; i < 6; i++) {
				String ticket = open(tickets, NOW.minusSeconds(600 * (i + 1)),
						"Invoice PDF download fails with error 500");
				tickets.publish(new IssueTicketLinkedV1("ISS-9", ticket, NOW.minusSeconds(60)));
				linked.add(ticket);
			}
			for (int i = 0; i < NOISE.length; i++) {
				open(tickets, NOW.minusSeconds(5_000 * (i + 1)), NOISE[i]);
			}
			// one crash report three days ago, then six in the last day
			burst.add(open(tickets, NOW.minus(Duration.ofDays(3)), CRASHES[0]));
			for (int i = 1; i <= 6; i++) {
				burst.add(open(tickets, NOW.minusSeconds(1_800 * i), CRASHES[i]));
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.lag.records() == 0);
		try (TopicRecorder recorder = new TopicRecorder(Topics.INSIGHTS_REPORTS)) {
			EmergingProblems.Detection detection = await().atMost(Duration.ofSeconds(30))
				.until(() -> this.emerging.run(NOW), (found) -> !found.problems().isEmpty());
			assertThat(detection.problems()).hasSize(1);
			EmergingIssueV1 problem = detection.problems().get(0);
			assertThat(problem.ticketsInWindow()).isEqualTo(6);
			assertThat(problem.ticketsBefore()).isEqualTo(1);
			assertThat(problem.terms()).contains("crash", "app");
			assertThat(problem.examples()).hasSize(5)
				.allSatisfy((example) -> assertThat(burst).contains(example.ticketId()));
			assertThat(problem.examples().get(0).subject()).isEqualTo(CRASHES[1]);
			assertThat(problem.platforms()).containsExactly(new EmergingIssueV1.Count("android", 7));
			List<EmergingIssueV1> published = await().atMost(Duration.ofSeconds(30))
				.until(() -> recorder.of(EmergingIssueV1.class, problem.emergingId()), (found) -> !found.isEmpty());
			assertThat(recorder.rejected()).isEmpty();
			assertThat(published.get(0).ticketsInWindow()).isEqualTo(6);

			// the next detection finds the same problem: not published again
			assertThat(this.emerging.run(NOW.plusSeconds(60)).problems()).extracting(EmergingIssueV1::emergingId)
				.containsExactly(problem.emergingId());
			// doubled (6 more): published again, with the same id
			try (CloudEventsProducer tickets = new CloudEventsProducer("/ticketloop/ticket-service")) {
				for (int i = 7; i < CRASHES.length; i++) {
					burst.add(open(tickets, NOW.plusSeconds(60 * i), CRASHES[i]));
				}
			}
			Instant later = NOW.plusSeconds(3_600);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.emerging.run(later).problems().get(0).ticketsInWindow() == 12);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> recorder.of(EmergingIssueV1.class, problem.emergingId()).size() == 2);
			Thread.sleep(500);
			assertThat(recorder.of(EmergingIssueV1.class, problem.emergingId())).hasSize(2)
				.last()
				.satisfies((again) -> assertThat(again.ticketsInWindow()).isEqualTo(12));
		}

		HttpResponse<String> response = get("engineering-test-key-1");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode last = this.json.readTree(response.body()).get("detection");
		assertThat(last.get("problems")).hasSize(1);
		assertThat(last.get("problems").get(0).get("ticketsInWindow").asLong()).isEqualTo(12);
		assertThat(get("adapter-test-key-01").statusCode()).isEqualTo(403);
		assertThat(linked).doesNotContainAnyElementsOf(burst);
	}

	private static String open(CloudEventsProducer producer, Instant at, String subject) {
		String ticket = UUID.randomUUID().toString();
		producer.publish(new TicketOpenedV1(ticket, "app", "cust-" + ticket.substring(0, 6), null, "C", "en", subject,
				"Sent from my phone", at, null, "standard",
				subject.contains("app") || subject.contains("App") || subject.contains("crash") ? "android" : "web",
				"4.2.1"));
		return ticket;
	}

	private HttpResponse<String> get(String key) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/reports/emerging"))
				.header("X-Api-Key", key)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
