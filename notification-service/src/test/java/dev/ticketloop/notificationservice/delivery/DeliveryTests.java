package dev.ticketloop.notificationservice.delivery;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.ticketloop.contracts.notification.NotificationAbandonedV1;
import dev.ticketloop.contracts.notification.NotificationDeliveredV1;
import dev.ticketloop.contracts.notification.SurveyAnsweredV1;
import dev.ticketloop.contracts.ticket.AgentRepliedV1;
import dev.ticketloop.contracts.ticket.TicketResolvedV1;
import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.notificationservice.NotificationServiceApplication;
import dev.ticketloop.testsupport.ErrorBodies;
import dev.ticketloop.notificationservice.support.CallbackReceiver;
import dev.ticketloop.notificationservice.support.Http;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.testsupport.TopicRecorder;
import dev.ticketloop.notificationservice.support.TicketEventsProducer;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.TestInfrastructure;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * notification-service against the real broker, the MongoDB stand-in, a real SMTP server
 * (GreenMail) and a real HTTP server playing a channel adapter: what customers receive,
 * on which channel, in which language, how often, and the proof that comes back.
 */
@IntegrationTest
// closed after the class: a context left running would consume later tests' ticket
// events and mail their customers through a port its closed SMTP server freed
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(classes = NotificationServiceApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=notification-service", "ticketloop.delivery.retry.initial-delay=300ms",
				"ticketloop.delivery.retry.multiplier=2", "ticketloop.delivery.retry.max-attempts=3",
				"ticketloop.delivery.retry.jitter=0", "ticketloop.webhooks.allowed-hosts=127.0.0.1",
				"ticketloop.surveys.signing-secret=test-survey-signing-secret-0123456789",
				"ticketloop.security.api-keys[0].name=operator",
				"ticketloop.security.api-keys[0].key=operator-test-key-01",
				"ticketloop.security.api-keys[0].role=OPERATOR", "ticketloop.security.api-keys[1].name=chat-adapter",
				"ticketloop.security.api-keys[1].key=chat-adapter-test-key",
				"ticketloop.security.api-keys[1].role=ADAPTER", "ticketloop.security.api-keys[1].channel=chat",
				"ticketloop.security.api-keys[2].name=app-adapter",
				"ticketloop.security.api-keys[2].key=app-adapter-test-key",
				"ticketloop.security.api-keys[2].role=ADAPTER", "ticketloop.security.api-keys[2].channel=app" })
class DeliveryTests {

	private static final String OPERATOR = "operator-test-key-01";

	private static final String CHAT = "chat-adapter-test-key";

	private static final String APP = "app-adapter-test-key";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static EmbeddedSmtp smtp;

	private static CallbackReceiver adapter;

	private static TicketEventsProducer tickets;

	private static TopicRecorder receipts;

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	private Http http;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get().register(registry, NotificationServiceApplication.NAME);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.port());
	}

	@BeforeAll
	static void start() throws Exception {
		smtp = EmbeddedSmtp.start(0);
		adapter = new CallbackReceiver();
		tickets = new TicketEventsProducer();
		receipts = new TopicRecorder(Topics.NOTIFICATION_RECEIPTS);
	}

	@AfterAll
	static void stop() throws Exception {
		receipts.close();
		tickets.close();
		adapter.close();
		smtp.close();
	}

	@BeforeEach
	void client() {
		this.http = new Http("http://127.0.0.1:" + this.port);
	}

	@Test
	void customers_are_mailed_in_their_language_as_text_and_html_and_each_mail_comes_back_as_a_receipt()
			throws Exception {
		String ana = tickets.openAndTriage("email", "ana-" + UUID.randomUUID() + "@example.com", "Ana", "es-MX",
				"America/Mexico_City", "No puedo exportar");
		String li = tickets.openAndTriage("email", "li-" + UUID.randomUUID() + "@example.com", "李", "zh-CN",
				"Asia/Shanghai", "无法导出");
		String bob = tickets.openAndTriage("email", "bob-" + UUID.randomUUID() + "@example.com", null, "en-GB", null,
				"Export broken");

		await().atMost(WAIT)
			.until(() -> receipts.of(NotificationDeliveredV1.class, ana).size() == 1
					&& receipts.of(NotificationDeliveredV1.class, li).size() == 1
					&& receipts.of(NotificationDeliveredV1.class, bob).size() == 1);

		MimeMessage spanish = onlyMailAbout(ana);
		assertThat(spanish.getSubject()).isEqualTo("Hemos recibido su solicitud: No puedo exportar");
		assertThat(spanish.getHeader("Content-Language", null)).isEqualTo("es");
		assertThat(part(spanish, "text/plain")).startsWith("Hola Ana:").contains("GMT-6");
		assertThat(part(spanish, "text/html")).contains("<html lang=\"es\"").contains("Hola Ana:");
		MimeMessage chinese = onlyMailAbout(li);
		assertThat(chinese.getSubject()).isEqualTo("我们已收到您的请求：无法导出");
		assertThat(part(chinese, "text/plain")).startsWith("李，您好").contains("GMT+8");
		MimeMessage english = onlyMailAbout(bob);
		assertThat(english.getSubject()).isEqualTo("We received your request: Export broken");
		assertThat(part(english, "text/plain")).startsWith("Hello there,").contains("UTC");
		NotificationDeliveredV1 receipt = receipts.of(NotificationDeliveredV1.class, ana).get(0);
		assertThat(receipt.reason()).isEqualTo("acknowledgement");
		assertThat(receipt.channel()).isEqualTo("email");
		assertThat(receipt.notificationId()).isEqualTo(ana + ":acknowledgement");
	}

	@Test
	void the_same_event_delivered_twice_sends_one_message_and_one_receipt() throws Exception {
		String address = "dup-" + UUID.randomUUID() + "@example.com";
		String ticket = tickets.openAndTriage("email", address, "Dup", "en", null, "Twice");
		String reply = UUID.randomUUID().toString();
		AgentRepliedV1 replied = new AgentRepliedV1(ticket, "maria", "Clear the cache, please.", Instant.now());
		tickets.publish(reply, replied);
		tickets.publish(reply, replied);
		tickets.publish(reply, replied);

		await().atMost(WAIT)
			.until(() -> receipts.of(NotificationDeliveredV1.class, ticket)
				.stream()
				.anyMatch((r) -> r.reason().equals("reply")));
		await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);

		assertThat(mailsAbout(ticket)).extracting(MimeMessage::getSubject)
			.containsExactlyInAnyOrder("We received your request: Twice", "Re: Twice");
		assertThat(receipts.of(NotificationDeliveredV1.class, ticket)).extracting(NotificationDeliveredV1::reason)
			.containsExactlyInAnyOrder("acknowledgement", "reply");
	}

	@Test
	void a_chat_customer_is_reached_through_the_adapters_webhook_signed_with_its_secret() throws Exception {
		String secret = register("chat", CHAT, "/chat-signed");
		String ticket = tickets.openAndTriage("chat", null, "Ana", "es", null, "Exportar");

		await().atMost(WAIT).until(() -> receipts.of(NotificationDeliveredV1.class, ticket).size() == 1);

		CallbackReceiver.Received call = adapter.received("/chat-signed").get(0);
		assertThat(verifiesWith(secret, call)).isTrue();
		assertThat(verifiesWith("whsec_some-other-secret", call)).isFalse();
		JsonNode message = this.json.readTree(call.body());
		assertThat(message.get("id").asString()).isEqualTo(ticket + ":acknowledgement")
			.isEqualTo(call.header("Ticketloop-Delivery"));
		assertThat(message.get("ticketId").asString()).isEqualTo(ticket);
		assertThat(message.get("customerRef").asString()).startsWith("cust-");
		assertThat(message.get("subject").asString()).isEqualTo("Hemos recibido su solicitud: Exportar");
		assertThat(message.get("text").asString()).startsWith("Hola Ana:");
		assertThat(message.get("html").asString()).contains("<html lang=\"es\"");
		assertThat(receipts.of(NotificationDeliveredV1.class, ticket).get(0).channel()).isEqualTo("chat");
		assertThat(mailsAbout(ticket)).isEmpty();
	}

	@Test
	void after_a_secret_rotation_both_secrets_sign_until_the_old_one_expires() throws Exception {
		String first = register("app", APP, "/app-rotation");
		HttpResponse<String> rotated = this.http.call("POST", "/webhooks/app/secret-rotation", null, APP);
		assertThat(rotated.statusCode()).isEqualTo(200);
		String second = this.http.json(rotated).get("secret").asString();
		assertThat(second).isNotEqualTo(first).startsWith("whsec_");
		assertThat(this.http.json(rotated).get("secrets")).hasSize(2);

		String ticket = tickets.openAndTriage("app", null, "Bo", "en", null, "Sync");
		await().atMost(WAIT).until(() -> receipts.of(NotificationDeliveredV1.class, ticket).size() == 1);

		CallbackReceiver.Received call = adapter.received("/app-rotation").get(0);
		assertThat(call.header("Ticketloop-Signature")).matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
		assertThat(verifiesWith(first, call)).isTrue();
		assertThat(verifiesWith(second, call)).isTrue();
		JsonNode view = this.http.json(this.http.call("GET", "/webhooks/app", null, OPERATOR));
		assertThat(view.get("secret").isNull()).as("a secret is shown only when created").isTrue();
	}

	@Test
	void a_passing_failure_is_retried_with_back_off_until_the_adapter_accepts() throws Exception {
		register("chat", CHAT, "/chat-flaky");
		adapter.answerNext(503, 503);
		String ticket = tickets.openAndTriage("chat", null, "Ana", "en", null, "Flaky");

		await().atMost(WAIT).until(() -> receipts.of(NotificationDeliveredV1.class, ticket).size() == 1);

		List<CallbackReceiver.Received> calls = adapter.received("/chat-flaky");
		assertThat(calls).hasSize(3);
		assertThat(calls).extracting((c) -> c.header("Ticketloop-Attempt")).containsExactly("1", "2", "3");
		assertThat(calls).extracting((c) -> c.header("Ticketloop-Delivery")).containsOnly(ticket + ":acknowledgement");
		assertThat(receipts.of(NotificationAbandonedV1.class, ticket)).isEmpty();
	}

	@Test
	void a_refused_notification_goes_to_the_dead_letters_and_an_operator_sends_it_again() throws Exception {
		register("chat", CHAT, "/chat-refusing");
		adapter.answerNext(410);
		String ticket = tickets.openAndTriage("chat", null, "Ana", "en", null, "Gone");
		String id = ticket + ":acknowledgement";

		await().atMost(WAIT).until(() -> receipts.of(NotificationAbandonedV1.class, ticket).size() == 1);
		NotificationAbandonedV1 abandoned = receipts.of(NotificationAbandonedV1.class, ticket).get(0);
		assertThat(abandoned.failure()).isEqualTo("permanent");
		assertThat(abandoned.attempts()).isEqualTo(1);
		assertThat(abandoned.detail()).contains("HTTP 410");
		assertThat(adapter.received("/chat-refusing")).hasSize(1);

		await().atMost(WAIT)
			.until(() -> this.http.call("GET", "/dead-letters/" + id, null, OPERATOR).statusCode() == 200);
		JsonNode detail = this.http.json(this.http.call("GET", "/dead-letters/" + id, null, OPERATOR));
		assertThat(detail.get("deadLetter").get("failure").asString()).isEqualTo("permanent");
		assertThat(detail.get("recipient").get("channel").asString()).isEqualTo("chat");
		assertThat(detail.get("history")).extracting((h) -> h.get("type").asString())
			.containsExactly("NotificationRequested", "DeliveryAttempted", "DeliveryAbandoned");
		JsonNode page = this.http.json(this.http.call("GET", "/dead-letters?limit=200", null, OPERATOR));
		assertThat(page.get("items")).extracting((i) -> i.get("notificationId").asString()).contains(id);
		assertThat(this.http.call("GET", "/dead-letters", null, CHAT).statusCode()).isEqualTo(403);

		HttpResponse<String> retried = this.http.call("POST", "/dead-letters/" + id + "/retry", null, OPERATOR);
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);

		await().atMost(WAIT).until(() -> receipts.of(NotificationDeliveredV1.class, ticket).size() == 1);
		assertThat(adapter.received("/chat-refusing")).extracting((c) -> c.header("Ticketloop-Attempt"))
			.containsExactly("1", "2");
		await().atMost(WAIT)
			.until(() -> this.http.call("GET", "/dead-letters/" + id, null, OPERATOR).statusCode() == 404);
		HttpResponse<String> again = this.http.call("POST", "/dead-letters/" + id + "/retry", null, OPERATOR);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.headers().firstValue("content-type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));
	}

	@Test
	void an_operator_discards_a_dead_letter_for_good() throws Exception {
		String address = "nobody-" + UUID.randomUUID() + "@example.com";
		register("chat", CHAT, "/chat-discard");
		adapter.answerNext(404);
		String ticket = tickets.openAndTriage("chat", address, "Ana", "en", null, "Discard");
		String id = ticket + ":acknowledgement";
		await().atMost(WAIT)
			.until(() -> this.http.call("GET", "/dead-letters/" + id, null, OPERATOR).statusCode() == 200);

		HttpResponse<String> discarded = this.http.call("POST", "/dead-letters/" + id + "/discard",
				"{\"note\":\"the customer deleted their account\"}", OPERATOR);

		assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
		assertThat(this.http.json(discarded).get("status").asString()).isEqualTo("DISCARDED");
		await().atMost(WAIT)
			.until(() -> this.http.call("GET", "/dead-letters/" + id, null, OPERATOR).statusCode() == 404);
		assertThat(this.http.call("POST", "/dead-letters/" + id + "/retry", null, OPERATOR).statusCode())
			.isEqualTo(409);
		assertThat(this.http.call("POST", "/dead-letters/nope:acknowledgement/retry", null, OPERATOR).statusCode())
			.isEqualTo(404);
	}

	@Test
	void a_resolved_ticket_gets_a_survey_whose_signed_link_takes_one_answer() throws Exception {
		String address = "survey-" + UUID.randomUUID() + "@example.com";
		String ticket = tickets.openAndTriage("email", address, "Ana", "es", null, "Encuesta");
		tickets.publish(new TicketResolvedV1(ticket, "Borre la caché", true, Instant.now(), "agent"));

		await().atMost(WAIT).until(() -> mailsAbout(ticket).size() == 3);
		MimeMessage survey = mailsAbout(ticket).stream()
			.filter((m) -> subject(m).startsWith("¿Cómo lo hicimos?"))
			.findFirst()
			.orElseThrow();
		String link = part(survey, "text/plain").lines()
			.filter((l) -> l.contains("/surveys/"))
			.map((l) -> l.substring(l.indexOf("http")))
			.findFirst()
			.orElseThrow();
		String path = link.substring(link.indexOf("/surveys/"));
		assertThat(part(survey, "text/html")).contains("href=\"" + link + "\"");

		JsonNode view = this.http.json(this.http.call("GET", path, null, null));
		assertThat(view.get("subject").asString()).isEqualTo("Encuesta");
		assertThat(view.get("answered").asBoolean()).isFalse();

		HttpResponse<String> answered = this.http.call("POST", path, "{\"score\":5,\"comment\":\"¡Rápido!\"}", null);
		assertThat(answered.statusCode()).as(answered.body()).isEqualTo(202);
		await().atMost(WAIT).until(() -> receipts.of(SurveyAnsweredV1.class, ticket).size() == 1);
		SurveyAnsweredV1 answer = receipts.of(SurveyAnsweredV1.class, ticket).get(0);
		assertThat(answer.score()).isEqualTo(5);
		assertThat(answer.comment()).isEqualTo("¡Rápido!");

		assertThat(this.http.call("POST", path, "{\"score\":1}", null).statusCode()).isEqualTo(409);
		assertThat(this.http.json(this.http.call("GET", path, null, null)).get("answered").asBoolean()).isTrue();
		String tampered = path.substring(0, path.length() - 3) + (path.endsWith("AAA") ? "BBB" : "AAA");
		assertThat(this.http.call("POST", tampered, "{\"score\":5}", null).statusCode()).isEqualTo(401);
		assertThat(this.http.call("POST", path, "{\"score\":9}", null).statusCode()).isEqualTo(400);
	}

	@Test
	void callbacks_to_private_addresses_or_over_plain_http_are_refused() {
		for (String url : List.of("http://10.0.0.7/hook", "https://169.254.169.254/latest/meta-data",
				"https://[::1]/hook", "https://192.168.1.20/hook", "ftp://example.com/hook", "http://example.com/hook",
				"not a url")) {
			HttpResponse<String> response = this.http.call("PUT", "/webhooks/social", "{\"url\":\"" + url + "\"}",
					OPERATOR);
			assertThat(response.statusCode()).as(url + ": " + response.body()).isIn(400, 422);
			assertThat(response.body()).doesNotContain("Exception");
		}
		assertThat(this.http.call("PUT", "/webhooks/chat", "{\"url\":\"" + adapter.url("/x") + "\"}", APP).statusCode())
			.as("another channel's adapter")
			.isEqualTo(403);
		assertThat(
				this.http.call("PUT", "/webhooks/chat", "{\"url\":\"" + adapter.url("/x") + "\"}", null).statusCode())
			.isEqualTo(401);
		assertThat(this.http.call("PUT", "/webhooks/fax", "{\"url\":\"" + adapter.url("/x") + "\"}", OPERATOR)
			.statusCode()).isEqualTo(400);
	}

	/** Registers (or moves) a channel's callback; returns its first secret. */
	private String register(String channel, String key, String path) {
		HttpResponse<String> response = this.http.call("PUT", "/webhooks/" + channel,
				"{\"url\":\"" + adapter.url(path) + "\"}", key);
		assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
		String secret = this.http.json(response).get("secret").asString();
		if (secret == null || secret.isBlank() || "null".equals(secret)) {
			// moved: the secret is the one created first; rotate to learn one
			HttpResponse<String> rotated = this.http.call("POST", "/webhooks/" + channel + "/secret-rotation", null,
					key);
			secret = this.http.json(rotated).get("secret").asString();
		}
		return secret;
	}

	/**
	 * The adapter's side, written here without the service's code: HMAC-SHA256 of
	 * {@code t + "." + body} with one of its secrets must match one {@code v1} of the
	 * header.
	 */
	private static boolean verifiesWith(String secret, CallbackReceiver.Received call) throws Exception {
		String header = call.header("Ticketloop-Signature");
		String timestamp = null;
		List<String> signatures = new java.util.ArrayList<>();
		for (String part : header.split(",")) {
			String[] kv = part.split("=", 2);
			if (kv[0].equals("t")) {
				timestamp = kv[1];
			}
			else if (kv[0].equals("v1")) {
				signatures.add(kv[1]);
			}
		}
		assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		byte[] signedPayload = (timestamp + "." + new String(call.body(), StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8);
		String expected = HexFormat.of().formatHex(mac.doFinal(signedPayload));
		return signatures.stream()
			.anyMatch((s) -> java.security.MessageDigest.isEqual(s.getBytes(StandardCharsets.US_ASCII),
					expected.getBytes(StandardCharsets.US_ASCII)));
	}

	private static List<MimeMessage> mailsAbout(String ticket) {
		return smtp.receivedMessages().stream().filter((m) -> {
			try {
				String[] header = m.getHeader("X-Ticketloop-Ticket");
				return header != null && header[0].equals(ticket);
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static MimeMessage onlyMailAbout(String ticket) throws Exception {
		List<MimeMessage> mails = mailsAbout(ticket);
		assertThat(mails).hasSize(1);
		assertThat(mails.get(0).getRecipients(Message.RecipientType.TO)).hasSize(1);
		return mails.get(0);
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The text of the part of this type, wherever it sits in the multipart tree. */
	private static String part(MimeMessage message, String type) throws Exception {
		String found = find(message.getContent(), type);
		assertThat(found).as("a " + type + " part").isNotNull();
		return found;
	}

	private static String find(Object content, String type) throws Exception {
		if (content instanceof MimeMultipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				var part = multipart.getBodyPart(i);
				if (part.isMimeType(type)) {
					return (String) part.getContent();
				}
				String nested = find(part.getContent(), type);
				if (nested != null) {
					return nested;
				}
			}
		}
		return null;
	}

	/**
	 * Issue 20: every error of notification-service is problem+json with the right
	 * status, the public survey endpoints' too.
	 */
	@Test
	void every_error_is_a_problem_with_the_right_status() {
		ErrorBodies errors = new ErrorBodies(this.port).expect("GET", "/dead-letters/%00", OPERATOR, 400, false)
			.expect("GET", "/dead-letters?after[$gt]=x", OPERATOR, 400, false)
			.expect("GET", "/surveys/..%2F..%2Fetc", null, 400, false)
			.expect("GET", "/no-such-thing", OPERATOR, 404, true)
			.expect("DELETE", "/dead-letters", OPERATOR, 405, true)
			.expect("GET", "/dead-letters?limit=many", OPERATOR, 400, true)
			.expect("GET", "/dead-letters", null, 401, true)
			.expect("GET", "/dead-letters", "not-a-key-of-anyone", 401, true)
			.expect("GET", "/dead-letters", CHAT, 403, true)
			.expect("GET", "/surveys/not-a-token", null, 401, true);
		assertThat(errors.failures()).isEmpty();
	}

}
