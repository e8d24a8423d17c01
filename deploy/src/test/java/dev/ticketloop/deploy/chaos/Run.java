package dev.ticketloop.deploy.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import dev.ticketloop.deploy.processes.ServiceProcesses;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * One run of the chaos suite on one system (one or two instances of each service): the
 * scenarios' shared clients, killer and findings.
 */
final class Run {

	/**
	 * What one invariant came to in one scenario.
	 *
	 * @param checked how many things it was checked on (tickets, deadlines, messages)
	 * @param violations how many broke it (must be 0)
	 * @param window how many were within the documented at-least-once window (a message
	 * sent again with the same id after a crash between sending and recording it),
	 * counted apart
	 */
	record Check(String scenario, int instances, String invariant, long checked, long violations, long window,
			String note) {
	}

	final ChaosSystem system;

	final Api api = new Api();

	final Killer killer;

	final Random random;

	final String id;

	final Size size;

	private final List<Check> checks = new CopyOnWriteArrayList<>();

	private final Map<String, Long> counts = new HashMap<>();

	Run(ChaosSystem system, Random random, String id, Size size) {
		this.system = system;
		this.random = random;
		this.killer = new Killer(system, random);
		this.id = id;
		this.size = size;
	}

	void check(String scenario, String invariant, long checked, long violations, long window, String note) {
		this.checks.add(new Check(scenario, this.system.instances(), invariant, checked, violations, window, note));
	}

	List<Check> checks() {
		return List.copyOf(this.checks);
	}

	synchronized void count(String what, long n) {
		this.counts.merge(what, n, Long::sum);
	}

	synchronized Map<String, Long> counts() {
		return Map.copyOf(this.counts);
	}

	List<String> tickets() {
		return this.system.allUrls(ServiceProcesses.TICKET);
	}

	List<String> notifications() {
		return this.system.allUrls(ServiceProcesses.NOTIFICATION);
	}

	/** Runs the tasks on {@code threads} threads, as that many clients would. */
	static <T> List<T> inParallel(int threads, List<Callable<T>> tasks) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<T>> futures = executor.invokeAll(tasks);
			List<T> results = new ArrayList<>();
			for (Future<T> f : futures) {
				results.add(f.get());
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	/** Waits until the condition holds, at most {@code limit}. */
	static boolean await(Duration limit, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return true;
			}
			Thread.sleep(500);
		}
		return condition.getAsBoolean();
	}

	/** Opens a ticket (with an idempotency key: sent again until it answers). */
	String open(String channel, String customer, String key, String tier) throws InterruptedException {
		String contact = channel.equals("email") ? "{\"email\":\"" + customer + "@chaos.example\",\"name\":\"C\"}"
				: "{\"name\":\"C\"}";
		String body = """
				{"channel":"%s","customerRef":"%s","contact":%s,"locale":"en","subject":"Chaos %s",
				 "body":"Something misbehaves since the update"%s}""".formatted(channel, customer, contact, customer,
				(tier != null) ? ",\"customerTier\":\"" + tier + "\"" : "");
		Api.Answer answer = this.api.call(tickets(), "POST", "/tickets", body,
				channel.equals("email") ? ChaosSystem.EMAIL_KEY : ChaosSystem.CHAT_KEY, Map.of("Idempotency-Key", key),
				Duration.ofMinutes(3));
		if (answer.status() != 201) {
			throw new IllegalStateException(
					"Intake refused a correct request: " + answer.status() + " " + answer.text());
		}
		return answer.field("ticketId");
	}

	/** A ticket's view, or null when there is none (404). */
	JsonNode ticket(String id) throws InterruptedException {
		Api.Answer answer = this.api.call(tickets(), "GET", "/tickets/" + id, null, ChaosSystem.AGENT_KEY);
		return (answer.status() == 200) ? answer.body() : null;
	}

	/** The views of the tickets linked to an issue, all pages. */
	List<JsonNode> ticketsOfIssue(String issue) throws InterruptedException {
		List<JsonNode> tickets = new ArrayList<>();
		String after = null;
		do {
			Api.Answer page = this.api.call(tickets(), "GET",
					"/issues/" + issue + "/tickets?limit=200" + ((after != null) ? "&after=" + after : ""), null,
					ChaosSystem.AGENT_KEY);
			page.body().path("items").forEach(tickets::add);
			after = page.body().path("next").isNull() || page.body().path("next").isMissingNode() ? null
					: page.body().path("next").asString();
		}
		while (after != null && !after.isEmpty());
		return tickets;
	}

	/**
	 * The messages received for each notification (mail: by its
	 * {@code X-Ticketloop-Notification} header; webhook: by its id), and how many of them
	 * repeat an id already received (the same Message-ID or delivery id).
	 */
	Map<String, Received> received() throws MessagingException {
		Map<String, Received> received = new HashMap<>();
		for (MimeMessage mail : this.system.smtp().receivedMessages()) {
			String[] notification = mail.getHeader("X-Ticketloop-Notification");
			if (notification != null) {
				received.computeIfAbsent(notification[0], (n) -> new Received()).add(mail.getMessageID());
			}
		}
		for (WebhookReceiver.Received webhook : this.system.webhooks().received()) {
			received.computeIfAbsent(webhook.notification(), (n) -> new Received()).add(webhook.delivery());
		}
		return received;
	}

	/** The messages received for one notification. */
	static final class Received {

		private final List<String> ids = new ArrayList<>();

		void add(String messageId) {
			this.ids.add(messageId);
		}

		int count() {
			return this.ids.size();
		}

		/** Received more than once, always with the same id: the at-least-once window. */
		boolean repeated() {
			return this.ids.size() > 1 && this.ids.stream().distinct().count() == 1;
		}

		/** Received under different ids: told twice. */
		boolean doubled() {
			return this.ids.stream().distinct().count() > 1;
		}

	}

	/** How big a run is. */
	enum Size {

		small, full

	}

}
