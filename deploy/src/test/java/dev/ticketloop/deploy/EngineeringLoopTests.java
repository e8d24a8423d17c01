package dev.ticketloop.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.ticketloop.contracts.CloudEvent;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.engineering.ReleasePublishedV1;
import dev.ticketloop.example.consumer.TicketStatusConsumer;
import dev.ticketloop.example.consumer.TicketStatuses;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engineering loop end to end over the real broker, through all three services: three
 * tickets from two channels, a clarification round trip, one escalation to a new issue,
 * two tickets linked to it as a known issue, the fix scheduled and its release text
 * drafted in every language and approved by a lead, a release from engineering's CI on
 * the releases topic, every customer told with that text by mail (received by a real SMTP
 * server) or webhook in their language, the loop closed on the receipts, the tickets
 * closed; the same release again changes nothing. Also the reminder and automatic closing
 * of an unanswered question.
 * <p>
 * The broker is shared with the other end-to-end tests and new consumer groups read the
 * topics from the start, so each test class mails its own addresses.
 */
@IntegrationTest
class EngineeringLoopTests {

	private static final String EMAIL_KEY = "test-email-adapter-key";

	private static final String CHAT_KEY = "test-chat-adapter-key";

	private static final String AGENT_KEY = "test-agent-key-00001";

	private static final String ENGINEERING_KEY = "test-engineering-key-1";

	private static final String LEAD_KEY = "test-lead-key-000001";

	private static EmbeddedSmtp smtp;

	private static RunningSystem system;

	private static ChannelAdapterStub chatAdapter;

	private static SystemConfig config;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final CloudEventCodec codec = new CloudEventCodec();

	/** The trace engineering's CI publishes the release in. */
	private static final String RELEASE_TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	/**
	 * The trace each ticket's opening call began (answered in its traceparent header).
	 */
	private final Map<String, String> openedIn = new java.util.concurrent.ConcurrentHashMap<>();

	@BeforeAll
	static void startSystem() {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		smtp = EmbeddedSmtp.start(0);
		config = new SystemConfig(infrastructure.kafkaBootstrapServers(), infrastructure.mongoConnectionString(),
				TestInfrastructure.uniqueDatabase("loop") + "-", smtp.host(), smtp.port(), 0, 0, 0,
				List.of(new SystemConfig.ApiKey("email-adapter", EMAIL_KEY, "ADAPTER", "email"),
						new SystemConfig.ApiKey("chat-adapter", CHAT_KEY, "ADAPTER", "chat"),
						new SystemConfig.ApiKey("agent", AGENT_KEY, "AGENT", null),
						new SystemConfig.ApiKey("engineering-ci", ENGINEERING_KEY, "ENGINEERING", null),
						new SystemConfig.ApiKey("lena", LEAD_KEY, "LEAD", null)),
				Map.of("ticketloop.tickets.reminder-after", "3s", "ticketloop.tickets.auto-close-after", "6s",
						"ticketloop.tickets.quiet-period", "4s", "ticketloop.tickets.poll-interval", "200ms",
						"ticketloop.fan-out.poll-interval", "200ms"));
		system = RunningSystem.start(config);
		try {
			chatAdapter = ChannelAdapterStub.registeredForChat(system.notificationServiceUrl(), CHAT_KEY);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void stopSystem() {
		system.close();
		chatAdapter.close();
		smtp.close();
	}

	@Test
	void a_release_on_the_topic_tells_every_linked_customer_once_and_closes_their_tickets() throws Exception {
		String ana = open(EMAIL_KEY, "email", "ana.loop@example.com", "Ana", "es-MX", "Exportar no funciona");
		String bo = open(CHAT_KEY, "chat", "bo.loop@example.com", "Bo", "zh-CN", "导出失败");
		String cy = open(EMAIL_KEY, "email", "cy.loop@example.com", "Cy", "en-GB", "Export does nothing");
		for (String ticket : List.of(ana, bo, cy)) {
			awaitView(ticket, (v) -> types(v).contains("CustomerNotified"));
		}

		// a clarification round trip on Ana's ticket, then its escalation to a new issue
		String a = "/tickets/" + ana;
		assertOk(call(a + "/assignment", "{\"agent\":\"maria\"}", AGENT_KEY));
		assertOk(call(a + "/clarification-requests", "{\"question\":\"¿Qué formato de archivo?\"}", AGENT_KEY));
		await().atMost(Duration.ofSeconds(30)).until(() -> EndToEnd.mailsTo(smtp, "ana.loop@example.com").size() == 2);
		assertOk(call(a + "/messages", "{\"body\":\"XLSX\"}", EMAIL_KEY));
		HttpResponse<String> escalated = call(a + "/escalation",
				"{\"title\":\"XLSX export does nothing\",\"description\":\"The export button has no effect for XLSX\"}",
				AGENT_KEY);
		assertOk(escalated);
		assertThat(this.json.readTree(escalated.body()).get("status").asString()).isEqualTo("ESCALATED");
		String issue = this.json.readTree(escalated.body()).get("issueKey").asString();
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/issues/" + issue, AGENT_KEY).statusCode() == 200);

		// two more customers suffer from the same known issue
		assertOk(call("/tickets/" + bo + "/issue-link", "{\"issueKey\":\"" + issue + "\"}", AGENT_KEY));
		assertOk(call("/tickets/" + cy + "/issue-link", "{\"issueKey\":\"" + issue + "\"}", AGENT_KEY));
		await().atMost(Duration.ofSeconds(30)).until(() -> issueView(issue).get("linkedTickets").asInt() == 3);
		// the issue's view and the tickets' view are kept by different processors: each
		// catches up on its own
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode listed = this.json.readTree(get("/issues/" + issue + "/tickets", AGENT_KEY).body());
			assertThat(listed.get("items")).extracting((n) -> n.get("ticketId").asString())
				.containsExactlyInAnyOrder(ana, bo, cy);
		});

		// engineering plans the fix, the tickets wait for the release
		assertOk(call("/issues/" + issue + "/fix-schedule", "{\"targetVersion\":\"4.2.0\"}", ENGINEERING_KEY));
		for (String ticket : List.of(ana, bo, cy)) {
			awaitView(ticket, (v) -> "AWAITING_RELEASE".equals(v.get("status").asString()));
		}
		// support gets the release text drafted, in every language, and a lead approves
		// it
		String release = "/templates/release-" + issue.toLowerCase(java.util.Locale.ROOT);
		await().atMost(Duration.ofSeconds(30)).until(() -> routing("GET", release, null, LEAD_KEY).statusCode() == 200);
		JsonNode draft = this.json.readTree(routing("GET", release, null, LEAD_KEY).body());
		assertThat(draft.get("status").asString()).isEqualTo("proposed");
		assertThat(draft.get("issueKey").asString()).isEqualTo(issue);
		assertThat(draft.get("title").asString())
			.isEqualTo("Fixed in version 4.2.0: XLSX export does nothing (" + issue + ")");
		assertThat(draft.get("languages")).extracting(JsonNode::asString).containsExactly("en", "es", "zh");
		assertThat(routing("POST", release + "/approval", "{\"version\":1}", AGENT_KEY).statusCode()).isEqualTo(403);
		assertOk(routing("POST", release + "/approval", "{\"version\":1}", LEAD_KEY));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> EndToEnd.typesOnTopic(Topics.ROUTING_TEMPLATES, release.substring("/templates/".length()))
				.contains("dev.ticketloop.routing.template-approved.v1"));
		Thread.sleep(1_000); // notification-service reads the templates topic as it comes

		// engineering's CI publishes the release
		publishRelease("release-4.2.0", "4.2.0", List.of(issue, "ENG-9999"));
		for (String ticket : List.of(ana, bo, cy)) {
			JsonNode view = awaitView(ticket, (v) -> "CLOSED".equals(v.get("status").asString()));
			assertThat(types(view)).containsSubsequence("TicketEscalated", "TicketFixScheduled", "TicketFixReleased",
					"CustomerNotified", "TicketResolved", "TicketClosed");
			assertThat(view.get("fixVersion").asString()).isEqualTo("4.2.0");
			assertThat(view.get("issueKey").asString()).isEqualTo(issue);
		}
		// told with the approved release text, in each customer's language
		assertThat(EndToEnd.text(mailWithSubject("ana.loop@example.com", "Solucionado: Exportar no funciona")))
			.contains("está corregido en la versión 4.2.0, que ya está disponible")
			.contains("indicando el ticket " + ana);
		// Bo came through chat: told through the chat adapter, in Chinese, not by mail
		await().atMost(Duration.ofSeconds(30))
			.until(() -> chatAdapter.about(bo).stream().anyMatch((m) -> "fix_released".equals(reason(m))));
		JsonNode toBo = chatAdapter.about(bo)
			.stream()
			.filter((m) -> "fix_released".equals(reason(m)))
			.findFirst()
			.orElseThrow();
		assertThat(toBo.get("subject").asString()).isEqualTo("已修复：导出失败");
		assertThat(toBo.get("text").asString()).contains("已在 4.2.0 版本中修复").contains("工单号 " + bo);
		assertThat(chatAdapter.signatures()).allMatch((s) -> s.matches("t=\\d+,v1=[0-9a-f]{64}"));
		// one trace from engineering's release record to the webhook and the mails it
		// caused; Bo's acknowledgement is in the trace of the call that opened the ticket
		assertThat(traceIdOf(chatAdapter.traceparentOf(toBo))).isEqualTo(traceIdOf(RELEASE_TRACE));
		assertThat(traceIdOf(
				header(mailWithSubject("ana.loop@example.com", "Solucionado: Exportar no funciona"), "Traceparent")))
			.isEqualTo(traceIdOf(RELEASE_TRACE));
		JsonNode acknowledgement = chatAdapter.about(bo)
			.stream()
			.filter((m) -> "acknowledgement".equals(reason(m)))
			.findFirst()
			.orElseThrow();
		assertThat(traceIdOf(chatAdapter.traceparentOf(acknowledgement))).isEqualTo(traceIdOf(this.openedIn.get(bo)));
		assertThat(EndToEnd.mailsTo(smtp, "bo.loop@example.com")).isEmpty();
		assertThat(EndToEnd.text(mailWithSubject("cy.loop@example.com", "Fixed: Export does nothing")))
			.contains("fixed in version 4.2.0, which is now available")
			.contains("mention ticket " + cy);
		// the closed loop's own resolution is not told again; the survey follows it
		await().atMost(Duration.ofSeconds(30)).until(() -> EndToEnd.mailsTo(smtp, "cy.loop@example.com").size() == 3);
		assertThat(EndToEnd.mailsTo(smtp, "cy.loop@example.com")).extracting(MimeMessage::getSubject)
			.containsExactly("We received your request: Export does nothing", "Fixed: Export does nothing",
					"How did we do? Export does nothing");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "RELEASED".equals(issueView(issue).get("status").asString()));

		// another team's consumer (the example, plain kafka-clients) rebuilds the same
		// statuses from the published ticket events alone, every record readable
		TicketStatuses statuses = new TicketStatuses();
		TicketStatusConsumer consumer = TicketStatusConsumer
			.connect(new TicketStatusConsumer.Settings(TestInfrastructure.get().kafkaBootstrapServers(),
					"example-" + java.util.UUID.randomUUID(), true), statuses, (ticket) -> {
					});
		Thread reader = Thread.ofPlatform().daemon().start(consumer);
		try {
			assertThat(consumer.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
			for (String ticket : List.of(ana, bo, cy)) {
				assertThat(statuses.ticket(ticket)).hasValueSatisfying((state) -> {
					assertThat(state.status().name())
						.isEqualTo(awaitView(ticket, (v) -> true).get("status").asString());
					assertThat(state.fromOpening()).isTrue();
				});
			}
			assertThat(consumer.counts().unreadable()).isZero();
		}
		finally {
			consumer.stop();
			reader.join(10_000);
		}

		// the same release delivered again: nothing changes
		Map<String, Long> events = eventCounts(ana, bo, cy);
		int mails = smtp.receivedMessages().size();
		int webhooks = chatAdapter.about(bo).size();
		long issueVersion = issueView(issue).get("version").asLong();
		publishRelease("release-4.2.0", "4.2.0", List.of(issue, "ENG-9999"));
		EndToEnd.awaitConsumed(config.databaseOf("ticket-service"));
		EndToEnd.awaitConsumed(config.databaseOf("notification-service"));
		assertThat(eventCounts(ana, bo, cy)).isEqualTo(events);
		assertThat(smtp.receivedMessages()).hasSize(mails);
		assertThat(chatAdapter.about(bo)).hasSize(webhooks);
		assertThat(issueView(issue).get("version").asLong()).isEqualTo(issueVersion);

		// engineering's tools see the issue's story on their topic, the release once
		assertThat(EndToEnd.typesOnTopic(Topics.ENGINEERING_ISSUES, issue)).containsExactly(
				"dev.ticketloop.engineering.issue-reported.v1", "dev.ticketloop.engineering.issue-ticket-linked.v1",
				"dev.ticketloop.engineering.issue-ticket-linked.v1",
				"dev.ticketloop.engineering.issue-ticket-linked.v1",
				"dev.ticketloop.engineering.issue-fix-scheduled.v1", "dev.ticketloop.engineering.issue-released.v1");
	}

	@Test
	void an_unanswered_question_reminds_the_customer_then_closes_the_ticket_politely() throws Exception {
		String dee = open(EMAIL_KEY, "email", "dee.loop@example.com", "Dee", "en-US", "Cannot log in");
		awaitView(dee, (v) -> types(v).contains("CustomerNotified"));
		assertOk(call("/tickets/" + dee + "/assignment", "{\"agent\":\"maria\"}", AGENT_KEY));
		assertOk(call("/tickets/" + dee + "/clarification-requests", "{\"question\":\"Which browser do you use?\"}",
				AGENT_KEY));

		JsonNode view = awaitView(dee, (v) -> "CLOSED".equals(v.get("status").asString()));
		assertThat(types(view)).containsSubsequence("ClarificationRequested", "CustomerReminded", "TicketClosed");
		assertThat(view.get("history").get(view.get("history").size() - 1).get("details").get("reason").asString())
			.isEqualTo("unanswered");
		await().atMost(Duration.ofSeconds(30)).until(() -> EndToEnd.mailsTo(smtp, "dee.loop@example.com").size() == 4);
		assertThat(EndToEnd.mailsTo(smtp, "dee.loop@example.com")).extracting(MimeMessage::getSubject)
			.containsExactly("We received your request: Cannot log in", "We need a detail from you: Cannot log in",
					"Reminder: we still need a detail from you: Cannot log in",
					"We closed your request: Cannot log in");
		assertThat(EndToEnd.text(EndToEnd.mailsTo(smtp, "dee.loop@example.com").get(2)))
			.contains("Which browser do you use?");
	}

	private void publishRelease(String releaseId, String version, List<String> issues) throws Exception {
		CloudEvent event = CloudEvent
			.of("evt-" + releaseId, "/engineering/ci", Instant.now(),
					new ReleasePublishedV1(releaseId, version, issues, Instant.now()))
			.withTraceparent(RELEASE_TRACE);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()),
				new StringSerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(Topics.ENGINEERING_RELEASES, releaseId, this.codec.write(event))).get();
		}
	}

	private Map<String, Long> eventCounts(String... tickets) {
		EventStore store = system.ticketService().getBean(EventStore.class);
		Map<String, Long> counts = new java.util.TreeMap<>();
		for (String ticket : tickets) {
			counts.put(ticket, store.readEvents(ticket).asStream().count());
		}
		return counts;
	}

	private String open(String key, String channel, String email, String name, String locale, String subject)
			throws Exception {
		String body = this.json.writeValueAsString(Map.of("channel", channel, "customerRef", "cust-" + email, "contact",
				Map.of("email", email, "name", name), "locale", locale, "subject", subject, "body",
				"Something is broken: " + subject));
		HttpResponse<String> response = call("/tickets", body, key);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		String ticket = this.json.readTree(response.body()).get("ticketId").asString();
		this.openedIn.put(ticket, response.headers().firstValue("traceparent").orElseThrow());
		return ticket;
	}

	private HttpResponse<String> call(String path, String body, String key) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(system.ticketServiceUrl() + path))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> routing(String method, String path, String body, String key) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(system.routingServiceUrl() + path))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", key)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String key) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create(system.ticketServiceUrl() + path)).header("X-Api-Key", key).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode issueView(String issue) throws Exception {
		return this.json.readTree(get("/issues/" + issue, AGENT_KEY).body());
	}

	private static void assertOk(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private JsonNode awaitView(String ticketId, Predicate<JsonNode> condition) {
		JsonNode[] view = new JsonNode[1];
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
			HttpResponse<String> response = get("/tickets/" + ticketId, AGENT_KEY);
			if (response.statusCode() != 200) {
				return false;
			}
			view[0] = this.json.readTree(response.body());
			return condition.test(view[0]);
		});
		return view[0];
	}

	private static List<String> types(JsonNode view) {
		List<String> types = new ArrayList<>();
		view.get("history").forEach((h) -> types.add(h.get("type").asString()));
		return types;
	}

	private static MimeMessage mailWithSubject(String address, String subject) {
		return EndToEnd.mailsTo(smtp, address).stream().filter((m) -> {
			try {
				return subject.equals(m.getSubject());
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).findFirst().orElseThrow(() -> new AssertionError("no mail '" + subject + "' to " + address));
	}

	private static String reason(JsonNode message) {
		return message.get("reason").asString();
	}

	private static String traceIdOf(String traceparent) {
		assertThat(traceparent).as("a W3C traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
		return traceparent.substring(3, 35);
	}

	private static String header(MimeMessage mail, String name) {
		try {
			return mail.getHeader(name, null);
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
