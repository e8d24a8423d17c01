package dev.ticketloop.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import dev.ticketloop.testsupport.IntegrationTest;
import dev.ticketloop.testsupport.ShiftedClock;
import dev.ticketloop.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console as a person uses it, in a real headless Chromium against the running system
 * on the embedded infrastructure: sign in, a ticket opened over the API appears in the
 * queue without a reload, the agent takes it and replies from its page and the customer's
 * mail arrives, a refused action shows the API's problem, a role sees no page that is not
 * for it, a forged change and a session that has ended are refused. Every page is checked
 * with axe-core and its screenshot saved to {@code docs/screenshots/}.
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTests {

	private static final String EMAIL_KEY = "test-console-email-key-1";

	private static final String CHAT_KEY = "test-console-chat-key-01";

	private static final String AGENT_KEY = "test-console-agent-key-1";

	private static final String LEAD_KEY = "test-console-lead-key-01";

	private static final String OPERATOR_KEY = "test-console-operator-01";

	private static final String ENGINEERING_KEY = "test-console-engineer-01";

	private static EmbeddedSmtp smtp;

	private static RunningSystem system;

	private static final ShiftedClock ROUTING_CLOCK = ShiftedClock.now();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	private ChromeDriver browser;

	@BeforeAll
	static void startSystem() throws Exception {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		smtp = EmbeddedSmtp.start(0);
		SystemConfig config = new SystemConfig(infrastructure.kafkaBootstrapServers(),
				infrastructure.mongoConnectionString(), TestInfrastructure.uniqueDatabase("console") + "-", smtp.host(),
				smtp.port(), 0, 0, 0,
				List.of(new SystemConfig.ApiKey("email-adapter", EMAIL_KEY, "ADAPTER", "email"),
						new SystemConfig.ApiKey("chat-adapter", CHAT_KEY, "ADAPTER", "chat"),
						new SystemConfig.ApiKey("ana", AGENT_KEY, "AGENT", null),
						new SystemConfig.ApiKey("lee", LEAD_KEY, "LEAD", null),
						new SystemConfig.ApiKey("operator", OPERATOR_KEY, "OPERATOR", null),
						new SystemConfig.ApiKey("ci", ENGINEERING_KEY, "ENGINEERING", null)),
				Map.of(),
				// agents pull their work here: no dispatcher hands the tickets out (it
				// would
				// also hand on the tickets of an agent who is away)
				Map.of("routing-service", Map.of("ticketloop.assignment.enabled", false)));
		// routing's time, which a test moves to see a ticket's band change
		system = RunningSystem.start(config, 1, Map.of("routing-service", ROUTING_CLOCK));
		// ana works in support, speaks English and Spanish, and is available
		HttpResponse<String> agent = call("PUT", system.routingServiceUrl() + "/agents/ana", OPERATOR_KEY,
				Map.of("name", "Ana", "teams", List.of("support"), "skills", List.of(), "languages",
						List.of("en", "es"), "capacity", 10));
		assertThat(agent.statusCode()).as(agent.body()).isEqualTo(200);
		call("PUT", system.routingServiceUrl() + "/agents/ana/availability", OPERATOR_KEY, Map.of("available", true));
		// bo works in support too, away for now
		HttpResponse<String> colleague = call("PUT", system.routingServiceUrl() + "/agents/bo", OPERATOR_KEY,
				Map.of("name", "Bo", "teams", List.of("support"), "skills", List.of(), "languages", List.of("en"),
						"capacity", 10));
		assertThat(colleague.statusCode()).as(colleague.body()).isEqualTo(200);
	}

	@AfterAll
	static void stopSystem() {
		system.close();
		smtp.close();
	}

	@AfterEach
	void closeBrowser(org.junit.jupiter.api.TestInfo test) throws Exception {
		if (this.browser != null) {
			// what the page showed last, for a failure's reader
			java.nio.file.Path last = java.nio.file.Path.of("target",
					"console-" + test.getTestMethod().orElseThrow().getName() + ".png");
			java.nio.file.Files.write(last, this.browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
			this.browser.quit();
		}
	}

	private static HttpResponse<String> call(String method, String url, String key, Object body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url))
			.header("X-Api-Key", key)
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))
							: HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String openTicket(String email, String subject, String text) throws Exception {
		HttpResponse<String> opened = call("POST", system.ticketServiceUrl() + "/tickets", EMAIL_KEY,
				Map.of("channel", "email", "customerRef", "cust-" + email, "contact",
						Map.of("email", email, "name", "Sam"), "locale", "en-GB", "subject", subject, "body", text));
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
		return json.readTree(opened.body()).get("ticketId").asString();
	}

	/** A wait that looks again when the page drew a row anew while it was being read. */
	private WebDriverWait waiting(Duration timeout) {
		WebDriverWait wait = new WebDriverWait(this.browser, timeout, Duration.ofMillis(50));
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
		return wait;
	}

	private void signIn(String key) {
		WebElement field = waiting(Duration.ofSeconds(10))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("key")));
		field.sendKeys(key);
		this.browser.findElement(By.id("sign-in")).click();
		waiting(Duration.ofSeconds(10)).until((d) -> !d.getCurrentUrl().contains("/sign-in"));
	}

	private List<String> accessibility() throws Exception {
		return HeadlessChromium.seriousAccessibilityViolations(this.browser);
	}

	@Test
	void an_agent_sees_a_new_ticket_arrive_takes_it_and_replies_and_the_customer_gets_the_mail() throws Exception {
		this.browser = HeadlessChromium.start("en");
		this.browser.get(system.consoleUrl() + "/queue");
		assertThat(this.browser.getCurrentUrl()).contains("/sign-in?next=%2Fqueue");
		assertThat(accessibility()).as("sign-in page").isEmpty();
		HeadlessChromium.screenshot(this.browser, "sign-in");
		signIn(AGENT_KEY);
		waiting(Duration.ofSeconds(15)).until(ExpectedConditions.textToBe(By.id("live"), "● live"));

		long before = System.nanoTime();
		String ticket = openTicket("sam@example.com", "The export button does nothing",
				"When I click export on the reports page nothing happens. Can you help?");
		By row = By.cssSelector("tr[data-ticket='" + ticket + "']");
		waiting(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(row));
		double appeared = (System.nanoTime() - before) / 1e9;
		System.out.printf("console: a ticket opened over the API appeared in the queue after %.2f s%n", appeared);
		assertThat(this.browser.findElement(row).getAttribute("data-band")).isEqualTo("on-track");
		assertThat(accessibility()).as("queue page").isEmpty();
		HeadlessChromium.screenshot(this.browser, "queue");

		this.browser.findElement(row).findElement(By.cssSelector("button.take")).click();
		waiting(Duration.ofSeconds(10)).until((d) -> d.findElement(row).getText().contains("ana"));

		this.browser.findElement(row).findElement(By.linkText(ticket)).click();
		waiting(Duration.ofSeconds(10)).until(
				ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li[data-type='TicketOpened']")));
		this.browser.findElement(By.id("reply"))
			.sendKeys("Thanks Sam, the export button works again after a reload; please try once more.");
		this.browser.findElement(By.id("send-reply")).click();
		waiting(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> EndToEnd.mailsTo(smtp, "sam@example.com")
				.stream()
				.anyMatch((mail) -> EndToEnd.text(mail).contains("the export button works again after a reload")));

		// the lead's status page follows the team live: the ticket, then the customer
		// asked
		ChromeDriver lead = HeadlessChromium.start("en");
		try {
			lead.get(system.consoleUrl() + "/status");
			lead.findElement(By.id("key")).sendKeys(LEAD_KEY);
			lead.findElement(By.id("sign-in")).click();
			By waitingForCustomer = By.cssSelector("[data-team='support'] [data-figure='waiting-customer'] .figure");
			new WebDriverWait(lead, Duration.ofSeconds(15), Duration.ofMillis(50))
				.until(ExpectedConditions.textToBe(waitingForCustomer, "0"));
			assertThat(lead.findElement(By.cssSelector("[data-team='support'] [data-figure='open'] .figure")).getText())
				.isNotEqualTo("0");

			this.browser.findElement(By.id("reply")).clear();
			this.browser.findElement(By.id("reply")).sendKeys("Which browser do you use?");
			this.browser.findElement(By.id("ask")).click();
			new WebDriverWait(lead, Duration.ofSeconds(15), Duration.ofMillis(50))
				.until(ExpectedConditions.textToBe(waitingForCustomer, "1"));
			assertThat(HeadlessChromium.seriousAccessibilityViolations(lead)).as("status page").isEmpty();
			HeadlessChromium.screenshot(lead, "status");
		}
		finally {
			lead.quit();
		}

		// a refusal is the API's problem detail, shown as it came
		this.browser.findElement(By.id("survivor")).sendKeys("no-such-ticket");
		this.browser.findElement(By.id("merge")).click();
		WebElement problem = waiting(Duration.ofSeconds(10))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
		assertThat(problem.getText()).contains("(4").doesNotContain("Exception").doesNotContain("at dev.");
		waiting(Duration.ofSeconds(10))
			.until((d) -> d.findElements(By.cssSelector("#timeline li[data-type='AgentReplied']")).size() == 1);
		assertThat(accessibility()).as("ticket page").isEmpty();
		HeadlessChromium.screenshot(this.browser, "ticket");
	}

	/**
	 * The queue shows each ticket's best suggestion, and a ticket goes to a colleague
	 * through the queue's dialog.
	 */
	@Test
	void an_agent_sees_the_best_suggestion_and_assigns_a_ticket_to_a_colleague() throws Exception {
		String ticket = openTicket("nia@example.com", "Where is my parcel?",
				"The tracking page has not changed for a week.");
		this.browser = HeadlessChromium.start("en");
		this.browser.get(system.consoleUrl() + "/queue");
		signIn(AGENT_KEY);
		By row = By.cssSelector("tr[data-ticket='" + ticket + "']");
		waiting(Duration.ofSeconds(15)).until((d) -> !d.findElements(row).isEmpty()
				&& !d.findElement(row).findElement(By.cssSelector("td.suggestion")).getText().isBlank());
		assertThat(this.browser.findElement(row).findElement(By.cssSelector("td.suggestion")).getText())
			.as("the best suggestion with its score")
			.containsPattern("\\(0\\.\\d\\d\\)");

		this.browser.findElement(row).findElement(By.cssSelector("button.assign")).click();
		WebElement dialog = waiting(Duration.ofSeconds(5))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("assign-dialog")));
		assertThat(dialog.findElement(By.id("assign-title")).getText()).contains(ticket);
		new org.openqa.selenium.support.ui.Select(dialog.findElement(By.id("assign-agent"))).selectByValue("bo");
		assertThat(accessibility()).as("queue page with the assign dialog").isEmpty();
		dialog.findElement(By.id("assign-confirm")).click();
		waiting(Duration.ofSeconds(10))
			.until((d) -> d.findElement(row).findElement(By.xpath("td[10]")).getText().equals("bo"));
		HttpResponse<String> view = call("GET", system.ticketServiceUrl() + "/tickets/" + ticket, AGENT_KEY, null);
		assertThat(json.readTree(view.body()).path("assignee").asString()).isEqualTo("bo");
	}

	@Test
	void each_role_sees_only_its_pages_and_a_forged_change_or_an_ended_session_is_refused() throws Exception {
		this.browser = HeadlessChromium.start("es");
		this.browser.get(system.consoleUrl() + "/");
		signIn(ENGINEERING_KEY);
		this.browser.get(system.consoleUrl() + "/queue");
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("No para su rol");
		assertThat(this.browser.findElements(By.id("queue"))).isEmpty();
		assertThat(accessibility()).as("refused page").isEmpty();

		// a change without the CSRF token, as another site's page would send it
		Object forged = this.browser.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch('/api/ticket/issues', { method: 'POST', headers: { 'Content-Type': 'application/json' },
				  body: JSON.stringify({ title: 'forged' }) }).then((r) => done(r.status));
				""");
		assertThat(forged).isEqualTo(403L);

		// the session ends (here: its cookie is gone, as when it expired): back to the
		// sign-in
		this.browser.manage().deleteCookieNamed("TICKETLOOP_SESSION");
		this.browser.get(system.consoleUrl() + "/queue");
		assertThat(this.browser.getCurrentUrl()).contains("/sign-in");
		signIn(LEAD_KEY);
		waiting(Duration.ofSeconds(15)).until(ExpectedConditions.textToBe(By.id("live"), "● en vivo"));
		assertThat(this.browser.findElements(By.cssSelector("#nav a"))).extracting(WebElement::getText)
			.containsExactly("Cola", "Estado", "Incidencias conocidas", "Informes");
		this.browser.findElement(By.id("sign-out")).click();
		waiting(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/sign-in"));
		this.browser.get(system.consoleUrl() + "/queue");
		assertThat(this.browser.getCurrentUrl()).contains("/sign-in");
	}

	/**
	 * The survey link in the satisfaction mail opens a page in the customer's language;
	 * their score and comment rate the ticket.
	 */
	@Test
	void the_customer_rates_the_answer_on_the_survey_page_the_mail_links_to() throws Exception {
		HttpResponse<String> opened = call("POST", system.ticketServiceUrl() + "/tickets", EMAIL_KEY,
				Map.of("channel", "email", "customerRef", "cust-lucia", "contact",
						Map.of("email", "lucia@example.com", "name", "Lucía"), "locale", "es-ES", "subject",
						"No puedo cambiar mi dirección", "body", "La página de perfil no guarda mi nueva dirección."));
		String ticket = json.readTree(opened.body()).get("ticketId").asString();
		String path = system.ticketServiceUrl() + "/tickets/" + ticket;
		await().atMost(Duration.ofSeconds(30))
			.until(() -> call("POST", path + "/assignment", AGENT_KEY, Map.of("agent", "ana")).statusCode() == 200);
		assertThat(call("POST", path + "/resolution", AGENT_KEY,
				Map.of("resolution", "Hemos corregido la página de perfil; ya guarda la dirección."))
			.statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> EndToEnd.mailsTo(smtp, "lucia@example.com")
				.stream()
				.anyMatch((m) -> EndToEnd.text(m).contains("/surveys/")));
		String link = EndToEnd.mailsTo(smtp, "lucia@example.com")
			.stream()
			.map(EndToEnd::text)
			.flatMap(String::lines)
			.filter((l) -> l.contains("/surveys/"))
			.map((l) -> l.substring(l.indexOf("http")).trim())
			.findFirst()
			.orElseThrow();

		this.browser = HeadlessChromium.start("es");
		// a link altered on the way: a page that says so, in the browser's language
		this.browser.get(link.substring(0, link.length() - 2) + "xx");
		assertThat(this.browser.findElement(By.cssSelector(".problem")).getText())
			.isEqualTo("Este enlace de encuesta no es válido. Use el enlace de nuestro correo tal como está.");
		this.browser.get(link);
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("¿Qué tal lo hicimos?");
		assertThat(this.browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
		assertThat(HeadlessChromium.seriousAccessibilityViolations(this.browser)).as("survey page").isEmpty();
		HeadlessChromium.screenshot(this.browser, "survey");
		this.browser.findElement(By.cssSelector("input[name='score'][value='4']")).click();
		this.browser.findElement(By.id("comment")).sendKeys("Rápido y amable");
		this.browser.findElement(By.id("send")).click();

		waiting(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("thanks")));
		assertThat(this.browser.findElement(By.id("thanks")).getText()).isEqualTo("Gracias: recibimos su respuesta.");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> json
				.readTree(http.send(HttpRequest.newBuilder(URI.create(path)).header("X-Api-Key", AGENT_KEY).build(),
						HttpResponse.BodyHandlers.ofString())
					.body())
				.path("rating")
				.asInt(0) == 4);
	}

	/**
	 * Engineering follows a known issue from its report to the release, and the release's
	 * fan-out tells its customer.
	 */
	@Test
	void engineering_confirms_schedules_and_releases_a_known_issue_and_sees_its_customers_told() throws Exception {
		String ticket = openTicket("kim@example.com", "Reports crash on export",
				"The reports page crashes whenever I export to PDF.");
		String path = system.ticketServiceUrl() + "/tickets/" + ticket;
		HttpResponse<String> escalated = await().atMost(Duration.ofSeconds(30))
			.until(() -> call("POST", path + "/escalation", AGENT_KEY,
					Map.of("title", "PDF export crashes the reports page", "description", "Every PDF export.")),
					(r) -> r.statusCode() == 200);
		String issue = json.readTree(escalated.body()).get("issueKey").asString();

		this.browser = HeadlessChromium.start("en");
		this.browser.get(system.consoleUrl() + "/issues");
		signIn(ENGINEERING_KEY);
		By row = By.cssSelector("tr[data-issue='" + issue + "']");
		// insights-service lists it once it has read the escalation
		waiting(Duration.ofSeconds(30)).until((d) -> {
			if (d.findElements(row).isEmpty()) {
				d.navigate().refresh();
				return false;
			}
			return true;
		});
		assertThat(accessibility()).as("issues page").isEmpty();
		HeadlessChromium.screenshot(this.browser, "issues");

		this.browser.findElement(row).findElement(By.linkText(issue)).click();
		waiting(Duration.ofSeconds(10)).until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#tickets tr[data-ticket='" + ticket + "']")));
		this.browser.findElement(By.id("confirm")).click();
		waiting(Duration.ofSeconds(10))
			.until((d) -> "CONFIRMED".equals(d.findElement(By.tagName("body")).getAttribute("data-status")));
		this.browser.findElement(By.id("target-version")).sendKeys("9.1.0");
		this.browser.findElement(By.id("schedule")).click();
		waiting(Duration.ofSeconds(10))
			.until((d) -> "FIX_SCHEDULED".equals(d.findElement(By.tagName("body")).getAttribute("data-status")));
		this.browser.findElement(By.id("release-version")).sendKeys("9.1.0");
		this.browser.findElement(By.id("release")).click();
		waiting(Duration.ofSeconds(60))
			.until((d) -> "1".equals(d.findElement(By.tagName("body")).getAttribute("data-told")));
		assertThat(this.browser.findElement(By.id("fanout-text")).getText()).isEqualTo("1 of 1 told");
		assertThat(accessibility()).as("issue page").isEmpty();
		HeadlessChromium.screenshot(this.browser, "issue");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> EndToEnd.mailsTo(smtp, "kim@example.com")
				.stream()
				.anyMatch((m) -> EndToEnd.text(m).contains("9.1.0")));
	}

	/**
	 * Operators see every service's processors and replay one; the notifications given up
	 * on, one sent again and one discarded; the records set aside; insights' replay.
	 */
	@Test
	@Order(Integer.MAX_VALUE - 2) // after the reports: the replay starts insights over
	void an_operator_replays_read_models_and_works_the_notifications_given_up_on() throws Exception {
		this.browser = HeadlessChromium.start("en");
		this.browser.get(system.consoleUrl() + "/operations");
		signIn(OPERATOR_KEY);
		By processor = By.cssSelector("tr[data-processor='ticket/ticket-view']");
		waiting(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(processor));
		assertThat(this.browser.findElements(By.cssSelector("#processors tbody tr")).size()).isGreaterThan(3);
		waiting(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("no-records")));
		assertThat(this.browser.findElement(By.id("problem")).isDisplayed()).as("every service answered").isFalse();
		assertThat(this.browser.findElement(By.id("insights-replay")).getText()).isEqualTo("none yet");

		this.browser.findElement(processor).findElement(By.xpath(".//button[text()='Replay']")).click();
		waiting(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
		HttpResponse<String> after = call("GET", system.ticketServiceUrl() + "/operations/processors/ticket-view",
				OPERATOR_KEY, null);
		assertThat(json.readTree(after.body()).path("replay").path("requestedBy").asString()).isEqualTo("operator");

		// the chat adapter refuses two tickets' acknowledgements for good
		try (ChannelAdapterStub chat = ChannelAdapterStub.registeredForChat(system.notificationServiceUrl(),
				CHAT_KEY)) {
			chat.refuse(true);
			String kept = openChatTicket("kai@example.com", "Login loops back to the start");
			String dropped = openChatTicket("lu@example.com", "Login loops, test message please ignore");
			String keptLetter = kept + ":acknowledgement";
			String droppedLetter = dropped + ":acknowledgement";
			await().atMost(Duration.ofSeconds(30))
				.until(() -> call("GET", system.notificationServiceUrl() + "/dead-letters", OPERATOR_KEY, null).body()
					.contains(droppedLetter)
						&& call("GET", system.notificationServiceUrl() + "/dead-letters", OPERATOR_KEY, null).body()
							.contains(keptLetter));
			chat.refuse(false);
			this.browser.navigate().refresh();
			By keptRow = By.cssSelector("tr[data-dead-letter='" + keptLetter + "']");
			By droppedRow = By.cssSelector("tr[data-dead-letter='" + droppedLetter + "']");
			waiting(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(droppedRow));
			assertThat(this.browser.findElement(keptRow).getText()).contains("permanent");
			assertThat(accessibility()).as("operations page with dead letters").isEmpty();
			this.browser.executeScript("document.getElementById('insights-title').scrollIntoView()");
			HeadlessChromium.screenshot(this.browser, "operations");

			this.browser.findElement(keptRow).findElement(By.xpath(".//button[text()='Send again']")).click();
			waiting(Duration.ofSeconds(10)).until(ExpectedConditions.invisibilityOfElementLocated(keptRow));
			await().atMost(Duration.ofSeconds(30)).until(() -> !chat.about(kept).isEmpty());

			this.browser.findElement(droppedRow).findElement(By.xpath(".//button[text()='Discard']")).click();
			waiting(Duration.ofSeconds(10)).until(ExpectedConditions.invisibilityOfElementLocated(droppedRow));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> json
					.readTree(call("GET", system.notificationServiceUrl() + "/notifications/" + droppedLetter,
							OPERATOR_KEY, null)
						.body())
					.path("status")
					.asString()
					.equals("DISCARDED"));
			assertThat(chat.about(dropped)).isEmpty();
		}

		// insights-service starts over from the topics
		this.browser.findElement(By.cssSelector("#insights-actions button")).click();
		waiting(Duration.ofSeconds(10))
			.until((d) -> d.findElement(By.id("insights-replay")).getText().contains("operator"));
		assertThat(json
			.readTree(
					call("GET", system.insightsServiceUrl() + "/operations/insights/replay", OPERATOR_KEY, null).body())
			.path("requestedBy")
			.asString()).isEqualTo("operator");
	}

	private static String openChatTicket(String email, String subject) throws Exception {
		HttpResponse<String> opened = call("POST", system.ticketServiceUrl() + "/tickets", CHAT_KEY,
				Map.of("channel", "chat", "customerRef", "cust-" + email, "contact",
						Map.of("email", email, "name", "Kai"), "locale", "en-GB", "subject", subject, "body",
						subject + ", since this morning."));
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
		return json.readTree(opened.body()).get("ticketId").asString();
	}

	/**
	 * The loop's numbers as charts: the funnel, SLA attainment, satisfaction heat maps.
	 */
	@Test
	void a_lead_reads_the_funnel_sla_attainment_and_the_satisfaction_heat_maps() throws Exception {
		HttpResponse<String> opened = call("POST", system.ticketServiceUrl() + "/tickets", EMAIL_KEY,
				Map.of("channel", "email", "customerRef", "cust-rita", "contact",
						Map.of("email", "rita@example.com", "name", "Rita"), "locale", "en-GB", "subject",
						"Password reset mail never arrives", "body", "I asked for a password reset twice, no mail.",
						"platform", "android", "productVersion", "4.2.1"));
		String ticket = json.readTree(opened.body()).get("ticketId").asString();
		String path = system.ticketServiceUrl() + "/tickets/" + ticket;
		await().atMost(Duration.ofSeconds(30))
			.until(() -> call("POST", path + "/assignment", AGENT_KEY, Map.of("agent", "ana")).statusCode() == 200);
		assertThat(call("POST", path + "/resolution", AGENT_KEY, Map.of("resolution", "Sent a new reset link."))
			.statusCode()).isEqualTo(200);
		assertThat(
				call("POST", path + "/rating", EMAIL_KEY, Map.of("score", 2, "comment", "Took too long")).statusCode())
			.isEqualTo(200);

		this.browser = HeadlessChromium.start("en");
		this.browser.get(system.consoleUrl() + "/reports");
		signIn(LEAD_KEY);
		By cell = By.cssSelector("#csat-platform td[data-cell$='|android']");
		// insights-service adds the rating up within seconds
		waiting(Duration.ofSeconds(45)).until((d) -> {
			if (d.findElements(cell).isEmpty()) {
				d.findElement(By.id("show")).click();
				return false;
			}
			return true;
		});
		assertThat(this.browser.findElement(cell).getText()).startsWith("2.0");
		assertThat(this.browser.findElements(By.cssSelector("#funnel [data-step='opened']"))).hasSize(1);
		assertThat(this.browser.findElements(By.cssSelector("#sla tbody tr")).size()).isPositive();
		assertThat(accessibility()).as("reports page").isEmpty();
		HeadlessChromium.screenshot(this.browser, "reports");

		// the cell opens the ratings and comments behind it. The maps add up totals a few
		// seconds behind the tickets' facts, which the ratings are read from: a ticket
		// whose
		// category came after its rating is in the "unknown" row until the totals catch
		// up, so the maps are read again until the cell and its ratings agree
		By rating = By.xpath("//section[@id='ratings']//tr[td[2][text()='Took too long']]");
		new WebDriverWait(this.browser, Duration.ofSeconds(45), Duration.ofSeconds(1))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.ignoring(org.openqa.selenium.NoSuchElementException.class)
			.until((d) -> {
				if (!d.findElements(rating).isEmpty() && d.findElement(rating).isDisplayed()) {
					return true;
				}
				d.findElement(By.id("show")).click();
				waiting(Duration.ofSeconds(10)).until((again) -> !again.findElements(cell).isEmpty()
						&& !again.findElement(By.id("ratings")).isDisplayed());
				d.findElement(cell).findElement(By.tagName("button")).click();
				waiting(Duration.ofSeconds(5)).until((shown) -> shown.findElement(By.id("ratings")).isDisplayed());
				return !d.findElements(rating).isEmpty();
			});
		assertThat(this.browser.findElement(rating).findElement(By.xpath("td[1]")).getText()).isEqualTo("2");
		assertThat(this.browser.findElement(rating).findElement(By.linkText(ticket)).getAttribute("href"))
			.endsWith("/tickets/" + ticket);
		assertThat(this.browser.findElement(By.id("ratings-title")).getText()).contains("android");
		assertThat(accessibility()).as("reports page with a cell's ratings").isEmpty();
	}

	/**
	 * A marketplace ticket (first response within 72 hours, around the clock) in the
	 * agent's queue, as routing's time moves on: green with more than half the time left,
	 * yellow under half, orange under a quarter (and warned), red once the deadline
	 * passed; its page then shows the SLA clock's warning and breach in the history,
	 * follows the ticket live, and gives the delivery proof of the customer's mail.
	 */
	@Test
	@Order(Integer.MAX_VALUE - 1) // after the others: the moved time makes their tickets
									// late too
	void a_tickets_band_turns_from_green_to_yellow_to_red_as_time_passes() throws Exception {
		HttpResponse<String> opened = call("POST", system.ticketServiceUrl() + "/tickets", EMAIL_KEY,
				Map.of("channel", "email", "customerRef", "cust-mo", "customerTier", "marketplace", "contact",
						Map.of("email", "mo@example.com", "name", "Mo"), "locale", "en-GB", "subject",
						"Where is my parcel?", "body", "The tracking page has not changed for a week."));
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
		String ticket = json.readTree(opened.body()).get("ticketId").asString();
		this.browser = HeadlessChromium.start("en");
		this.browser.get(system.consoleUrl() + "/queue");
		signIn(AGENT_KEY);
		By row = By.cssSelector("tr[data-ticket='" + ticket + "']");
		By band = By.cssSelector("tr[data-ticket='" + ticket + "'] .band");
		try {
			waiting(Duration.ofSeconds(15)).until(ExpectedConditions.attributeToBe(row, "data-band", "on-track"));
			assertThat(this.browser.findElement(band).getCssValue("color")).isEqualTo("rgba(30, 107, 52, 1)");

			ROUTING_CLOCK.shiftBy(Duration.ofHours(40)); // 32 of 72 hours left
			waiting(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(row, "data-band", "at-risk"));
			assertThat(this.browser.findElement(band).getCssValue("color")).isEqualTo("rgba(107, 89, 0, 1)");
			assertThat(this.browser.findElement(band).getText()).isNotBlank();

			ROUTING_CLOCK.shiftBy(Duration.ofHours(60)); // 12 hours left, past the
															// warning at 75 %
			waiting(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(row, "data-band", "critical"));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> json
					.readTree(call("GET", system.routingServiceUrl() + "/tickets/" + ticket + "/sla-clock", AGENT_KEY,
							null)
						.body())
					.path("targets")
					.valueStream()
					.anyMatch((target) -> target.path("warned").asBoolean()));

			ROUTING_CLOCK.shiftBy(Duration.ofHours(73)); // an hour late
			waiting(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(row, "data-band", "breached"));
			assertThat(this.browser.findElement(band).getCssValue("color")).isEqualTo("rgba(179, 38, 30, 1)");
			HeadlessChromium.screenshot(this.browser, "queue-breached");

			// the clock's timers raised the warning and the breach: the ticket's history
			// shows them next to the ticket's own events, live
			this.browser.findElement(row).findElement(By.linkText(ticket)).click();
			waiting(Duration.ofSeconds(30)).until((d) -> {
				if (d.findElements(By.cssSelector("#timeline li[data-type='SlaTargetBreached']")).isEmpty()) {
					d.navigate().refresh(); // the breach is routing's: no change of the
											// ticket tells
					return false;
				}
				return true;
			});
			assertThat(this.browser.findElements(By.cssSelector("#timeline li[data-type='SlaWarningRaised']")))
				.hasSize(1);
			assertThat(
					this.browser.findElement(By.cssSelector("#timeline li[data-type='SlaTargetBreached']")).getText())
				.contains("FIRST_RESPONSE")
				.contains("marketplace");
		}
		finally {
			ROUTING_CLOCK.shiftBy(Duration.ZERO);
		}

		// the agent replies; the page follows the ticket by itself: the reply, then the
		// mail's receipt, whose delivery proof notification-service gives
		this.browser.findElement(By.id("take")).click();
		waiting(Duration.ofSeconds(10)).until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#timeline li[data-type='TicketAssigned']")));
		HttpResponse<String> reply = call("POST", system.ticketServiceUrl() + "/tickets/" + ticket + "/replies",
				AGENT_KEY, Map.of("body", "Your parcel left the warehouse today, Mo."));
		assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
		waiting(Duration.ofSeconds(10)).until(
				ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li[data-type='AgentReplied']")));
		By receipt = By.cssSelector("#timeline li[data-type='CustomerNotified']");
		waiting(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(receipt));
		this.browser.findElement(receipt).findElement(By.cssSelector("button.proof")).click();
		waiting(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(receipt, "data-proof", "DELIVERED"));
		assertThat(this.browser.findElement(receipt).getText()).contains("delivered");
		assertThat(accessibility()).as("ticket page with the SLA's events and a delivery proof").isEmpty();
		HeadlessChromium.screenshot(this.browser, "ticket-sla");
	}

	/**
	 * A queue of 1,000 tickets, opened through the real services, drawn in the browser:
	 * the time to draw it and the time from the page's navigation to the first drawn
	 * queue, next to a queue of 5 in the same run, and the page's weight. Measured and
	 * printed, not asserted as timings (docs/benchmarks.md).
	 */
	@Test
	@Order(Integer.MAX_VALUE) // last: the other tests' queues stay small
	void a_queue_of_a_thousand_tickets_is_drawn_and_its_time_measured() throws Exception {
		for (int i = 0; i < 5; i++) {
			openTicket("payer" + i + "@example.com", "Invoice charged twice", "My invoice was charged twice.");
		}
		java.util.concurrent.Semaphore parallel = new java.util.concurrent.Semaphore(16);
		List<java.util.concurrent.Future<String>> opened = new java.util.ArrayList<>();
		try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 1000; i++) {
				int n = i;
				opened.add(executor.submit(() -> {
					parallel.acquire();
					try {
						return openTicket("bulk" + n + "@example.com", "The app shows a blank screen " + n,
								"After the update the app only shows a blank screen.");
					}
					finally {
						parallel.release();
					}
				}));
			}
			for (var ticket : opened) {
				ticket.get();
			}
		}
		await().atMost(Duration.ofMinutes(3))
			.until(() -> json
				.readTree(http.send(HttpRequest.newBuilder(URI.create(system.routingServiceUrl() + "/queues"))
					.header("X-Api-Key", OPERATOR_KEY)
					.build(), HttpResponse.BodyHandlers.ofString()).body())
				.path("support")
				.properties()
				.stream()
				.mapToInt((band) -> band.getValue().asInt())
				.sum() >= 1000);

		this.browser = HeadlessChromium.start("en");
		this.browser.get(system.consoleUrl() + "/queue?team=billing&show=all");
		signIn(AGENT_KEY);
		double[] small = drawn(5);
		this.browser.get(system.consoleUrl() + "/queue?team=support&show=all");
		double[] large = drawn(1000);
		Number weight = (Number) this.browser.executeScript("""
				const asset = (e) => !e.name.includes('/api/') && !e.name.includes('/session');
				return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
				  .filter(asset).reduce((n, e) => n + e.encodedBodySize, 0);
				""");
		System.out.printf(
				"console: queue of %d drawn in %.1f ms, first drawn %.0f ms after navigation; "
						+ "baseline queue of %d: %.1f ms, %.0f ms; page weight (HTML, CSS, JS) %.1f KB%n",
				(int) large[0], large[1], large[2], (int) small[0], small[1], small[2], weight.doubleValue() / 1024);
		assertThat(large[0]).isGreaterThanOrEqualTo(1000);
		assertThat(this.browser.findElements(By.cssSelector("#queue tbody tr")).size()).isGreaterThanOrEqualTo(1000);
	}

	/**
	 * Rows drawn, the last drawing's milliseconds, and navigation to the first drawing.
	 */
	private double[] drawn(int atLeast) {
		waiting(Duration.ofSeconds(30)).until((d) -> {
			String rendered = d.findElement(By.tagName("body")).getAttribute("data-rendered");
			return rendered != null && Integer.parseInt(rendered) >= atLeast;
		});
		WebElement body = this.browser.findElement(By.tagName("body"));
		return new double[] { Double.parseDouble(body.getAttribute("data-rendered")),
				Double.parseDouble(body.getAttribute("data-render-millis")),
				Double.parseDouble(body.getAttribute("data-first-render-millis")) };
	}

}
